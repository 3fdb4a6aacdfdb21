"""kg.state: what a build saves for kg add and kg export, and when it may be trusted."""

import pytest

from kg.state import NotInPlace, matching_state, read_state, saved_resolution, state_bytes


def test_the_saved_state_round_trips_and_matches_its_build(example_build):
    state = matching_state(example_build)
    again = read_state(example_build / "state.json")
    assert again is not None and state_bytes(again) == state_bytes(state)
    resolution = saved_resolution(example_build)
    assert resolution is not None and {c.id for c in resolution.concepts} == set(state.concepts)


def test_a_build_whose_files_moved_on_is_not_changed_in_place(example_build, tmp_path):
    import shutil

    copy = tmp_path / "build"
    shutil.copytree(example_build, copy, symlinks=True)
    with (copy / "cache.jsonl").open("a") as cache:
        cache.write("\n")  # as an interrupted add leaves it
    with pytest.raises(NotInPlace, match="changed since its state was written"):
        matching_state(copy)
    assert saved_resolution(copy) is None
    (copy / "state.json").write_text("{not json")
    assert read_state(copy / "state.json") is None
