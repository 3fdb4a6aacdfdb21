"""kg.rdf.store: the build's store, published in generations."""

import pytest

from kg.rdf.store import (
    StoreMissingError,
    current_generation,
    load_store,
    next_generation,
    open_store,
    publish_store,
    query,
)


def test_a_published_store_answers_and_old_generations_go(tmp_path):
    ntriples = tmp_path / "graph.nt"
    ntriples.write_text('<https://kg.example.org/id/paper/1> <http://purl.org/dc/terms/title> "T" .\n')
    output = tmp_path / "build"
    output.mkdir()
    for expected in ("1", "2", "3"):
        assert next_generation(output) == expected
        publish_store(load_store(ntriples, tmp_path / f"loaded-{expected}"), output)
        assert current_generation(output) == expected
    assert sorted(path.name for path in (output / ".stores").iterdir()) == ["2", "3"]
    assert query(open_store(output), 'ASK { ?p dcterms:title "T" }')


def test_a_folder_without_a_store_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreMissingError, match="run `kg build"):
        open_store(tmp_path)
