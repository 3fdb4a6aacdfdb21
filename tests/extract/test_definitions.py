from kg.extract.candidates import candidates_of
from kg.records import ConceptType


def test_every_use_of_a_defined_short_form_is_a_mention_typed_like_its_long_form(nlp):
    doc = nlp(
        "Adaptive Sampling\n\nWe propose adversarial adaptive sampling (AAS). AAS beats MC-AAS and "
        "AAS-based baselines; AASs scale, aas does not."
    )
    found = [
        (doc[c.start : c.end].text, c.start, c.type)
        for c in candidates_of(doc)
        if c.component == "abbreviation"
    ]
    # not "MC-AAS" (part of another name), not "aas" (another word)
    assert found == [
        ("adversarial adaptive sampling", 5, ConceptType.METHOD),
        ("AAS", 9, ConceptType.METHOD),
        ("AAS", 12, ConceptType.METHOD),
        ("AAS", 18, ConceptType.METHOD),
        ("AASs", 23, ConceptType.METHOD),
    ]
