from onthisday.entry import main

raise SystemExit(main())
