"""The extraction rules run as the C extensions setup.py builds, never from a stale build."""

import importlib
import os
from pathlib import Path

import pytest

import kg.extract

EXTRACT_DIR = Path(kg.extract.__file__).parent


def compiled_modules() -> list[Path]:
    return sorted(EXTRACT_DIR.glob("*.so"))


@pytest.mark.skipif(bool(os.environ.get("KG_PURE_PYTHON")), reason="installed uncompiled on purpose")
def test_the_rules_are_imported_compiled():
    phrases = importlib.import_module("kg.extract.phrases")
    assert phrases.__file__.endswith(".so"), "setup.py did not compile the rules; see the install log"


@pytest.mark.parametrize("extension", compiled_modules(), ids=lambda path: path.name.split(".")[0])
def test_no_compiled_module_is_older_than_its_source(extension: Path):
    stem = extension.name.split(".")[0]
    source = next(
        path
        for path in (extension.with_name(stem + ".py"), extension.with_name(stem + ".pyx"))
        if path.exists()
    )
    assert source.stat().st_mtime <= extension.stat().st_mtime, f"{source.name} changed: run make compile"
