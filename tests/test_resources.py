"""The data files kg reads at run time are found from the package, not the working folder."""

import os

from kg.resources import cache_dir, lexicon_dir, ontology_dir, queries_dir


def test_the_ontology_files_are_found_from_any_working_folder(tmp_path):
    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        folder = ontology_dir()
        assert (folder / "kg.ttl").is_file() and (folder / "shapes.ttl").is_file()
        assert sorted(path.name for path in lexicon_dir().glob("*.tsv")) == [
            "core.tsv",
            "datasets.tsv",
            "methods.tsv",
            "tasks.tsv",
        ]
        assert any(queries_dir().glob("*.rq"))
    finally:
        os.chdir(before)


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.setenv("KG_CACHE_DIR", "")
    assert cache_dir() is None
    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "kg"
