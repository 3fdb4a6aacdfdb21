"""kg.extract.native: the compiled helpers give what spaCy's public API gives."""

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from kg.extract import native
from kg.extract.native import mark_sentence_starts, phrase_matcher, spacy_token_columns, token_columns


def test_token_columns_are_spacys_offsets_hashes_and_watched_positions(nlp):
    words = [["e.g.", "("], ["models", "x", "("], ["absent"]]
    watched = tuple(frozenset(nlp.vocab.strings.add(word) for word in group) for group in words)
    texts = ["", "Title\n\nWe use  e.g. BERT-large (ViT); über naïve 🙂 models (x).", "x " * 300]
    for text in [*texts, "models " * 3000]:  # offsets past the ints the compiled columns share
        doc = nlp.make_doc(text)
        starts, ends, lowers, bits = token_columns(doc, watched)
        assert [text[start:end] for start, end in zip(starts, ends, strict=True)] == [t.text for t in doc]
        assert lowers == [token.lower for token in doc]
        spacys = spacy_token_columns(doc, watched)
        assert (starts, ends, lowers) == spacys[:3]
        for bit, group in enumerate(watched):
            for start, stop in [(0, len(doc)), (2, len(doc) - 2), (0, -1), (5, 3)]:
                expected = [token.i for token in doc[start:stop] if token.lower in group]
                expected = [index for index in expected if start <= index < stop]
                assert bits.positions(bit, start, stop) == expected
                assert spacys[3].positions(bit, start, stop) == expected


def test_token_columns_find_every_word_of_large_watched_sets(nlp):
    # Hundreds of words per set: the compiled table grows, and words share probe sequences.
    groups = [[f"w{index}" for index in range(start, 1200, 3)] for start in range(3)]
    watched = tuple(frozenset(nlp.vocab.strings.add(word) for word in group) for group in groups)
    doc = nlp.make_doc(" ".join(f"w{index}" for index in range(0, 1500, 7)))
    _, _, _, bits = token_columns(doc, watched, [nlp.vocab.strings.add("w7")])
    spacys = spacy_token_columns(doc, watched)[3]
    for bit in range(len(watched)):
        assert bits.positions(bit, 0, len(doc)) == spacys.positions(bit, 0, len(doc))
        assert len(bits.positions(bit, 0, len(doc))) > 50


@pytest.mark.skipif(not native.COMPILED, reason="the compiled columns share the words' objects")
def test_tokens_of_known_words_get_the_words_own_int_objects(nlp):
    known, watched = nlp.vocab.strings.add("models"), nlp.vocab.strings.add("x")
    doc = nlp.make_doc("Models x models and more models")
    _, _, lowers, _ = token_columns(doc, (frozenset([watched]),), [known])
    assert [word is known for word in lowers] == [True, False, True, False, False, True]
    assert lowers[1] is watched  # a watched set's word is known too


def test_sentence_starts_are_marked_as_spacy_reads_them():
    doc = spacy.blank("en")("One two. Three four. Five")
    mark_sentence_starts(doc, [0, 3, 6])
    assert [token.is_sent_start for token in doc] == [True, None, None, True, None, None, True]
    assert [sentence.text for sentence in doc.sents] == ["One two.", "Three four.", "Five"]
    mark_sentence_starts(doc, [0, 6])  # marks are replaced, not added
    assert [sentence.text for sentence in doc.sents] == ["One two. Three four.", "Five"]


@pytest.mark.parametrize("attr", ["LOWER", "ORTH"])
def test_the_phrase_matcher_finds_what_spacys_finds_in_the_same_order(nlp, attr):
    patterns = ["neural network", "graph neural network", "neural", "network", "GNN", "e.g.", "(", "x"]
    texts = [
        "Graph neural networks (GNN) beat a neural network, e.g. graph Neural Network x",
        "neural neural network network",
        "GNN",
        "",
    ]
    ours, spacys = phrase_matcher(nlp.vocab, attr), PhraseMatcher(nlp.vocab, attr=attr)
    for matcher in (ours, spacys):
        for index, pattern in enumerate(patterns):
            matcher.add(f"P{index % 3}", [nlp.make_doc(pattern)])  # keys shared: several per span
    for text in texts:
        doc = nlp.make_doc(text)
        assert ours(doc) == spacys(doc), text
        if len(doc) > 3:
            assert ours(doc[1:-1]) == spacys(doc[1:-1]), text
    assert not native.COMPILED or type(ours).__name__ == "LexemePhraseMatcher"


def test_patterns_given_as_word_hashes_match_as_the_same_patterns_given_as_docs(nlp):
    patterns = ["neural network", "graph neural network", "GNN", "e.g.", "(", "network"]
    texts = ["Graph neural networks (GNN) beat a neural network, e.g. graph Neural Network", "", "x"]
    by_hashes, by_docs = phrase_matcher(nlp.vocab, "LOWER"), PhraseMatcher(nlp.vocab, attr="LOWER")
    for index, pattern in enumerate(patterns):
        by_hashes.add(f"W{index % 3}", [[token.lower for token in nlp.make_doc(pattern)]])
        by_docs.add(f"W{index % 3}", [nlp.make_doc(pattern)])
    for text in texts:
        doc = nlp.make_doc(text)
        assert by_hashes(doc) == by_docs(doc), text
    assert "W1" in by_hashes and len(by_hashes) == 3


def test_the_phrase_matcher_runs_callbacks_as_spacys_does(nlp):
    doc = nlp.make_doc("Transformers and diffusion models")
    seen = {}
    ours, spacys = phrase_matcher(nlp.vocab, "LOWER"), PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, matcher in (("ours", ours), ("spacys", spacys)):
        matcher.add("A", [nlp.make_doc("transformers")])
        assert matcher(doc) == [(nlp.vocab.strings["A"], 0, 1)]
        matcher.add(
            "B",
            [nlp.make_doc("diffusion models")],
            on_match=lambda m, d, i, found, name=name: seen.setdefault(name, []).append(found[i]),
        )
    assert ours(doc) == spacys(doc)
    assert seen["ours"] == seen["spacys"] == [(nlp.vocab.strings["B"], 2, 4)]
    assert [span.text for span in ours(doc, as_spans=True)] == ["Transformers", "diffusion models"]


def test_the_phrase_matcher_finds_patterns_added_or_removed_after_it_has_matched(nlp):
    # The compiled matcher keeps a filter of the patterns' first words: it follows each change.
    ours, spacys = phrase_matcher(nlp.vocab, "LOWER"), PhraseMatcher(nlp.vocab, attr="LOWER")
    doc = nlp.make_doc("Transformers and diffusion models beat gradient boosting")
    changes = [
        ("add", "A", ["transformers"]),
        ("add", "B", ["diffusion models", "gradient boosting"]),
        ("remove", "A", []),
        ("add", "C", ["boosting", "transformers"]),
        ("remove", "B", []),
    ]
    for change, key, patterns in changes:
        for matcher in (ours, spacys):
            if change == "add":
                matcher.add(key, [nlp.make_doc(pattern) for pattern in patterns])
            else:
                matcher.remove(key)
        assert ours(doc) == spacys(doc), (change, key)
        assert bool(ours(doc)) == bool(len(ours)), (change, key)
