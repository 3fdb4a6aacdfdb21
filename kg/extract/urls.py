"""URLs in abstracts: code repositories, project pages, data and model releases.

Abstracts carry links with trailing punctuation, LaTeX debris (``...}{https://x}``) and without
a scheme (``github.com/owner/repo``); each is cleaned, given https:// when it has no scheme,
and classified by host and path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from kg.extract.tokens import occurrences
from kg.records import UrlKind

# Hosts whose links are found without a scheme ("github.com/owner/repo").
_SCHEMELESS_HOSTS: Final = (
    "github.com gitlab.com bitbucket.org huggingface.co zenodo.org kaggle.com codeocean.com "
    "colab.research.google.com sites.google.com"
).split()
_URL: Final = re.compile(
    rf"(?:https?://|www\.|(?<![\w@.])(?:{'|'.join(map(re.escape, _SCHEMELESS_HOSTS))})/)"
    r"(?:(?!\s)[!#$%&()*+,\-./0-9:;=?@A-Z_a-z~"  # the characters an IRI may hold (RFC 3987), less
    r"\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0003fffd])+",  # brackets
    re.IGNORECASE,
)
# name.tld[:port]
_HOST: Final = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?::\d{1,5})?(?:[/?#]|$)")
_STRAY_PERCENT: Final = re.compile(r"%(?![0-9A-Fa-f]{2})")
_TRAILING: Final = ".,;:!?)]}>'\"*"
# Every link _URL finds starts with one of these, in any case.
_URL_STARTS: Final = ("http", "www.", *(f"{host}/" for host in _SCHEMELESS_HOSTS))
# Every link _URL finds holds one of these: a scheme, "www." or a schemeless host's ending and
# its slash (no letter of them has a non-ASCII case variant IGNORECASE would match).
_URL_SIGNS: Final = ("://", "www.", ".com/", ".org/", ".co/")
# The non-ASCII letters IGNORECASE matches to ASCII ones: dotted and dotless i, long s, Kelvin sign.
_CASE_FOLDED_TO_ASCII: Final = "\u0130\u0131\u017f\u212a"
_CODE_HOSTS: Final = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeocean.com",
    "colab.research.google.com",
)
_DATA_HOSTS: Final = (
    "zenodo.org",
    "kaggle.com/datasets",
    "huggingface.co/datasets",
    "figshare.com",
    "dataverse",
)
_MODEL_HOSTS: Final = ("huggingface.co",)


def strip_trailing(raw: str) -> str:
    """Drop punctuation that ends the sentence, not the link; balanced parentheses stay."""
    url = raw
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def clean_url(raw: str) -> str:
    """Strip trailing punctuation and add a scheme when missing.

    >>> clean_url("github.com/a/b).")
    'https://github.com/a/b'
    >>> clean_url("https://en.wikipedia.org/wiki/Mixup_(x)")
    'https://en.wikipedia.org/wiki/Mixup_(x)'
    """
    url = _STRAY_PERCENT.sub("%25", strip_trailing(raw))
    if url.count("#") > 1:  # one fragment only: later marks are part of it, escaped
        head, fragment = url.split("#", 1)
        url = f"{head}#{fragment.replace('#', '%23')}"
    return url if re.match(r"https?://", url, re.IGNORECASE) else "https://" + url


def classify_url(url: str) -> UrlKind:
    lowered = url.lower()
    host_path = re.sub(r"^https?://(?:www\.)?", "", lowered)
    if any(host_path.startswith(host) or f"/{host}" in host_path for host in _DATA_HOSTS):
        return UrlKind.DATASET
    if host_path.startswith(_CODE_HOSTS):
        return UrlKind.CODE
    if host_path.startswith(_MODEL_HOSTS):
        return UrlKind.MODEL
    return UrlKind.PROJECT


def find_urls(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(clean url, start, end)`` for each link in ``text``; offsets cover the raw link."""
    for match in url_matches(text):
        raw = strip_trailing(match.group())
        url = clean_url(raw)
        if _HOST.match(url.split("://", 1)[1]):
            yield url, match.start(), match.start() + len(raw)


def url_matches(text: str) -> Iterator[re.Match[str]]:
    """``_URL.finditer(text)``, but the pattern is only tried where a link can start: scanning a
    whole abstract with it costs more than all the other URL work together."""
    lowered = text.lower()
    if not any(sign in lowered for sign in _URL_SIGNS):
        return
    if len(lowered) != len(text) or any(letter in text for letter in _CASE_FOLDED_TO_ASCII):
        yield from _URL.finditer(text)  # offsets in ``lowered`` would not be those of ``text``
        return
    covered = 0
    for start in sorted(start for mark in _URL_STARTS for start in occurrences(lowered, mark)):
        if start >= covered and (match := _URL.match(text, start)):
            covered = match.end()
            yield match
