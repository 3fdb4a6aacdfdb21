"""A wheel installed outside the checkout works on its own: the source tree is gone, the commands
run from an unrelated folder, and every file they read comes from the installed package.

Offline and quick: the wheel is built pure Python (the compiled build gives the same results,
tests/extract/test_compiled.py), and the fresh venv borrows this venv's dependencies through a
``.pth`` line instead of downloading them; kg itself is only the wheel's.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a checkout holds beyond its sources: never part of what a wheel is built from.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "exports", "__pycache__", "*.egg-info", "*.so", "*.cpp",
    "compiled-sources.json", ".pytest_cache", ".ruff_cache", ".hypothesis",
)  # fmt: skip


def run(*command: object, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """A fresh venv with the wheel of a copy of the checkout installed, the copy deleted; and an
    unrelated folder holding a copy of the examples."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    wheels = base / "wheels"
    build_env = {**os.environ, "KG_PURE_PYTHON": "1"}
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    run(
        *pip,
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        wheels,
        source,
        cwd=base,
        env=build_env,
    )
    venv = base / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    python = venv / "bin" / "python"
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=base).strip()
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    (wheel,) = wheels.glob("kg-*.whl")
    run(*pip, "--python", python, "install", "--quiet", "--no-deps", wheel, cwd=base)
    shutil.rmtree(source)
    elsewhere = base / "elsewhere"
    shutil.copytree(ROOT / "examples", elsewhere / "examples")
    return venv, elsewhere


def test_the_installed_package_is_the_wheels_not_the_checkouts(installed):
    venv, elsewhere = installed
    location = run(venv / "bin" / "python", "-c", "import kg; print(kg.__file__)", cwd=elsewhere)
    assert Path(location.strip()).is_relative_to(venv)
    assert "kg 0.1.0" in run(venv / "bin" / "kg", "--version", cwd=elsewhere)
    assert "Usage" in run(venv / "bin" / "python", "-m", "kg", "--help", cwd=elsewhere)


def test_build_neighbors_validate_and_a_named_query_run_from_an_unrelated_folder(installed):
    venv, elsewhere = installed
    kg = venv / "bin" / "kg"
    env = {**os.environ, "COLUMNS": "200"}
    run(kg, "build", "examples", "-o", "out", "--jobs", "1", cwd=elsewhere, env=env)
    assert (elsewhere / "out" / "graph.html").is_file()
    assert "Low-Rank Adaptation" in run(kg, "neighbors", "LoRA", "--store", "out", cwd=elsewhere, env=env)
    run(kg, "validate", "out", cwd=elsewhere, env=env)
    datasets = run(kg, "sparql", "most-used-datasets", "--store", "out", "--format", "csv", cwd=elsewhere)
    assert datasets.startswith("dataset,label,papers") and len(datasets.splitlines()) > 5
