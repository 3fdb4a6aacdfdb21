import spacy

from kg.extract import sentences  # noqa: F401  (registers the component)
from kg.extract.tokens import TokenTable, Words, sentence_bounds, title_end, token_table


def pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences")
    return nlp


def test_sentences_end_at_terminal_punctuation_and_the_title_stands_alone():
    doc = pipeline()('A Title Without Stop\n\nFirst sentence (see Section 1). Second one? "Quoted." Third!')
    assert [sentence.text.strip() for sentence in doc.sents] == [
        "A Title Without Stop",
        "First sentence (see Section 1).",
        "Second one?",
        '"Quoted."',
        "Third!",
    ]


def test_token_helpers_agree_with_spacy():
    doc = pipeline()("Title\n\nWe use physics-informed nets (PINNs). They work.")
    table = TokenTable(doc)
    assert title_end(doc) == 1
    assert table.span_text(4, 7) == "physics-informed"
    assert table.token_text(8) == "("
    assert token_table(doc).find(Words(["(", "They"])) == [8, 12]
    assert sentence_bounds(doc, 12) == (12, len(doc))


def test_a_paper_without_a_title_is_all_abstract():
    assert title_end(pipeline()("\n\nWe use nets for image classification.")) == 0
    assert title_end(pipeline()("Only a title")) == 3
