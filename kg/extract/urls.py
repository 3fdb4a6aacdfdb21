"""URLs in abstracts: code repositories, project pages, data and model releases.

Abstracts carry links with trailing punctuation, LaTeX debris (``...}{https://x}``) and without
a scheme (``github.com/owner/repo``); each is cleaned, given https:// when it has no scheme,
and classified by host and path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import UrlKind

_URL = re.compile(
    r"(?:https?://|www\.|(?<![\w@.])(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|"
    r"zenodo\.org|kaggle\.com|codeocean\.com|colab\.research\.google\.com|sites\.google\.com)/)"
    r"(?:(?!\s)[!#$%&()*+,\-./0-9:;=?@A-Z_a-z~"  # the characters an IRI may hold (RFC 3987), less
    r"\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0003fffd])+",  # brackets
    re.IGNORECASE,
)
_HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?::\d{1,5})?(?:[/?#]|$)")  # name.tld[:port]
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_TRAILING = ".,;:!?)]}>'\"*"
_URL_MARKS = ("://", "www.", ".com/", ".org/", ".co/", ".io/")  # one of these is in any link _URL finds
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeocean.com", "colab.research.google.com")
_DATA_HOSTS = ("zenodo.org", "kaggle.com/datasets", "huggingface.co/datasets", "figshare.com", "dataverse")
_MODEL_HOSTS = ("huggingface.co",)


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
    lowered = text.lower()
    if not any(mark in lowered for mark in _URL_MARKS):
        return
    for match in _URL.finditer(text):
        raw = strip_trailing(match.group())
        url = clean_url(raw)
        if _HOST.match(url.split("://", 1)[1]):
            yield url, match.start(), match.start() + len(raw)
