"""scripts/build_lexicon.py: the family names of versioned methods and datasets, leaderboard datasets."""

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("wordfreq")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_lexicon.py"
spec = importlib.util.spec_from_file_location("build_lexicon", SCRIPT)
build_lexicon = importlib.util.module_from_spec(spec)
sys.modules["build_lexicon"] = build_lexicon  # (dataclasses look their module up)
spec.loader.exec_module(build_lexicon)
Entry, METHOD, DATASET, TASK = (
    build_lexicon.Entry,
    build_lexicon.METHOD,
    build_lexicon.DATASET,
    build_lexicon.TASK,
)


def families(*entries):
    found = build_lexicon.series_families(list(entries))
    return {(entry.type, entry.label) for entry in found[len(entries) :]}


def entry(concept_type, label, *aliases):
    return Entry(concept_type, label, tuple(aliases), ("pwc-datasets",), 5.0)


def test_versions_sizes_and_variants_give_their_family():
    assert families(
        entry(DATASET, "SQuAD 2.0"),
        entry(METHOD, "ResNeXt-101"),
        entry(METHOD, "YOLOv3"),
        entry(METHOD, "DeBERTa-large"),
        entry(METHOD, "LLaMA-13B"),
    ) == {(DATASET, "SQuAD"), (METHOD, "ResNeXt"), (METHOD, "YOLO"), (METHOD, "DeBERTa"), (METHOD, "LLaMA")}


def test_no_family_for_words_cut_names_tasks_or_known_names():
    assert not families(
        entry(DATASET, "ATOM 2"),  # an English word in capitals
        entry(METHOD, "Flan-T5"),  # "Flan-T" is no name
        entry(METHOD, "Multi-Scale 3"),  # a capital only after a hyphen
        entry(TASK, "SemEval-2014"),
        entry(METHOD, "GPT-3"),
        entry(METHOD, "GPT", "GPTs"),  # already an entry
    )


def test_a_family_of_two_types_is_left_out():
    assert not families(entry(METHOD, "DeepLabv3"), entry(DATASET, "DeepLab-1"))


def test_a_leaderboard_gives_the_name_of_its_dataset():
    names = {
        benchmark: build_lexicon.benchmark_dataset(benchmark)
        for benchmark in (
            "OMNIGLOT - 1-Shot, 20-way",
            "Cityscapes test",
            "COCO test-dev",
            "GRID corpus (mixed-speech)",
            "ImageNet 64x64",
        )
    }
    assert list(names.values()) == ["OMNIGLOT", "Cityscapes", "COCO", "GRID corpus", "ImageNet 64x64"]


def test_what_is_no_dataset_name_gives_none():
    for benchmark in ("N/A", "^(#$!@#$)(()))***", "2017 test set", "100 sleep nights of 8 caregivers"):
        assert build_lexicon.benchmark_dataset(benchmark) is None, benchmark
