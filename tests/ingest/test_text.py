from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.text import arxiv_id_from, normalise_text, title_id, title_key


def test_normalise_text_removes_markup_controls_and_spaces():
    raw = "We\u00a0use \\textbf{\\emph{PINNs}}  &amp; GANs~\\cite{x}\x00\u202e.\n See }{https://github.com/a/b}."
    assert normalise_text(raw) == "We use PINNs & GANs x. See https://github.com/a/b."


def test_normalise_text_keeps_plain_text_unchanged():
    text = "Fréchet Cumulative Covariance Net for Deep Nonlinear Sufficient Dimension Reduction"
    assert normalise_text(text) == text


def test_arxiv_ids_without_versions():
    assert arxiv_id_from("http://arxiv.org/abs/2103.13630v2") == "2103.13630"
    assert arxiv_id_from("arXiv:1706.03762") == "1706.03762"
    assert arxiv_id_from("hep-ex/0307015v1") == "hep-ex/0307015"
    assert arxiv_id_from("p3a490ae3") is None
    assert arxiv_id_from(None) is None


def test_title_identity_ignores_case_and_punctuation():
    assert title_key("What Can Be Learnt?") == title_key("what can be learnt")
    assert title_id("What Can Be Learnt?") == title_id("WHAT can be  learnt")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_controls_and_whitespace_go_as_the_regexes_they_replace_would_take_them(raw):
    import html
    import re
    import unicodedata

    controls = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
    text = unicodedata.normalize("NFC", html.unescape(raw))
    if not set("\\{}") & set(text):  # (the LaTeX steps are the same either way)
        assert normalise_text(raw) == re.sub(r"\s+", " ", controls.sub("", text)).strip()
