from kg.extract import build_pipeline, extract_paper
from kg.extract.gazetteer import is_case_sensitive, number_variants, written_variants
from kg.extract.lexicon import load_lexicon
from kg.extract.tokenizer import PatternWords, twin_tokenizer
from kg.records import ConceptType

from .conftest import make_paper


def names(extraction, concept_type):
    return {concept.name: concept.aliases for concept in extraction.of_type(concept_type)}


def test_lexicon_names_match_in_any_case_and_number_named_as_the_abstract_writes_them(tiny_nlp):
    paper = make_paper(
        "Gaussian Processes for Bayesian Optimization",
        "We compare gaussian processes with a Transformer on image classification"
        " using CIFAR-10 and ImageNet.",
    )
    extraction = extract_paper(paper, tiny_nlp)
    assert names(extraction, ConceptType.METHOD) == {
        "gaussian processes": ("Gaussian Processes",),
        "Transformer": (),
    }
    assert set(names(extraction, ConceptType.TASK)) == {"Bayesian Optimization", "image classification"}
    assert set(names(extraction, ConceptType.DATASET)) == {"CIFAR-10", "ImageNet"}


def test_acronyms_match_only_as_written_and_generic_names_never(tiny_nlp):
    extraction = extract_paper(
        make_paper("A title", "The gp of a lstm and a neural network; an LSTM and a GP, a Gaussian process."),
        tiny_nlp,
    )
    methods = extraction.of_type(ConceptType.METHOD)
    assert sorted(concept.name for concept in methods) == ["Gaussian process", "LSTM"]
    gp = next(concept for concept in methods if concept.name == "Gaussian process")
    assert gp.lexicon_id == "method:gaussian process"
    assert [mention.text for mention in gp.mentions] == ["GP", "Gaussian process"]


def test_case_sensitivity_and_number_variants():
    assert is_case_sensitive("ResNet") and is_case_sensitive("GP") and not is_case_sensitive("dropout")
    assert number_variants("deep ensembles") == {"deep ensembles", "deep ensemble"}
    assert number_variants("Gaussian process") == {"Gaussian process", "Gaussian processes"}


def test_hyphenated_names_also_match_written_with_a_space(tiny_nlp):
    assert written_variants("t-SNE") == {"t-SNE"}
    assert "nonconvex optimization" in written_variants("non-convex optimization")
    extraction = extract_paper(make_paper("A title", "We train on CIFAR 10 and CIFAR-10 images."), tiny_nlp)
    (dataset,) = extraction.of_type(ConceptType.DATASET)
    assert dataset.lexicon_id is not None and {dataset.name, *dataset.aliases} == {"CIFAR 10", "CIFAR-10"}


def test_the_core_vocabulary_names_and_types_established_concepts(rules_nlp):
    paper = make_paper(
        "A study",
        "We train with Adam and backpropagation, sample with Markov chain Monte Carlo (MCMC), reduce "
        "dimension with principal component analysis and study supervised learning.",
    )
    extraction = extract_paper(paper, rules_nlp)
    methods = names(extraction, ConceptType.METHOD)
    assert {"Adam", "backpropagation", "Markov chain Monte Carlo", "principal component analysis"} <= set(
        methods
    )
    assert "MCMC" in methods["Markov chain Monte Carlo"]
    assert "supervised learning" in names(extraction, ConceptType.TASK)


def test_a_known_method_with_a_glued_name_prefix_is_a_named_variant(tiny_nlp):
    paper = make_paper(
        "A title", "Robotic manipulation with Q-transformers, and zero-shot-Transformer-based models."
    )
    methods = extract_paper(paper, tiny_nlp).of_type(ConceptType.METHOD)
    assert [(concept.name, concept.lexicon_id) for concept in methods] == [("Q-transformers", None)]


def test_a_prefixed_camel_case_method_matches_in_prose(tmp_path):
    (tmp_path / "methods.tsv").write_text("label\taliases\tsources\tweight\nHyperNetwork\t\ttest\t3\n")
    (tmp_path / "datasets.tsv").write_text("label\taliases\tsources\tweight\nMultiScan\t\ttest\t3\n")
    nlp = build_pipeline(tmp_path)
    paper = make_paper("A study", "Hypernetworks predict weights. We scan with multiscan.")
    assert [c.name for c in extract_paper(paper, nlp).concepts] == ["Hypernetworks"]


def test_pattern_names_are_split_into_the_words_the_tokenizer_makes(nlp):
    """Plain names are split without the tokenizer: for every name of the bundled lexicons
    (and words that are special cases), the same words as the tokenizer's."""
    words = PatternWords(nlp)
    tokenizer = twin_tokenizer(nlp.tokenizer)
    names = {name for entry in load_lexicon() for name in (entry.label, *entry.aliases)}
    names |= {"cannot detect", "Gaussian process", "ResNet-50", "U-Net (2D)"}
    for name in sorted(names):
        assert words(name) == [token.lower for token in tokenizer(name)], name


def test_patterns_made_once_are_read_back_from_the_cache_with_the_same_matches(nlp, tmp_path):
    from kg.extract.gazetteer import Gazetteer, lexicon_patterns

    entries = list(load_lexicon())
    made = Gazetteer(nlp, entries, tmp_path)
    (saved,) = tmp_path.glob("gazetteer-*.json")
    again = Gazetteer(nlp, entries, tmp_path)
    assert again.keys == made.keys and again.acronym_forms == made.acronym_forms
    doc = nlp.make_doc("We fine-tune LLaMA-13B with LoRA on SQuAD 2.0 and Gaussian processes on MNIST.")
    assert [(m.entry.id, m.start, m.end) for m in again(doc)] == [
        (m.entry.id, m.start, m.end) for m in made(doc)
    ]
    assert [(m.entry.id, m.start, m.end) for m in made(doc)]
    assert lexicon_patterns(nlp, entries).words == [(key, words) for key, words in made_patterns(saved)]
    saved.write_text("{broken")  # a damaged cache is made again, not trusted
    assert Gazetteer(nlp, entries, tmp_path).keys == made.keys


def made_patterns(path):
    import orjson

    return orjson.loads(path.read_bytes())["words"]
