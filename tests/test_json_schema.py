"""schema/onthisday-data.schema.json: the JSON Schema editors use for data files (Taplo, Even Better TOML).

It must say what src/onthisday/validate.py says, no more and no less, for the rules that JSON Schema
can express: E003-E007, E015-E021. The rest (E008 real calendar dates, E009 ranges running
forwards, E010 Old Style offsets, E011 unique ids, E012-E014 references, lifespans) need
arithmetic or all files at once, and stay with `onthisday check`.

The field lists, required fields and length limits are compared with validate.py's own tables, and
every field is broken one way at a time and run through both validate.check_file and the schema.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema  # noqa: E402 - in the test extra
import pytest

from onthisday.db import validate  # noqa: E402
from onthisday.db.countries import COUNTRIES
from onthisday.db.policy import BOOK_OPTIONAL, BOOK_REQUIRED

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SCHEMA_PATH = ROOT / "schema" / "onthisday-data.schema.json"
RULES_DIR = TESTS / "fixtures" / "rules"

# The rules a JSON Schema can check on one file; the others are `onthisday check`'s alone.
SCHEMA_RULES = {"E003", "E004", "E005", "E006", "E007", "E015", "E016", "E017", "E018", "E019", "E020", "E021"}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]):
    return jsonschema.Draft202012Validator(schema)


def load(path: Path) -> dict[str, Any]:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def errors(validator, doc: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:120]}" for e in validator.iter_errors(doc)]


# ---- the schema itself ---------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] and schema["title"] and schema["description"]


def test_every_field_has_hover_help(schema: dict[str, Any]) -> None:
    for kind in ("event", "person"):
        for name, spec in schema["$defs"][kind]["properties"].items():
            assert spec.get("description"), f"{kind}.{name} has no description"
            assert spec.get("title"), f"{kind}.{name} has no title"
    for name, spec in schema["properties"].items():
        assert spec.get("description"), f"{name} has no description"


def test_no_keyword_beside_ref(schema: dict[str, Any]) -> None:
    """Taplo (Draft 4 rules) ignores every keyword next to a $ref, descriptions included."""

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "$ref" in node:
                assert set(node) == {"$ref"}, f"{where}: keywords beside $ref are lost in Taplo"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, "#")


# ---- the schema says what validate.py says ----------------------------------------------------------

_JSON_TYPE = {
    validate._STR: "string",
    validate._CAL: "string",
    validate._LIST: "array",
    validate._SOURCES: "array",
    validate._BOOL: "boolean",
}


@pytest.mark.parametrize("kind, fields", [("event", validate.EVENT_FIELDS), ("person", validate.PERSON_FIELDS)])
def test_fields_types_required_and_limits_match_validate(
    schema: dict[str, Any], kind: str, fields: dict[str, tuple[str, bool, int]]
) -> None:
    spec = schema["$defs"][kind]
    assert spec["additionalProperties"] is False
    assert set(spec["properties"]) == set(fields)
    assert set(spec["required"]) == {name for name, (_, required, _) in fields.items() if required}
    for name, (typ, _, limit) in fields.items():
        prop = spec["properties"][name]
        assert prop["type"] == _JSON_TYPE[typ], name
        if typ in (validate._STR, validate._CAL):
            expected = validate.TITLE_MAX if name == "title" else limit
            assert prop["maxLength"] == expected, name
        if name.endswith("country"):
            assert prop["enum"] == sorted(COUNTRIES), name
        elif typ == validate._LIST:
            assert prop["items"]["type"] == "string", name
            assert prop["items"]["maxLength"] == limit, name
    assert spec["properties"]["sources"]["minItems"] == 1
    book = schema["$defs"]["book"]
    assert set(book["required"]) == set(BOOK_REQUIRED)
    assert set(book["properties"]) == set(BOOK_REQUIRED + BOOK_OPTIONAL)


def test_top_level_keys_match_validate(schema: dict[str, Any]) -> None:
    assert set(schema["properties"]) == validate.TOP_KEYS
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["schema"]
    assert schema["properties"]["schema"]["const"] == validate.SCHEMA_VERSION


def test_id_pattern_is_validates(schema: dict[str, Any]) -> None:
    assert schema["$defs"]["event"]["properties"]["id"]["pattern"] == f"^{validate._ID.pattern}$"
    assert schema["$defs"]["person"]["properties"]["id"]["pattern"] == f"^{validate._ID.pattern}$"
    for table in ("tags", "subjects"):
        assert list(schema["properties"][table]["patternProperties"]) == [f"^{validate._ID.pattern}$"]


# ---- data files ----------------------------------------------------------------------------------


def test_bundled_database_passes(validator) -> None:
    assert errors(validator, load(ROOT / "data" / "events.toml")) == []


def test_sample_fixture_passes(validator) -> None:
    assert errors(validator, load(TESTS / "fixtures" / "sample.toml")) == []


def test_good_rule_fixture_passes(validator) -> None:
    assert errors(validator, load(RULES_DIR / "good.toml")) == []


def _rule_fixtures(rules: set[str]) -> list[Path]:
    return sorted(p for p in RULES_DIR.glob("E[0-9][0-9][0-9]_*.toml") if p.name[:4] in rules)


@pytest.mark.parametrize("path", _rule_fixtures(SCHEMA_RULES), ids=lambda p: p.stem)
def test_schema_level_rule_fixtures_are_rejected(validator, path: Path) -> None:
    assert errors(validator, load(path)), f"{path.name} breaks {path.name[:4]} but the schema accepts it"


@pytest.mark.parametrize(
    "path", _rule_fixtures({"E008", "E009", "E010", "E011", "E012", "E013", "E014"}), ids=lambda p: p.stem
)
def test_rules_beyond_the_schema_are_left_to_check(validator, path: Path) -> None:
    """These fixtures break only rules that need calendars or other files: the schema must not guess."""
    assert errors(validator, load(path)) == []


# ---- one change at a time, through validate.check_file and the schema ------------------------------

UNSAFE = "\u001b"  # ESC: E017
BOOK: dict[str, Any] = {"author": "A. Author", "title": "A Book", "publisher": "A Press", "year": 2001, "page": "12"}
GOOD_EVENT: dict[str, Any] = {
    "id": "test-event",
    "date": "1937-06-11",
    "date_os": "1937-05-29",
    "calendar": "gregorian",
    "country": "RU",
    "place": "Moscow",
    "title": "A test event",
    "summary": "An event.",
    "narrative": " ".join(["word"] * 80),
    "people": ["test-person"],
    "tags": ["sample"],
    "sources": [
        "https://example.org/event",
        BOOK,
    ],
    "note": "A note.",
    "posthumous": False,
}
GOOD_PERSON: dict[str, Any] = {
    "id": "test-person",
    "name": "Test Person",
    "native": "Тест",
    "aliases": ["Tester"],
    "born": "1893-02-16",
    "born_os": "1893-02-04",
    "born_calendar": "gregorian",
    "born_country": "RU",
    "born_place": "Smolensk",
    "died": "1917-01-20",
    "died_os": "1917-01-07",
    "died_calendar": "gregorian",
    "died_country": "GE",
    "died_place": "Tiflis",
    "roles": ["Tester"],
    "tags": ["sample"],
    "summary": "A person.",
    "sources": ["Test fixture"],
    "note": "A note.",
}


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def document(
    event: dict[str, Any] | None = None,
    person: dict[str, Any] | None = None,
    tags: dict[str, Any] | None = None,
    head: str = "schema = 1",
) -> str:
    lines = [head, "", "[tags]"]
    lines += [f"{toml_value(k)} = {toml_value(v)}" for k, v in (tags or {"sample": "Sample entries"}).items()]
    for kind, entry in (
        ("person", GOOD_PERSON if person is None else person),
        ("event", GOOD_EVENT if event is None else event),
    ):
        lines += ["", f"[[{kind}]]"] + [f"{k} = {toml_value(v)}" for k, v in entry.items()]
    return "\n".join(lines) + "\n"


def test_the_unchanged_document_is_clean(validator) -> None:
    assert validate.check_file("case.toml", document()).problems == []
    assert errors(validator, tomllib.loads(document())) == []


def cases() -> list[Any]:
    out: list[Any] = [pytest.param(document(), id="good")]
    for kind, good, fields in (
        ("event", GOOD_EVENT, validate.EVENT_FIELDS),
        ("person", GOOD_PERSON, validate.PERSON_FIELDS),
    ):

        def with_(name: str, value: Any, what: str, kind: str = kind, good: dict[str, Any] = good) -> Any:
            entry = dict(good)
            if value is None:
                entry.pop(name)
            else:
                entry[name] = value
            return pytest.param(document(**{kind: entry}), id=f"{kind}.{name}-{what}")

        out.append(with_("misspelt", "x", "unknown"))
        for name, (typ, required, limit) in fields.items():
            if name == "narrative":
                out += [with_(name, " ".join(["w"] * n), f"{n}-words") for n in (59, 60, 150, 151)]
                out.append(with_(name, "\n  " + " \t".join(["w"] * 70) + "\n", "spaced"))
            if not required:
                out.append(with_(name, None, "absent"))
            elif name != "id":
                out.append(with_(name, None, "missing"))
            if typ == validate._BOOL:
                out += [with_(name, "yes", "string"), with_(name, 1, "integer")]
                continue
            out.append(with_(name, 5, "integer"))
            if typ == validate._SOURCES:
                book = BOOK
                out += [with_(name, "a-string", "string"), with_(name, [1], "list-of-int"), with_(name, [], "empty")]
                out += [with_(name, ["https://example.org/" + UNSAFE], "unsafe-item")]
                for key in BOOK_REQUIRED:
                    out.append(with_(name, [{k: v for k, v in book.items() if k != key}], f"book-without-{key}"))
                out += [
                    with_(name, [book | {"edition": "2"}], "book-unknown-field"),
                    with_(name, [book | {"year": "2001"}], "book-year-string"),
                    with_(name, [book | {"page": 12}], "book-page-number"),
                    with_(name, [book | {"author": ""}], "book-author-empty"),
                    with_(name, [book | {"title": "x" + UNSAFE}], "book-title-unsafe"),
                    with_(name, [book | {"dates": "old-style"}], "book-dates"),
                    with_(name, [book | {"dates": "julian"}], "book-dates-unknown"),
                ]
                continue
            if typ == validate._CAL:
                out += [with_(name, "julian", "not-gregorian"), with_(name, 5, "integer")]
                continue
            if name.endswith("country"):
                out += [with_(name, "ru", "lower-case"), with_(name, "XX", "unknown"), with_(name, "ZZ", "nowhere")]
            if typ == validate._LIST:
                out += [with_(name, "a-string", "string"), with_(name, [1], "list-of-int"), with_(name, [], "empty")]
                item = good[name][0]
                out += [
                    with_(name, [item + UNSAFE], "unsafe-item"),
                    with_(name, ["a" * limit], "item-at-limit"),
                    with_(name, ["a" * (limit + 1)], "item-too-long"),
                ]
                if name in ("people", "tags"):
                    out += [with_(name, ["Bad_Ref"], "bad-ref"), with_(name, ["a--b"], "double-hyphen")]
                continue
            out.append(with_(name, good[name] + UNSAFE, "unsafe"))
            if name in ("id", "date", "date_os", "born", "born_os", "died", "died_os"):
                continue
            cap = validate.TITLE_MAX if name == "title" else limit
            out += [with_(name, "a" * cap, "at-limit"), with_(name, "a" * (cap + 1), "too-long")]
        out += [
            with_("id", "Test-Event" if kind == "event" else "Test-Person", "upper-case"),
            with_("id", "a--b", "double-hyphen"),
            with_("id", "-a", "leading-hyphen"),
            with_("id", "a" * 200, "at-limit"),
            with_("id", "a" * 201, "too-long"),
        ]
    person = {k: v for k, v in GOOD_PERSON.items() if k not in ("born", "born_os")}
    out.append(pytest.param(document(person=person | {"born_os": "1893-02-04"}), id="born_os-without-born"))
    person = {k: v for k, v in GOOD_PERSON.items() if k not in ("died", "died_os")}
    out.append(pytest.param(document(person=person | {"died_os": "1917-01-07"}), id="died_os-without-died"))
    out += [
        pytest.param(document(head="schema = 2"), id="schema-2"),
        pytest.param(document(head="schema = true"), id="schema-true"),
        pytest.param(document(head='schema = "1"'), id="schema-string"),
        pytest.param(document(head="# no schema line"), id="schema-missing"),
        pytest.param(document(head="schema = 1\nextra = 1"), id="unknown-top-key"),
        pytest.param(document(tags={"Bad_Tag": "x"}), id="tag-name"),
        pytest.param(document(tags={"sample": 5}), id="tag-not-string"),
        pytest.param(document(tags={"sample": "x" * 500}), id="tag-desc-at-limit"),
        pytest.param(document(tags={"sample": "x" * 501}), id="tag-desc-too-long"),
        pytest.param(document(tags={"sample": "x\u202ey"}), id="tag-desc-bidi"),
        pytest.param(document(event={**GOOD_EVENT, "title": "tab\there"}), id="tab-ok"),
        pytest.param(document(event={**GOOD_EVENT, "summary": "carriage\rreturn"}), id="cr-unsafe"),
        pytest.param(document(event={**GOOD_EVENT, "summary": "line\nbreak"}), id="newline-ok"),
        pytest.param(document(event={**GOOD_EVENT, "summary": "c1\u0085control"}), id="c1-unsafe"),
        pytest.param(document(event={**GOOD_EVENT, "summary": "Ежов, Trotsky, 日本"}), id="unicode-ok"),
        pytest.param('schema = 1\nevent = "not tables"\n', id="event-not-array"),
        pytest.param('schema = 1\ntags = ["a"]\n', id="tags-not-table"),
        pytest.param(
            'schema = 1\n[[event]]\nid = "e"\ndate = 1937-06-11\ntitle = "t"\nsummary = "s"\nsources = ["s"]\n',
            id="date-unquoted-toml-date",
        ),
    ]
    return out


@pytest.mark.parametrize("text", cases())
def test_schema_agrees_with_validate(validator, text: str) -> None:
    """The schema rejects a document exactly when check_file reports a schema-level rule."""
    rules = {p.rule for p in validate.check_file("case.toml", text).problems}
    schema_errors = errors(validator, tomllib.loads(text))
    expected_ok = not (rules & SCHEMA_RULES)
    assert (not schema_errors) == expected_ok, f"validate: {sorted(rules) or 'ok'}; schema: {schema_errors or 'ok'}"


# E008 is half the schema's: the notation is a pattern, the calendar (30 February, year 0) is arithmetic.
# (date, whether the schema accepts it); the schema must never refuse a date that check accepts.
DATES = [
    ("1937-06-11", True),
    ("1937-08", True),
    ("1932", True),
    ("1932/1933", True),
    ("1938-03-02/1938-03-13", True),
    ("1920~", True),
    ("1937-05-22?", True),
    ("1937-05-22%", True),
    ("-0044-03-15", True),
    ("-0044/0044", True),
    ("1937-06-11/1937-06-12~", True),
    ("1937-06?/1938", True),
    # real notation, impossible dates or backwards ranges: `check` says E008 / E009, the schema cannot
    ("1937-02-30", True),
    ("1900-02-29", True),
    ("0000", True),
    ("-0000-01", True),
    ("1938/1937", True),
    ("1937-04-31", True),
    # not the notation: both refuse
    ("1937-13", False),
    ("1937-00", False),
    ("1937-06-00", False),
    ("1937-06-32", False),
    ("1937-6-11", False),
    ("37-06-11", False),
    ("19370611", False),
    ("+1937", False),
    ("1937/1938/1939", False),
    ("1937 / 1938", False),
    ("c. 1920", False),
    ("1920~?", False),
    ("1937-06-11T12:00", False),
    ("", False),
    # no surrounding white space and ASCII digits only (hdate once stripped the one and took any digit)
    pytest.param(" 1937-06-11", False, id="leading-space"),
    pytest.param("1937-06-11\t", False, id="trailing-tab"),
    pytest.param("1937-06-11 ", False, id="trailing-space"),
    pytest.param("\u0661\u0669\u0663\u0667-\u0660\u0666-\u0661\u0661", False, id="arabic-indic-digits"),
]


@pytest.mark.parametrize("value, schema_ok", DATES)
@pytest.mark.parametrize("field", ["date", "born"])
def test_date_notation(validator, field: str, value: str, schema_ok: bool) -> None:
    if field == "date":
        text = document(event={k: v for k, v in GOOD_EVENT.items() if k not in ("date_os", "people")} | {"date": value})
    else:
        text = document(
            person={k: v for k, v in GOOD_PERSON.items() if not k.endswith("_os")} | {"born": value, "died": "9999"}
        )
    rules = {p.rule for p in validate.check_file("case.toml", text).problems}
    assert rules <= {"E008", "E009"}, rules
    schema_errors = errors(validator, tomllib.loads(text))
    assert (not schema_errors) == schema_ok, schema_errors
    if not schema_ok:
        assert rules == {"E008"}, "the schema refuses a date that `onthisday check` accepts"


def test_schema_1_point_0_is_refused_by_check_though_json_schema_cannot_tell(validator) -> None:
    """In JSON Schema 1.0 is the integer 1, so the schema accepts `schema = 1.0`; check refuses it."""
    text = document(head="schema = 1.0")
    assert {p.rule for p in validate.check_file("case.toml", text).problems} == {"E003"}
    assert errors(validator, tomllib.loads(text)) == []
