"""kg.files: a file is replaced whole or not at all."""

import pytest

from kg.files import atomic_path, atomic_write, commit_files, staging_folder, write_text


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "summary.json"
    write_text(path, "old")
    with pytest.raises(RuntimeError), atomic_write(path) as handle:
        handle.write("half")
        raise RuntimeError("killed")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["summary.json"]
    with pytest.raises(RuntimeError), atomic_path(path) as temporary:
        temporary.write_text("half")
        raise RuntimeError("killed")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def test_staged_files_are_committed_by_rename_and_the_staging_folder_goes(tmp_path):
    with staging_folder(tmp_path) as staging:
        (staging / "graph.nt").write_text("new")
        commit_files(staging, tmp_path, ["graph.nt"])
    assert (tmp_path / "graph.nt").read_text() == "new"
    assert not staging.exists()
