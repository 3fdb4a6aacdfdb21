"""Real Oxigraph servers on 127.0.0.1: kg serve (read-only), queries over HTTP, Graph Store push."""

import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.endpoint import oxigraph_executable

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(command: list[str], port: int):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("small")
    result = runner.invoke(app, ["build", str(ROOT / "examples" / "arxiv_api.atom"), "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


def test_kg_serve_answers_queries_and_refuses_updates(small_build):
    port = free_port()
    command = ["kg", "serve", "--store", str(small_build), "--bind", f"127.0.0.1:{port}", "--timeout", "5"]
    command[0] = str(Path(oxigraph_executable()).with_name("kg"))
    with running(command, port) as base:
        result = runner.invoke(
            app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }", "--endpoint", f"{base}/query"]
        )
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == ["n", "3"]
        update = urllib.request.Request(
            f"{base}/update",
            data=b"INSERT DATA { <http://a> <http://b> <http://c> }",
            headers={"Content-Type": "application/sparql-update"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=5)
        assert refused.value.code == 403


def test_build_pushes_to_a_graph_store(tmp_path):
    port = free_port()
    command = [
        oxigraph_executable(),
        "serve",
        "--location",
        str(tmp_path / "server"),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    with running(command, port) as base:
        result = runner.invoke(
            app,
            [
                "build",
                str(ROOT / "examples" / "references.bib"),
                "-o",
                str(tmp_path / "out"),
                "--push",
                f"{base}/store",
            ],
        )
        assert result.exit_code == 0, result.output
        result = runner.invoke(
            app,
            ["sparql", "SELECT ?t WHERE { ?p dcterms:title ?t } ORDER BY ?t", "--endpoint", f"{base}/query"],
        )
        assert result.stdout.splitlines()[1:] == [
            "Efficient and Modular Implicit Differentiation",
            "Volume Rendering of Neural Implicit Surfaces",
        ]


def test_unreachable_endpoint_is_a_clear_error():
    port = free_port()
    result = runner.invoke(app, ["sparql", "ASK {}", "--endpoint", f"http://127.0.0.1:{port}/query"])
    assert result.exit_code == 1
    assert "cannot connect" in result.stderr
