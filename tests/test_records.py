import copy
import dataclasses
import pickle

import pytest
import spacy

from kg.extract.abbreviations import Abbreviation
from kg.extract.candidates import Candidate
from kg.extract.gazetteer import GazetteerMatch
from kg.extract.lexicon import LexiconEntry
from kg.extract.lists import ListItem
from kg.records import CodeUrl, ConceptType, LocalConcept, Mention, Paper, PaperConcepts, Source, UrlKind


def extraction() -> PaperConcepts:
    mention = Mention("PINNs", "abstract", 10, 15, "We train PINNs.", "abbreviation", 0.8)
    concept = LocalConcept(
        "physics-informed neural network", ConceptType.METHOD, ("PINNs",), (mention,), "m1", "pattern", True
    )
    paper = Paper("p1", "T", "A", "T", "A", arxiv_id="2401.00001", sources=(Source("a.txt", 3, "hf"),))
    return PaperConcepts(paper, (concept,), (CodeUrl("https://github.com/a/b", UrlKind.CODE, mention),))


def test_records_survive_pickling_and_copies():
    # worker processes send extractions back pickled
    original = extraction()
    for copied in (pickle.loads(pickle.dumps(original)), copy.deepcopy(original), copy.copy(original)):
        assert copied == original
        assert type(copied.concepts[0].mentions[0]) is Mention


def test_records_stay_frozen_comparable_and_dataclasses():
    original = extraction()
    with pytest.raises(dataclasses.FrozenInstanceError):
        original.paper.id = "p2"  # type: ignore[misc]
    assert dataclasses.replace(original.paper, id="p2").id == "p2"
    assert dataclasses.asdict(original.urls[0].mention)["text"] == "PINNs"
    assert hash(original.paper) == hash(extraction().paper)
    assert sorted([Source("b", 1, "hf"), Source("a", 2, "hf")])[0].path == "a"


def written_out_samples() -> list[tuple[type, tuple]]:
    """The records made by the dozen per paper, with a value for every field in order (the
    output records write their __init__ out for speed; each must take exactly its fields)."""
    doc = spacy.blank("en")("a bee (AB)")
    entry = LexiconEntry("method:x", ConceptType.METHOD, "x", ())
    return [
        (Mention, ("PINNs", "abstract", 1, 6, "We train PINNs.", "url", 0.5)),
        (LocalConcept, ("PINN", ConceptType.METHOD, ("PINNs",), (), "m1", "pattern", True)),
        (Candidate, (1, 3, ConceptType.TASK, "pattern:list", 0.6, "task:x", True)),
        (Abbreviation, (doc[0:2], doc[3:4], "a bee", "AB")),
        (GazetteerMatch, (entry, 0, 2, True)),
        (ListItem, (4, 7)),
    ]


WRITTEN_OUT = written_out_samples()


@pytest.mark.parametrize(("record", "values"), WRITTEN_OUT, ids=[each.__name__ for each, _ in WRITTEN_OUT])
def test_record_initialisers_take_exactly_the_fields(record, values):
    # Compiled, these initialisers have no signature to read: so each field is checked to take
    # its value by position, and the optional ones to default as the dataclass declares.
    fields = dataclasses.fields(record)
    assert [getattr(record(*values), each.name) for each in fields] == list(values)
    required = [each for each in fields if each.default is dataclasses.MISSING]
    made = record(*values[: len(required)])
    assert [getattr(made, each.name) for each in fields[len(required) :]] == [
        each.default for each in fields[len(required) :]
    ]
