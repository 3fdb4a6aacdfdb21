"""Real Oxigraph servers on 127.0.0.1: kg serve (read-only), queries over HTTP, Graph Store push."""

import os
import shutil
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
from kg.rdf.gateway import free_port

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def started(command: list[str], port: int, env: dict | None = None) -> subprocess.Popen:
    """Start a server and wait until it listens on ``port``."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("the server did not start")


@contextmanager
def running(command: list[str], port: int, env: dict | None = None):
    process = started(command, port, env)
    try:
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


PAPERS = "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }"
INSERT = b"INSERT DATA { <https://kg.example.org/id/paper/t/x> a <https://kg.example.org/ontology#Paper> }"


def kg_serve_command(build: Path, port: int, *options: str) -> list[str]:
    kg = str(Path(oxigraph_executable()).with_name("kg"))
    return [kg, "serve", "--store", str(build), "--bind", f"127.0.0.1:{port}", *options]


def kg_serve(build: Path, *options: str, env: dict | None = None):
    port = free_port()
    return running(kg_serve_command(build, port, *options), port, env)


def children_of(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def count_papers(base: str) -> list[str]:
    result = runner.invoke(app, ["sparql", PAPERS, "--endpoint", f"{base}/query"])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def post(url: str, data: bytes, content_type: str, token: str | None = None) -> int:
    headers = {"Content-Type": content_type}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_kg_serve_answers_queries_and_refuses_updates(small_build):
    with kg_serve(small_build, "--timeout", "5") as base:
        assert count_papers(base) == ["n", "3"]
        assert post(f"{base}/update", INSERT, "application/sparql-update") == 403
        assert post(f"{base}/store?default", b"<a:b> <a:c> <a:d> .", "application/n-triples") == 403
        assert count_papers(base) == ["n", "3"]


def test_stopping_kg_serve_with_sigterm_stops_its_engine(small_build):
    """Service managers stop with SIGTERM; the Oxigraph engine behind the gateway must not outlive it."""
    port = free_port()
    process = started(kg_serve_command(small_build, port), port)
    engines = children_of(process.pid)
    assert engines
    process.terminate()
    assert process.wait(timeout=10) == 0
    assert not [pid for pid in engines if is_running(pid)]


def test_writes_need_the_flag_and_the_token(small_build, tmp_path):
    build = tmp_path / "copy"
    shutil.copytree(small_build, build, symlinks=True)
    environment = {**os.environ, "KG_SERVE_TOKEN": "s3cret-token"}
    with kg_serve(build, "--writable", env=environment) as base:
        assert post(f"{base}/update", INSERT, "application/sparql-update") == 401
        assert post(f"{base}/update", INSERT, "application/sparql-update", token="wrong") == 401
        assert count_papers(base) == ["n", "3"]
        assert post(f"{base}/update", INSERT, "application/sparql-update", token="s3cret-token") == 204
        assert count_papers(base) == ["n", "4"]


def test_a_runaway_query_is_stopped_and_the_server_recovers(small_build):
    with kg_serve(small_build, "--timeout", "1") as base:
        started = time.monotonic()
        runaway = b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        assert post(f"{base}/query", runaway, "application/sparql-query") == 503
        assert time.monotonic() - started < 10
        assert count_papers(base) == ["n", "3"]


def test_an_oversized_result_is_refused(small_build):
    with kg_serve(small_build, "--max-result-mb", "1") as base:
        huge = b"SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 100000"
        assert post(f"{base}/query", huge, "application/sparql-query") == 507
        assert count_papers(base) == ["n", "3"]


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
