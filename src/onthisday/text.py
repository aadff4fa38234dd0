"""Text from data files: making it safe for a terminal, and keys for forgiving name matching.

Data files are untrusted. `clean` removes every character that could start or carry a terminal
escape sequence (C0 and C1 controls, DEL) and the bidirectional controls that can reorder what a
reader sees. The loader refuses files with such characters (rule E017); `clean` is the second line
of defence for everything that reaches the screen, file names and error messages included.
"""

from __future__ import annotations

_CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0)]
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# Translation tables (no regular expressions: this module is on the greeting's path).
_DROP = dict.fromkeys([c for c in _CONTROLS if c not in (0x09, 0x0A)] + _BIDI)  # keeps tab, newline
_DROP_LINE = {**dict.fromkeys(_CONTROLS + _BIDI), 0x09: " ", 0x0A: " ", 0x0D: " "}
_ESCAPE = {c: f"\\u{c:04x}" for c in _CONTROLS + _BIDI}


def unsafe_chars(text: str) -> list[str]:
    """The unsafe characters in text, as U+XXXX codes (for error messages)."""
    return sorted({f"U+{ord(c):04X}" for c in text if ord(c) in _DROP})


def has_unsafe(text: str) -> bool:
    return len(text.translate(_DROP)) != len(text)


def clean(text: str) -> str:
    """Text with every control and bidi character removed; tabs and newlines kept."""
    return text.translate(_DROP)


def clean_line(text: str) -> str:
    """One line of text for a message or a greeting: all controls removed, tabs and newlines as spaces."""
    return text.translate(_DROP_LINE)


def show(value: object, limit: int | None = 80) -> str:
    """A value from user input or a file name, made safe for an error message (and cut to limit)."""
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates from odd file names
    escaped = text.translate(_ESCAPE)
    return escaped if limit is None or len(escaped) <= limit else escaped[: limit - 3] + "..."


_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "i",
    "є": "e", "ґ": "g",
}  # fmt: skip

# Spelling variants of the same sound across English, German and French transliterations,
# folded to one form so that "Tuchatschewski", "Toukhatchevski" and "Tukhachevskii" meet.
_FOLDS = (
    ("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("kh", "h"), ("ou", "u"), ("w", "v"),
    ("ij", "i"), ("iy", "i"), ("yi", "i"), ("ii", "i"), ("y", "i"), ("j", "i"), ("ks", "x"),
    ("ck", "k"), ("q", "k"), ("ff", "f"), ("ss", "s"),
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-case ascii letters and digits only: accents stripped, Cyrillic transliterated."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text.casefold())
    out = []
    for ch in text:
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        elif ch.isascii():
            out.append(ch if ch.isalnum() else " ")
        elif unicodedata.combining(ch):
            continue
        elif ch.isalnum():
            out.append(ch)
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def sound_key(text: str) -> str:
    """fold() with the spelling variants of transliteration merged; spaces kept between words."""
    text = fold(text)
    for old, new in _FOLDS:
        text = text.replace(old, new)
    return text


def count(n: int, word: str) -> str:
    """'1 file', '2 files'."""
    return f"{n} {word}{'s' if n != 1 else ''}"


def display_width(text: str) -> int:
    """Columns the text takes on a terminal: wide (CJK) characters count two, combining marks none."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit(text: str, width: int, ellipsis: str = "...") -> str:
    """text cut to at most width columns, at a word boundary where one is near, ending in ellipsis."""
    if display_width(text) <= width:
        return text
    room = max(width - display_width(ellipsis), 1)
    cut, used = 0, 0
    for i, c in enumerate(text):
        w = display_width(c)
        if used + w > room:
            break
        cut, used = i + 1, used + w
    head = text[:cut]
    space = head.rfind(" ")
    if space > 0 and display_width(head[space:]) <= 12 and text[cut] != " ":  # a word boundary near: cut there
        head = head[:space]
    return head.rstrip(" ,;:-") + ellipsis
