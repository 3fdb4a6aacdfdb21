"""What `kg sparql` takes as a query: an example's name, a .rq file, or the text."""

import pytest

from kg.rdf.queries import UnknownQueryError, description, example_queries, query_text
from kg.resources import queries_dir


def test_every_bundled_query_is_listed_with_its_leading_comment():
    examples = example_queries()
    assert [example.name for example in examples] == sorted(path.stem for path in queries_dir().glob("*.rq"))
    assert all(example.description and not example.description.startswith("#") for example in examples)


def test_a_name_a_file_and_a_text_each_give_their_query(tmp_path):
    bundled = queries_dir() / "most-used-datasets.rq"
    assert query_text("most-used-datasets") == bundled.read_text(encoding="utf-8")
    own = tmp_path / "mine.rq"
    own.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert query_text(str(own)) == "ASK { ?s ?p ?o }"
    assert query_text("SELECT * WHERE { ?s ?p ?o }") == "SELECT * WHERE { ?s ?p ?o }"


def test_an_unknown_name_is_refused_with_the_closest_names():
    with pytest.raises(UnknownQueryError, match="did you mean most-used-datasets"):
        query_text("most-used-dataset")
    with pytest.raises(FileNotFoundError):
        query_text("missing.rq")


def test_a_file_without_a_leading_comment_has_no_description():
    assert description("SELECT * WHERE { ?s ?p ?o }") == ""
    assert description("\n# Counts.\nASK {}") == "Counts."
