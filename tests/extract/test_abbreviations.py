import spacy
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.abbreviations import best_long_form, find_abbreviations, is_short_form, short_form_core


def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def definitions(text):
    return [(a.long.text, a.short.text) for a in find_abbreviations(nlp()(text))]


def test_schwartz_hearst_long_forms():
    assert (
        best_long_form("PINN", "we use a physics-informed neural network")
        == "physics-informed neural network"
    )
    assert (
        best_long_form("HMC", "including high-quality Hamiltonian Monte Carlo") == "Hamiltonian Monte Carlo"
    )
    assert (
        best_long_form("FCCov", "a measure termed Fréchet Cumulative Covariance")
        == "Fréchet Cumulative Covariance"
    )
    assert best_long_form("ABC", "nothing here matches") is None


def test_definitions_in_real_sentences():
    text = (
        "Bayesian optimization is typically represented by Gaussian process (GP) surrogate models. "
        "We propose Functional Bayesian Tucker Decomposition (FunBaT). "
        "Bayesian neural networks (BNNs) have recently become practical."
    )
    assert definitions(text) == [
        ("Gaussian process", "GP"),
        ("Functional Bayesian Tucker Decomposition", "FunBaT"),
        ("Bayesian neural networks", "BNNs"),
    ]


def test_hyphen_split_and_alternative_short_forms():
    text = (
        "We use the Eigenvalue-corrected Kronecker-Factored Approximate Curvature (EK-FAC) approximation. "
        "We introduce universal random features (or URFs) for kernels."
    )
    assert definitions(text) == [
        ("Eigenvalue-corrected Kronecker-Factored Approximate Curvature", "EK-FAC"),
        ("universal random features", "URFs"),
    ]


def test_parenthesised_numbers_and_citations_are_not_abbreviations():
    assert definitions("The error decays as O(n) (Smith, 2020) with 10 (ten) samples.") == []


def test_short_form_shapes():
    assert is_short_form("PINNs") and is_short_form("M-FAC") and is_short_form("FunBaT")
    assert not is_short_form("i") and not is_short_form("2020") and not is_short_form("see")
    assert short_form_core("PINNs") == "PINN"
    assert short_form_core("FunBaT") == "FunBaT"


ACRONYM = st.from_regex(r"[A-Z][A-Za-z0-9\-]{1,6}", fullmatch=True)
WORDS = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12), max_size=12)


@given(ACRONYM, WORDS)
def test_long_form_is_a_tail_of_the_text_holding_every_letter_in_order(short, words):
    long = " ".join(words)
    found = best_long_form(short, long)
    if found is not None:
        assert long.endswith(found)
        letters = iter(found.lower())
        assert all(char in letters for char in short.lower() if char.isalnum())


@given(WORDS, ACRONYM)
def test_detector_never_crashes_and_links_spans_of_one_sentence(words, short):
    doc = nlp()(f"{' '.join(words)} ({short}) {' '.join(reversed(words))}")
    for abbreviation in find_abbreviations(doc):
        assert abbreviation.long.end <= abbreviation.short.start
        assert is_short_form(abbreviation.short.text)
