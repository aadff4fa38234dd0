"""Month and weekday names of calendar(1) files, in the languages their LANG= lines name."""

from __future__ import annotations

# Full names (and the extra forms locales use: genitive month names, short weekday names) by
# language, months January first, weekdays Monday first. A word in a date names a month or a
# weekday when it is one of these names or a prefix of one at least three letters long
# ("Sept", "Thurs", "févr"). English is always read, as calendar(1) always reads the C names.

NAMES = {
    "en": ("january february march april may june july august september october november december",
           "monday tuesday wednesday thursday friday saturday sunday"),
    "de": ("januar februar märz april mai juni juli august september oktober november dezember"
           " jänner februar maerz april mai juni juli august september oktober november dezember",
           "montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so"
           " montag dienstag mittwoch donnerstag freitag sonnabend sonntag"),
    "fr": ("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
           " janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
           "lundi mardi mercredi jeudi vendredi samedi dimanche"),
    "nl": ("januari februari maart april mei juni juli augustus september oktober november december",
           "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"),
    "es": ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
           " enero febrero marzo abril mayo junio julio agosto setiembre octubre noviembre diciembre",
           "lunes martes miércoles jueves viernes sábado domingo"
           " lunes martes miercoles jueves viernes sabado domingo"),
    "it": ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
           "lunedì martedì mercoledì giovedì venerdì sabato domenica"
           " lunedi martedi mercoledi giovedi venerdi sabato domenica"),
    "pt": ("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
           " janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
           "segunda terça quarta quinta sexta sábado domingo segunda terca quarta quinta sexta sabado domingo"),
    "ru": ("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
           " января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
           "понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс"),
    "uk": ("січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень"
           " січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
           "понеділок вівторок середа четвер пʼятниця субота неділя пн вт ср чт пт сб нд"
           " понеділок вівторок середа четвер п'ятниця субота неділя"),
    "hr": ("siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad studeni prosinac"
           " siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca",
           "ponedjeljak utorak srijeda četvrtak petak subota nedjelja"),
    "hu": ("január február március április május június július augusztus szeptember október november december",
           "hétfő kedd szerda csütörtök péntek szombat vasárnap"),
}  # fmt: skip

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
SPECIALS = ("easter", "paskha", "advent")
# Special days of FreeBSD's or Debian's calendar that this module does not compute.
UNSUPPORTED = (
    "chinesenewyear",
    "newmoon",
    "fullmoon",
    "marequinox",
    "sepequinox",
    "junsolstice",
    "decsolstice",
    "pesach",
    "cny",
)
# Settings of calendar(1) that change nothing here.
IGNORED_SETTINGS = ("bodun", "anniv", "sequence", "utc-offset", "longitude", *UNSUPPORTED)

_TABLES: dict[str, list[tuple[str, str, int]]] = {}  # language -> [(name, "m" or "w", number)]


def _table(lang: str) -> list[tuple[str, str, int]]:
    table = _TABLES.get(lang)
    if table is None:
        months, weekdays = NAMES[lang]
        table = [(name, "m", i % 12 + 1) for i, name in enumerate(months.split())]
        wd = weekdays.split()
        # a weekday list is 7 full names, maybe short names, maybe a second spelling of the 7
        table += [(name, "w", i % 7) for i, name in enumerate(wd)]
        _TABLES[lang] = table
    return table


_LOOKED_UP: dict[tuple[str, str | None], tuple[str, int] | None] = {}


def lookup_name(word: str, lang: str | None) -> tuple[str, int] | None:
    """What a word names: ("m", month 1-12) or ("w", weekday 0=Monday), or None (unknown or ambiguous).

    English first, then the file's LANG language, then the other languages known here. Within one of
    these tiers a whole name beats a prefix, and a month beats a weekday (as in calendar(1))."""
    key = (word, lang)
    if key not in _LOOKED_UP:
        if len(_LOOKED_UP) > 10_000:
            _LOOKED_UP.clear()
        _LOOKED_UP[key] = _find_name(word, lang)
    return _LOOKED_UP[key]


def _find_name(word: str, lang: str | None) -> tuple[str, int] | None:
    tiers = ["en"] + ([lang] if lang and lang != "en" and lang in NAMES else [])
    tiers.append("*")
    for tier in tiers:
        langs = [lang_ for lang_ in NAMES if lang_ not in tiers] if tier == "*" else [tier]
        best: dict[tuple[str, int], int] = {}
        for lang_ in langs:
            for name, kind, number in _table(lang_):
                if word == name or (len(word) >= 3 and name.startswith(word)):
                    best[(kind, number)] = max(best.get((kind, number), 0), 2 if word == name else 1)
        if best:
            top = max(best.values())
            found = [k for k, v in best.items() if v == top]
            months = [k for k in found if k[0] == "m"]
            if len(found) == 1:
                return found[0]
            if len(months) == 1:  # a tie between a month and a weekday: calendar(1) reads months first
                return months[0]
            return None
    return None


def weekday_of(word: str, lang: str | None) -> tuple[int, int | None] | None:
    """A weekday word with an optional English ordinal glued to it: 'Sun', 'SundayLast', 'LastSun'.

    Returns (weekday, ordinal or None)."""
    found = lookup_name(word, lang)
    if found and found[0] == "w":
        return found[1], None
    for ordinal, n in ORDINALS.items():
        for part in (
            word[: -len(ordinal)] if word.endswith(ordinal) else "",
            word[len(ordinal) :] if word.startswith(ordinal) else "",
        ):
            if part:
                found = lookup_name(part, lang)
                if found and found[0] == "w":
                    return found[1], n
    return None
