import pyoxigraph
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.urls import _URL, classify_url, clean_url, find_urls, url_matches
from kg.records import UrlKind


def test_urls_lose_trailing_punctuation_and_latex_debris():
    text = "Code: github.com/bioinf-jku/SNNs. Data at https://zenodo.org/record/1}{https://x.org/p)."
    assert [url for url, _, _ in find_urls(text)] == [
        "https://github.com/bioinf-jku/SNNs",
        "https://zenodo.org/record/1",
        "https://x.org/p",
    ]


def test_offsets_cover_the_written_link():
    text = "See https://github.com/a/b."
    ((_, start, end),) = find_urls(text)
    assert text[start:end] == "https://github.com/a/b"


def test_urls_are_classified():
    assert classify_url("https://github.com/camlab-ethz/poseidon") is UrlKind.CODE
    assert classify_url("https://huggingface.co/camlab-ethz") is UrlKind.MODEL
    assert classify_url("https://huggingface.co/datasets/x/y") is UrlKind.DATASET
    assert classify_url("https://namgyukang.github.io/Physics-Informed-Gaussians/") is UrlKind.PROJECT


def test_balanced_parentheses_stay():
    assert clean_url("https://en.wikipedia.org/wiki/Mixup_(x)") == "https://en.wikipedia.org/wiki/Mixup_(x)"


URL_PIECES = [*"abc./:-_()[]{}<>\"'`|^\\?&=#%~,;!* \né\u2028\x00", "https://", "github.com/", "www."]
# Hosts in any case, after characters that may or may not let a link start, and the non-ASCII
# letters that case-insensitive matching treats as ASCII ones.
LINK_START_PIECES = [
    "HTTP://",
    "Www.",
    "GitHub.com/",
    "kaggle.com/",
    "Zenodo.ORG/",
    "huggingface.Co/",
    "wWw",
    "@",
    "x",
    "ſ",
    "K",
    "İ",
    "ı",
    "ß",
]
URLISH = st.lists(st.sampled_from(URL_PIECES), max_size=30).map("".join)


@given(URLISH)
def test_every_url_found_is_a_valid_iri_within_its_span(text):
    for url, start, end in find_urls(text):
        assert 0 <= start < end <= len(text)
        assert url.lower().startswith(("http://", "https://"))
        pyoxigraph.NamedNode(url)  # raises on anything N-Triples cannot hold
        assert clean_url(url) == url


@given(st.lists(st.sampled_from(URL_PIECES + LINK_START_PIECES), max_size=20).map("".join))
def test_links_are_searched_for_only_where_one_can_start_with_the_same_result(text):
    expected = [(match.start(), match.end()) for match in _URL.finditer(text)]
    assert [(match.start(), match.end()) for match in url_matches(text)] == expected
