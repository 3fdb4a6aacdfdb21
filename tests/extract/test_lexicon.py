"""The lexicon files and the rules' word lists beside them."""

from kg.extract.heads import DATASET_HEADS, METHOD_HEADS
from kg.extract.keys import concept_key
from kg.extract.lexicon import LEXICON_DIR, load_lexicon, word_list


def test_word_lists_are_the_words_of_their_file_without_its_comments(tmp_path):
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "kinds.txt").write_text("# kinds of things\nmethod model\n\n  net   e.g.\n")
    assert word_list("kinds", tmp_path) == {"method", "model", "net", "e.g."}


def test_every_shipped_word_list_loads_and_the_rules_read_them():
    for path in sorted((LEXICON_DIR / "words").glob("*.txt")):
        words = word_list(path.stem)
        assert words and not any(word.startswith("#") for word in words), path.name
    assert "operator" in METHOD_HEADS and "benchmark" in DATASET_HEADS


def test_lexicon_ids_are_typed_keys_of_their_labels():
    entries = load_lexicon()
    assert entries
    for entry in entries[:500]:
        assert entry.id == f"{entry.type.value}:{concept_key(entry.label)}"
