"""kg.extract.heads: an unknown phrase typed by its head noun."""

from kg.extract.heads import type_by_head
from kg.records import ConceptType


def test_the_head_noun_types_the_phrase():
    assert type_by_head("adversarial adaptive sampling") is ConceptType.METHOD
    assert type_by_head("fluid dynamics simulations segmentation") is ConceptType.TASK
    assert type_by_head("Open Catalyst benchmark") is ConceptType.DATASET
    assert type_by_head("optimization of hyperparameters") is not ConceptType.DATASET
    assert type_by_head("deep learning") is None  # an ambiguous head decides nothing
