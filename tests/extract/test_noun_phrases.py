from kg.extract.candidates import Candidate, candidates_of
from kg.extract.noun_phrases import COMPONENT, MAX_WORDS, noun_phrase_candidates, word_runs
from kg.extract.tokens import token_table

from .conftest import RULES_ONLY


def rule_doc(nlp, text):
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name not in RULES_ONLY:
            doc = component(doc)
    return doc


def texts(doc, spans):
    table = token_table(doc)
    return [table.span_text(start, end) for start, end in spans]


def test_runs_stop_at_closed_class_words_verbs_and_punctuation(nlp):
    doc = rule_doc(nlp, "A study\n\nWe compare FiBiNET with DeepFM and xDeepFM on the Criteo dataset.")
    # "A", "we", "with", "and", "on", "the" are closed-class; "study" and "compare" frequent verbs
    assert texts(doc, word_runs(doc)) == ["FiBiNET", "DeepFM", "xDeepFM", "Criteo dataset"]


def test_name_shaped_spans_no_rule_proposed_become_untyped_candidates(nlp):
    doc = rule_doc(nlp, "A study\n\nWe compare FiBiNET with DeepFM and xDeepFM on the Criteo dataset.")
    found = list(noun_phrase_candidates(doc))
    assert all(c.type is None and c.component == COMPONENT for c in found)
    spans = texts(doc, [(c.start, c.end) for c in found])
    assert spans == ["FiBiNET", "xDeepFM", "Criteo dataset", "dataset"]  # DeepFM, Criteo: the lexicon's
    proposed = {(c.start, c.end) for c in candidates_of(doc) if c.component != COMPONENT}
    assert not proposed & {(c.start, c.end) for c in found}  # never a span a rule proposed


def test_plain_words_need_a_head_noun_and_a_capital_opening_a_sentence_is_no_name(nlp):
    doc = rule_doc(nlp, "A study\n\nSimple things matter. Careful tuning of gradient boosting helps.")
    spans = set(texts(doc, [(c.start, c.end) for c in noun_phrase_candidates(doc)]))
    assert "gradient boosting" in spans and "boosting" in spans
    assert not {"Simple things", "Simple", "Careful tuning"} & spans


def test_spans_are_at_most_max_words_long(nlp):
    doc = rule_doc(nlp, "A study\n\nWe train Large Capitalised Name Thing Models Here.")
    assert max(c.end - c.start for c in noun_phrase_candidates(doc)) == MAX_WORDS == 5
    assert isinstance(next(noun_phrase_candidates(doc)), Candidate)
