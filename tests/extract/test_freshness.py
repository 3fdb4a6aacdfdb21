"""The extraction rules run as the C extensions setup.py builds, never from a stale build."""

import importlib
import importlib.machinery
import json
import os
import subprocess
import sys

import pytest

from kg.extract import freshness

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


@pytest.mark.skipif(bool(os.environ.get("KG_PURE_PYTHON")), reason="installed uncompiled on purpose")
def test_the_rules_are_imported_compiled():
    phrases = importlib.import_module("kg.extract.phrases")
    assert phrases.__file__.endswith(".so"), "setup.py did not compile the rules (or they are stale)"
    assert freshness.rules_run_compiled()


def test_every_compiled_module_matches_its_source():
    assert freshness.stale_modules([*freshness.COMPILED_RULES, freshness.SPACY_HELPERS]) == []


@pytest.fixture
def extract_dir(tmp_path, monkeypatch):
    """A folder standing for kg/extract/, with one rule 'compiled' from its current source."""
    (tmp_path / "heads.py").write_text("HEADS = 1\n")
    (tmp_path / f"heads{SUFFIX}").write_bytes(b"")
    monkeypatch.setattr(freshness, "EXTRACT_DIR", tmp_path)
    monkeypatch.setattr(freshness, "COMPILED_DIGESTS", tmp_path / "compiled-sources.json")
    freshness.COMPILED_DIGESTS.write_text(json.dumps(freshness.source_digests(["heads"])))
    return tmp_path


def test_an_edited_source_makes_its_compiled_module_stale(extract_dir):
    assert freshness.stale_modules(["heads"]) == []
    (extract_dir / "heads.py").write_text("HEADS = 2\n")
    assert freshness.stale_modules(["heads"]) == ["heads"]


def test_a_compiled_module_without_a_recorded_digest_is_stale(extract_dir):
    freshness.COMPILED_DIGESTS.unlink()
    assert freshness.stale_modules(["heads"]) == ["heads"]


def test_a_module_never_compiled_is_not_stale(extract_dir):
    (extract_dir / "lists.py").write_text("LISTS = 1\n")
    assert freshness.stale_modules(["lists"]) == []


def test_source_first_imports_the_py_beside_an_extension():
    spec = freshness.SourceFirst(["phrases"]).find_spec("kg.extract.phrases")
    assert spec.origin.endswith("phrases.py")
    assert freshness.SourceFirst(["phrases"]).find_spec("kg.extract.lists") is None


def test_pure_python_is_run_on_request():
    code = "import kg.extract.phrases as p, kg.extract.native as n; print(p.__file__, n.COMPILED)"
    environment = {**os.environ, "KG_PURE_PYTHON": "1"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    path, compiled = result.stdout.split()
    assert path.endswith("phrases.py") and compiled == "False"
    assert result.stderr == ""
