from kg.extract.candidates import candidates_of


def test_the_docs_candidates_and_abbreviations_are_its_extensions(nlp):
    doc = nlp.make_doc("We fit a Gaussian process (GP) to ImageNet.")
    assert doc._.candidates is None and doc._.abbreviations is None  # before any component ran
    doc = nlp(doc.text)
    assert doc._.candidates is candidates_of(doc) and doc._.candidates
    assert [(a.long.text, a.short.text) for a in doc._.abbreviations] == [("Gaussian process", "GP")]
