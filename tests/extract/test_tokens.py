import re

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.tokens import Words, WordTest, title_end, token_table, whole_word_occurrences

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


@given(WORDISH, st.sampled_from(["ab", "a", "-", "ab-", "a b", "é1", ""]))
def test_tokens_written_as_are_the_tokens_with_exactly_that_text(nlp, text, word):
    doc = nlp.make_doc(text)
    assert token_table(doc).tokens_written_as(word) == [token.i for token in doc if token.text == word]


def test_lower_text_is_spacys_lower_case_form_on_every_read(nlp):
    doc = nlp.make_doc("Title\n\nÜber GANs, e.g. BERT-Large and ViT; ΣΔ models.")
    table = token_table(doc)
    for _ in range(2):  # the second read comes from the cache
        assert [table.lower_text(index) for index in range(len(doc))] == [token.lower_ for token in doc]


def test_rules_find_and_test_words_as_spacy_writes_them_in_lower_case(nlp):
    # "number" and "root" are strings spaCy numbers itself rather than hashing: found all the same
    text = "The number of Root nodes, such as the number two, is such that (we) count."
    words = Words(["such", "number", "root", "(", "missing"])
    before = token_table(nlp.make_doc(text))  # made before the first search: scanned
    expected = [index for index, token in enumerate(nlp.make_doc(text)) if token.lower_ in words.words]
    assert before.find(words) == expected == [1, 3, 6, 9, 13, 15]
    after = token_table(nlp.make_doc(text))  # made after it: answered from the token index
    assert after.find(words) == expected and after.find(words, 4, 14) == [6, 9, 13]
    assert after.is_word(0, "the") and after.is_word(0, "The") and not after.is_word(1, "the")
    assert after.is_in(3, words) and not after.is_in(4, words)
    assert after.any_in(words, 2, 4) and not after.any_in(words, 4, 6)
    assert "Such" in words and "such as" not in words


def test_a_word_test_answers_as_the_lexeme_of_the_lower_case_form(nlp):
    doc = nlp.make_doc("Deep, DEEP (deep).")
    is_punctuation = WordTest(lambda lexeme: bool(lexeme.is_punct))
    assert [is_punctuation(token_table(doc), index) for index in range(len(doc))] == [
        token.is_punct for token in doc
    ]
