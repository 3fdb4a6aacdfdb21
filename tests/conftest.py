from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore the same examples on every run, so the suite stays deterministic.
settings.register_profile("kg", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("kg")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def kg_ok(*arguments):
    """Run a kg command in process and insist that it succeeds; its result (output) is returned."""
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, [str(argument) for argument in arguments])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory):
    """What kg caches between runs (the gazetteer's patterns) goes to a folder of the session's,
    not the user's cache, so that every run of the suite starts from nothing."""
    import os

    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def examples() -> Path:
    return ROOT / "examples"


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """One build of the bundled examples, shared by the tests that only read it."""
    output = tmp_path_factory.mktemp("example-build")
    kg_ok("build", ROOT / "examples", "-o", output)
    return output


@pytest.fixture(scope="session")
def evidence_build(tmp_path_factory) -> Path:
    """The bundled examples built with the most confident mention of each edge stated in RDF."""
    output = tmp_path_factory.mktemp("evidence-build")
    kg_ok("build", ROOT / "examples", "-o", output, "--evidence", "edges")
    return output


@pytest.fixture
def bad_inputs() -> Path:
    """One file per kind of bad input (see its README)."""
    return Path(__file__).resolve().parent / "data" / "bad"
