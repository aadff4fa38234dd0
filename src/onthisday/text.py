"""Text from data files: making it safe for a terminal, and keys for forgiving name matching.

Data files are untrusted. `clean` removes every character that could start or carry a terminal
escape sequence (C0 and C1 controls, DEL) and the bidirectional controls that can reorder what a
reader sees. The loader refuses files with such characters (rule E017); `clean` is the second line
of defence for everything that reaches the screen, file names and error messages included.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def unsafe_chars(text: str) -> list[str]:
    """The unsafe characters in text, as U+XXXX codes (for error messages)."""
    return sorted({f"U+{ord(c):04X}" for c in _UNSAFE.findall(text)})


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def clean(text: str) -> str:
    """Text with every control and bidi character removed; tabs and newlines kept."""
    return _UNSAFE.sub("", text)


def clean_line(text: str) -> str:
    """One line of text for a message or a greeting: all controls removed, newlines too."""
    return _UNSAFE_LINE.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)


def show(value: object, limit: int | None = 80) -> str:
    """A value from user input or a file name, made safe for an error message (and cut to limit)."""
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates from odd file names
    escaped = _UNSAFE_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
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
