"""kg.extract.features: what the model knows of a candidate."""

from kg.extract.candidates import METHOD, Candidate
from kg.extract.features import (
    CONTEXT_FEATURES,
    candidate_features,
    cued_starts,
    is_proposal_feature,
    span_contexts,
    span_shape,
    title_place,
    word_shape,
)
from kg.extract.tokens import title_end, token_table

TEXT = "PixelCNN: Conditional Image Generation\n\nWe train PixelCNN-2 on CIFAR-10 (Krizhevsky, 2009)."


def test_span_shapes_are_the_shapes_of_the_span_text(nlp):
    table = token_table(nlp.make_doc(TEXT))
    for start in range(len(table.starts)):
        for end in range(start + 1, min(len(table.starts), start + 6) + 1):
            assert span_shape(table, start, end) == word_shape(table.span_text(start, end))[:12]


def test_word_shapes_fold_letters_and_digits_and_collapse_runs():
    assert [word_shape(w) for w in ("CoNLL-2012", "ResNet50", "k-means", "GPT")] == [
        "XxX-d",
        "XxXxd",
        "x-x",
        "X",
    ]


def test_the_title_place_says_where_in_the_title_a_candidate_stands(nlp):
    doc = nlp.make_doc(TEXT)
    table, end_of_title = token_table(doc), title_end(doc)
    assert title_place(table, 0, 1, end_of_title) == "title,start,0,:"
    assert title_place(table, 2, 5, end_of_title) == "title,inside,2,end"
    assert title_place(table, end_of_title + 2, end_of_title + 3, end_of_title) == "abstract"


def test_a_candidate_is_named_by_its_words_neighbours_and_what_the_rules_said(nlp):
    doc = nlp.make_doc(TEXT)
    table, end_of_title = token_table(doc), title_end(doc)
    start = next(i for i in range(end_of_title, len(doc)) if table.token_text(i) == "PixelCNN-2")
    candidates = [
        Candidate(start, start + 1, METHOD, "gazetteer", 0.9),
        Candidate(start, start + 1, None, "noun-phrase", 0.4),
    ]
    context = CONTEXT_FEATURES[span_contexts(table, candidates, end_of_title)[(start, start + 1)]]
    assert context == ("also=method", "also=untyped", "echo=False", "count=1", "cued=False")
    features = candidate_features(table, candidates[0], end_of_title, context)
    for expected in (
        "word=pixelcnn-2",
        "first=pixelcnn-2",
        "last=pixelcnn-2",
        "before=train",
        "after=on",
        "rule=method",
        "place=abstract",
        "shape=XxX-d",
    ):
        assert expected in features, expected


def test_the_proposal_features_say_whether_a_name_recurs_in_the_other_part_and_how_often(nlp):
    doc = nlp.make_doc("PixelCNN: Conditional Image Generation\n\nPixelCNN models images on CIFAR-10.")
    table, end_of_title = token_table(doc), title_end(doc)
    spans = [(i, i + 1) for i in range(len(doc)) if table.token_text(i) in ("PixelCNN", "CIFAR-10")]
    assert len(spans) == 3
    candidates = [Candidate(start, end, METHOD, "gazetteer", 0.8) for start, end in spans]
    context = span_contexts(table, candidates, end_of_title)
    in_title, in_abstract, dataset = (CONTEXT_FEATURES[context[span]][-3:-1] for span in spans)
    assert in_title == in_abstract == ("echo=True", "count=2")
    assert dataset == ("echo=False", "count=1")
    assert [is_proposal_feature(f) for f in ("echo=True", "count=2", "also=method")] == [True, True, False]


def test_names_right_after_the_authors_propose_or_name_something_are_cued(nlp):
    doc = nlp.make_doc("A Title\n\nWe propose FooNet for parsing. Others use BarNet, called Baz here.")
    table = token_table(doc)
    cued = {table.token_text(index) for index in cued_starts(table)}
    assert {"FooNet", "parsing", "Baz"} <= cued
    assert not cued & {"Others", "BarNet"}  # past the sentence's end; no cue before it
