import copy
import dataclasses
import inspect
import pickle

import pytest

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


@pytest.mark.parametrize("record", [Mention, LocalConcept])
def test_written_out_initialisers_take_exactly_the_fields(record):
    expected = [(each.name, each.default) for each in dataclasses.fields(record)]
    parameters = list(inspect.signature(record.__init__).parameters.values())[1:]
    assert [(each.name, each.default) for each in parameters] == [
        (name, inspect.Parameter.empty if default is dataclasses.MISSING else default)
        for name, default in expected
    ]
