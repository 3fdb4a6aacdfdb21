"""Extraction on a Dask distributed cluster (a LocalCluster on 127.0.0.1) gives the local result."""

from pathlib import Path

import pytest

from ..conftest import kg_ok

distributed = pytest.importorskip("distributed")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_a_build_on_a_dask_cluster_equals_a_local_build(tmp_path):
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        kg_ok("build", EXAMPLES, "-o", tmp_path / "dask", "--scheduler", cluster.scheduler_address)
    kg_ok("build", EXAMPLES, "-o", tmp_path / "local", "--jobs", "1")
    for name in ("extractions.jsonl", "cache.jsonl", "graph.nt", "graph.ttl", "graph.graphml"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(
        app,
        ["build", str(EXAMPLES / "arxiv_api.atom"), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"],
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
