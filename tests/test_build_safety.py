"""A build killed at any point leaves the previous one usable; writers queue; readers keep going."""

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from kg.builder import writer_lock
from kg.cache import read_cache
from kg.query import lookup, node_neighbors

from .conftest import kg_ok

KG = [sys.executable, "-m", "kg.cli"]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "extractions.jsonl", "cache.jsonl")


@pytest.fixture(scope="module")
def inputs() -> tuple[Path, Path]:
    return EXAMPLES / "arxiv_api.atom", EXAMPLES / "references.bib"


@pytest.fixture(scope="module")
def base_build(tmp_path_factory, inputs) -> Path:
    output = tmp_path_factory.mktemp("base")
    kg_ok("build", inputs[0], "-o", output)
    return output


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory, inputs) -> Path:
    output = tmp_path_factory.mktemp("fresh")
    kg_ok("build", *inputs, "-o", output)
    return output


def copy_of(build: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "build"
    shutil.copytree(build, copy, symlinks=True)
    return copy


def start(command: str, inputs: list[Path], output: Path) -> subprocess.Popen:
    arguments = [*KG, command, *map(str, inputs), "-o", str(output)]
    return subprocess.Popen(arguments, stderr=subprocess.PIPE, text=True)


def kill_when(process: subprocess.Popen, condition: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if condition():
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.001)
    process.wait()


def assert_usable(build: Path) -> None:
    """Every file of the build parses and the store and the name index answer."""
    assert len(Graph().parse(build / "graph.ttl")) > 0
    json.loads((build / "graph.jsonld").read_text())
    json.loads((build / "summary.json").read_text())
    assert read_cache(build)
    paper = lookup(build, "1706.02515").matches[0]
    assert node_neighbors(build, paper)


def moment(started: float, seconds: float) -> Callable[[], bool]:
    return lambda: time.monotonic() - started > seconds


KILL_POINTS = {
    "while loading the pipeline": lambda output, started: moment(started, 0.3),
    "when the export begins": lambda output, started: (output / ".staging").exists,
    "while loading the store": lambda output, started: (output / ".staging" / "store").exists,
    "while committing": lambda output, started: (output / ".stores" / "2").exists,
}


@pytest.mark.parametrize(
    ("command", "point"), [("add", point) for point in KILL_POINTS] + [("build", "while loading the store")]
)
def test_a_killed_writer_leaves_the_build_usable_and_the_next_run_completes(
    command, point, base_build, fresh_build, inputs, tmp_path
):
    output = copy_of(base_build, tmp_path)
    arguments = {"add": [inputs[1]], "build": list(inputs)}[command]
    process = start(command, arguments, output)
    kill_when(process, KILL_POINTS[point](output, time.monotonic()))
    assert_usable(output)
    kg_ok(command, *arguments, "-o", output)
    kg_ok("export", "-o", output)  # an add in place leaves the file exports to kg export
    for name in FILES:
        assert (output / name).read_bytes() == (fresh_build / name).read_bytes(), name
    assert not (output / ".staging").exists()


def test_a_second_writer_waits_for_the_first(base_build, fresh_build, inputs, tmp_path):
    output = copy_of(base_build, tmp_path)
    with writer_lock(output):
        process = start("add", [inputs[1]], output)
        assert "waiting for another kg build or add" in process.stderr.readline()
        time.sleep(0.5)
        assert process.poll() is None
        assert (output / "graph.nt").read_bytes() == (base_build / "graph.nt").read_bytes()
    assert process.wait(timeout=120) == 0
    kg_ok("export", "-o", output)
    assert (output / "graph.nt").read_bytes() == (fresh_build / "graph.nt").read_bytes()


def test_readers_keep_answering_while_a_build_is_written(base_build, inputs, tmp_path):
    output = copy_of(base_build, tmp_path)
    process = start("add", [inputs[1]], output)
    answers = 0
    while process.poll() is None:
        paper = lookup(output, "1706.02515").matches[0]
        assert node_neighbors(output, paper)
        answers += 1
    assert process.returncode == 0
    assert answers > 10
