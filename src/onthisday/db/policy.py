"""What we cite, what we never cite, and where the Julian calendar was in force.

The one place the linter reads for the source policy of `CONTRIBUTING.md` (and the guide it comes
from): a URL is cited only from the canonical page of a reputable publisher; mirrors, pirate
e-book sites, propaganda, blogs and day lists are never cited. Hosts match by suffix: "edu" is
every host ending in ".edu", "britannica.com" is britannica.com and www.britannica.com.
"""

from __future__ import annotations

from collections import namedtuple

# Not typing.NamedTuple, nor urllib at the top: a person card imports this module for
# book_citation, and both cost more start-up time than the whole card.

# Reputable publishers, by kind. A host not listed here is refused by `check --strict`.
REPUTABLE: dict[str, tuple[str, ...]] = {
    "encyclopedias": (
        "wikipedia.org",
        "wikisource.org",
        "wikimedia.org",
        "britannica.com",
        "encyclopedia.com",
        "encyclopediaofukraine.com",
        "oxforddnb.com",
        "deutsche-biographie.de",
        "universalis.fr",
        "treccani.it",
        "bigenc.ru",
        "encspb.ru",
        "estonica.org",
        "larousse.fr",
        "literatura.lv",
        "lsm.lv",
        "snl.no",
        "lex.dk",
    ),
    "museums, memorials, archives and libraries": (
        "ushmm.org",
        "yadvashem.org",
        "iwm.org.uk",
        "nationalww2museum.org",
        "napoleon.org",
        "loc.gov",
        "archives.gov",
        "nationalarchives.gov.uk",
        "prlib.ru",
        "memo.ru",
        "bundesarchiv.de",
        "1000dokumente.de",
        "digitalarchive.wilsoncenter.org",
        "nobelprize.org",
        "si.edu",
        "smithsonianmag.com",
        "metmuseum.org",
        "britishmuseum.org",
        "gutenberg.org",
        "archive.org",
        "books.google.com",
        "natlib.govt.nz",
        "rev.hu",
        "polithistory.ru",
        "ekmemorial.org",
        "marxists.org",
    ),
    "governments and international bodies": (
        "gov",
        "gov.uk",
        "gouv.fr",
        "govt.nz",
        "gov.au",
        "europa.eu",
        "un.org",
        "unesco.org",
        "nato.int",
        "esa.int",
        "um.fi",
        "stortinget.no",
        "regjeringen.no",
        "bundestag.de",
        "bundesregierung.de",
    ),
    "universities and journals": (
        "edu",
        "ac.uk",
        "sciencespo.fr",
        "massviolence.org",
        "cambridge.org",
        "jstor.org",
        "oup.com",
        "doi.org",
        "tandfonline.com",
        "springer.com",
        "nature.com",
        "science.org",
    ),
    "newspapers, broadcasters and agencies": (
        "nytimes.com",
        "theguardian.com",
        "bbc.co.uk",
        "bbc.com",
        "latimes.com",
        "washingtonpost.com",
        "content.time.com",
        "welt.de",
        "zdf.de",
        "spiegel.de",
        "dw.com",
        "lemonde.fr",
        "apnews.com",
        "reuters.com",
        "upi.com",
        "rferl.org",
        "pbs.org",
        "npr.org",
        "novayagazeta.ru",
        "radio.cz",
        "rri.ro",
    ),
    "popular history (as a second source only)": ("history.com", "historynet.com"),
}

# Never cited, by reason. Checked before REPUTABLE, so that a mirror under a good suffix is caught.
NEVER: dict[str, tuple[str, ...]] = {
    "a copy or mirror of Wikipedia: cite the wikipedia.org page it copies": (
        "theinfolist.com",
        "liquisearch.com",
        "piglix.com",
        "wikimili.com",
        "kiddle.co",
        "kidzsearch.com",
        "fandom.com",
        "kiwix.org",
        "ipfs.io",
        "wiki7.org",
        "zxc.wiki",
        "wikisum.wiki",
        "academickids.com",
        "worddisk.com",
        "wikireading.ru",
        "wikisort.ru",
        "wikisort.org",
        "hubbry.com",
        "howlingpixel.com",
        "knowpia.com",
        "perceptiofr.com",
        "encycloreader.org",
        "wiki2.org",
        "wikiwand.com",
        "dbpedia.org",
        "grokipedia.com",
    ),
    "a pirate e-book site: cite the book itself, with its page": (
        "bibliboba.online",
        "bibliboba.com",
        "chitka.online",
        "rulit.me",
        "loveread.me",
        "loveread.ec",
        "knigochet.com",
        "libcat.ru",
        "readli.club",
        "readli.net",
        "mreadz.com",
        "zlibrary.to",
        "z-lib.org",
        "newlib.net",
        "livebooks.pro",
        "bookreadfree.com",
        "readboom.net",
        "readnow.me",
        "knigaread.com",
        "bibliotekaonline.com",
        "nnre.ru",
        "libussr.ru",
        "docslib.org",
        "studopedia.ru",
    ),
    "an extremist, apologist or propaganda site": (
        "metapedia.org",
        "sputnikipogrom.com",
        "news-pravda.com",
        "pravda.ru",
        "prolewiki.org",
        "leftypol.org",
        "conservapedia.com",
        "halkcephesi.net",
        "marxistleninists.org",
    ),
    "a blog, forum or self-published page": (
        "blogspot.com",
        "blogspot.fr",
        "wordpress.com",
        "livejournal.com",
        "wixsite.com",
        "dzen.ru",
        "proza.ru",
        "medium.com",
        "reddit.com",
        "quora.com",
    ),
    "a day list or SEO page: a lead, never a source": (
        "onthisday.com",
        "calendarz.com",
        "famousdaily.com",
        "thefamouspeople.com",
        "historybytez.com",
        "agenziacalendario.com",
        "quodid.com",
        "infospaze.com",
        "ww2days.com",
    ),
}

