from typer.testing import CliRunner

from kg.cli import app

from ..conftest import kg_ok

runner = CliRunner()


def test_missing_path_exits_2_with_one_line(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr
    assert "Traceback" not in result.output


def test_version_says_whether_the_rules_run_compiled():
    from kg import __version__

    output = kg_ok("--version").output
    assert output.startswith(f"kg {__version__} (extraction rules: ")


def test_python_dash_m_kg_runs_the_cli():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "neighbors" in result.stdout
