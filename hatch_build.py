"""Build hook: compile the bundled database into the wheel, so that the first run after an install
reads a ready index instead of parsing and checking the TOML (see src/onthisday/index.py)."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileBundledData(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads data/events.toml from the checkout, as it changes
        sys.path.insert(0, os.path.join(self.root, "src"))
        try:
            from onthisday.local.cache import compile_bundled
        finally:
            sys.path.pop(0)
        out = os.path.join(tempfile.mkdtemp(prefix="onthisday-build-"), "events.idx")
        try:
            compile_bundled(os.path.join(self.root, "data", "events.toml"), out)
        except ValueError as exc:
            raise SystemExit(f"data/events.toml fails its own rules; run `onthisday check`:\n{exc}") from None
        build_data["force_include"][out] = "onthisday/data/events.idx"
