"""kg.extract.keys: one key per concept spelling family."""

from kg.extract.keys import MAX_CACHED_WORDS, concept_key, remember, singular


def test_spellings_of_one_concept_share_a_key():
    family = ["Gaussian processes", "Gaussian-Process", "gaussian process", "GAUSSIAN  PROCESS"]
    assert {concept_key(name) for name in family} == {"gaussian process"}
    assert (
        concept_key("multi-task learning")
        == concept_key("multitask learning")
        == concept_key("Multi Task Learning")
    )
    assert concept_key("ResNet-50") == concept_key("ResNet50") != concept_key("ResNet-101")


def test_different_concepts_keep_different_keys():
    names = ["graph neural network", "graph network", "neural network", "GNN", "GANs", "GAN loss"]
    assert len({concept_key(name) for name in names}) == len(names)


def test_only_a_final_plural_is_undone():
    assert [singular(word) for word in ["losses", "analysis", "GPs", "GPS", "bus", "strategies"]] == [
        "loss",
        "analysis",
        "GP",
        "GPS",
        "bus",
        "strategy",
    ]
    assert concept_key("networks of experts") == "networks of expert"


def test_remembered_answers_are_kept_until_the_cache_is_full_then_forgotten_at_once():
    answers: dict[int, bool] = {}
    for word in range(MAX_CACHED_WORDS):
        remember(answers, word, True)
    assert len(answers) == MAX_CACHED_WORDS
    assert remember(answers, -1, False) is False
    assert answers == {-1: False}