# Reputable hosts whose pages are not the canonical ones.
NOT_CANONICAL: dict[str, str] = {
    "m.wikipedia.org": "a mobile page: cite the wikipedia.org page without '.m'",
    "kids.britannica.com": "Britannica's children's edition: cite www.britannica.com",
}


# ok: may be cited; never: on the never-cite list (a warning in a user's file, an error in ours).
Verdict = namedtuple("Verdict", "ok never reason")


def _suffixes(host: str) -> list[str]:
    """www.bbc.co.uk -> www.bbc.co.uk, bbc.co.uk, co.uk, uk: every suffix a list entry can match."""
    parts = host.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))]


_NEVER_BY_HOST = {host: reason for reason, hosts in NEVER.items() for host in hosts}
_REPUTABLE_HOSTS = {host for hosts in REPUTABLE.values() for host in hosts}


def judge_url(url: str) -> Verdict:
    """Whether a source URL may be cited, and if not, why."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return Verdict(False, False, "is not a well-formed URL")
    if parts.scheme not in ("http", "https") or not host:
        return Verdict(False, False, "is not an http(s) URL")
    if host.replace(".", "").replace(":", "").isdigit() or ":" in host:
        return Verdict(False, True, "is a bare IP address")
    suffixes = _suffixes(host)
    for suffix in suffixes:
        if suffix in _NEVER_BY_HOST:
            return Verdict(False, True, _NEVER_BY_HOST[suffix])
    for marker, reason in NOT_CANONICAL.items():
        if marker in host:
            return Verdict(False, False, reason)
    if any(suffix in _REPUTABLE_HOSTS for suffix in suffixes):
        return Verdict(True, False, "")
    return Verdict(False, False, f"host {host} is not on the list of reputable publishers (onthisday/policy.py)")


BOOK_REQUIRED = ("author", "title", "publisher", "year", "page")
BOOK_OPTIONAL = ("isbn", "dates")
BOOK_DATES = ("old-style", "new-style", "both")


def book_citation(book: dict[str, object]) -> str:
    """A book source as one readable line: Author, Title (Publisher, Year), p. 123."""
    page = str(book.get("page", ""))
    pages = "pp." if "-" in page or "," in page else "p."
    text = f"{book.get('author')}, {book.get('title')} ({book.get('publisher')}, {book.get('year')}), {pages} {page}"
    if book.get("isbn"):
        text += f", ISBN {book['isbn']}"
    return text


def source_text(source: object) -> str:
    """How a source is shown: a URL whole, a book as a citation."""
    return book_citation(source) if isinstance(source, dict) else str(source)


# The first Gregorian (New Style) day of the civil calendar, by present-day country. Before it, a
# date there is Old Style and the record must carry its `*_os` twin, unless it says the date was
# reckoned in Gregorian (`calendar = "gregorian"`: a battle abroad, Galicia under Austria). Where a
# country's lands switched at different times, the date is that of the state that held most of it.
# Protestant Germany, Denmark-Norway, the Netherlands and Switzerland (1700-1701) and the Ottoman
# lands (Rumi calendar, 1917; most Ottoman dates in our sources are Hijri or already converted) are
# left out: a rule that is wrong for half of a country would teach people to ignore it.
JULIAN_UNTIL: dict[str, tuple[str, str]] = {
    **{
        code: ("1918-02-14", "Soviet Russia's decree: 31 January 1918 was followed by 14 February")
        for code in ("RU", "BY", "EE", "LV", "LT", "MD", "KZ", "UZ", "TM", "KG", "TJ")
    },
    "UA": ("1918-03-01", "the Ukrainian People's Republic: 15 February 1918 was followed by 1 March"),
    **{code: ("1918-05-01", "Transcaucasia: 17 April 1918 was followed by 1 May") for code in ("GE", "AM", "AZ")},
    **{
        code: ("1752-09-14", "Britain and its colonies: 2 September 1752 was followed by 14 September")
        for code in ("GB", "IE", "US")
    },
    **{code: ("1753-03-01", "Sweden and Finland: 17 February 1753 was followed by 1 March") for code in ("SE", "FI")},
    "BG": ("1916-04-14", "Bulgaria: 31 March 1916 was followed by 14 April"),
    **{code: ("1919-01-28", "the Kingdom of Serbs, Croats and Slovenes, 28 January 1919") for code in ("RS", "ME")},
    "RO": ("1919-04-14", "Romania: 31 March 1919 was followed by 14 April"),
    **{code: ("1923-03-01", "Greece: 15 February 1923 was followed by 1 March") for code in ("GR", "CY")},
}
GREGORIAN_START = "1582-10-15"


def needs_old_style(country: str | None, iso_day: str) -> str | None:
    """Why a day-precise date ('1905-01-22') in this country needs its Old Style twin, or None."""
    found = JULIAN_UNTIL.get(country or "")
    if found is None or not GREGORIAN_START <= iso_day < found[0]:
        return None
    return f"{country} used the Julian calendar until {found[0]} ({found[1]})"
