import re

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.lexicon import MAX_CACHED_WORDS, remember
from kg.extract.tokens import title_end, token_table, whole_word_occurrences

WORDISH = st.lists(st.sampled_from(["ab", "a", "b", "-", "_", " ", "é", "1", ".", "ab-"]), max_size=12).map(
    "".join
)


@given(WORDISH, st.sampled_from(["ab", "a", "b", "ab-a", "a b"]))
def test_whole_word_occurrences_are_those_of_the_word_boundary_pattern(text, word):
    pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
    assert list(whole_word_occurrences(text, word)) == [match.start() for match in re.finditer(pattern, text)]


def test_tokens_at_characters_aligned_like_a_strict_char_span(nlp):
    doc = nlp.make_doc("Physics-informed neural networks (PINNs) work.")
    table = token_table(doc)
    for start in range(len(doc.text) + 1):
        for end in range(start + 1, len(doc.text) + 1):
            span = doc.char_span(start, end)
            expected = None if span is None else (span.start, span.end)
            assert table.tokens_at(start, end) == expected, (start, end)


SPACED = st.lists(
    st.sampled_from(["GP", "s", " ", "  ", "\t", "\n", "\n\n", "(", "e.g.", "-", "“", "é", "U.S.", ":"]),
    min_size=1,
    max_size=12,
).map("".join)


@given(SPACED, st.data())
def test_tokens_around_characters_are_those_of_an_expanding_char_span(text, data):
    from kg.extract import default_pipeline

    doc = default_pipeline().make_doc(text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    span = doc.char_span(start, end, alignment_mode="expand")
    assert token_table(doc).tokens_around(start, end) == (span.start, span.end)


@given(SPACED, SPACED)
def test_the_title_ends_where_an_expanding_char_span_of_it_ends(title, abstract):
    from kg.extract import default_pipeline

    doc = default_pipeline().make_doc(title + "\n\n" + abstract)
    separator = doc.text.find("\n\n")
    span = doc.char_span(0, separator, alignment_mode="expand") if separator > 0 else None
    assert title_end(doc) == (span.end if span is not None else 0 if separator == 0 else len(doc))


def test_remembered_answers_are_kept_until_the_cache_is_full_then_forgotten_at_once():
    answers: dict[int, bool] = {}
    for word in range(MAX_CACHED_WORDS):
        remember(answers, word, True)
    assert len(answers) == MAX_CACHED_WORDS
    assert remember(answers, -1, False) is False
    assert answers == {-1: False}


@given(WORDISH, st.sampled_from(["ab", "a", "-", "ab-", "a b", "é1", ""]))
def test_tokens_written_as_are_the_tokens_with_exactly_that_text(nlp, text, word):
    doc = nlp.make_doc(text)
    assert token_table(doc).tokens_written_as(word) == [token.i for token in doc if token.text == word]


def test_lower_text_is_spacys_lower_case_form_on_every_read(nlp):
    doc = nlp.make_doc("Title\n\nÜber GANs, e.g. BERT-Large and ViT; ΣΔ models.")
    table = token_table(doc)
    for _ in range(2):  # the second read comes from the cache
        assert [table.lower_text(index) for index in range(len(doc))] == [token.lower_ for token in doc]
