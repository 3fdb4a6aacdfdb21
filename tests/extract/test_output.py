"""kg.extract.output: the JSON Lines shape of kg extract."""

import dataclasses

from kg.extract.output import concepts_json, mention_json
from kg.ingest import read_papers


def test_a_mention_gives_what_asdict_gives(nlp):
    from kg.extract import extract_paper

    paper = next(iter(read_papers(["examples/"])))
    extraction = extract_paper(paper, nlp)
    mentions = [m for concept in extraction.concepts for m in concept.mentions]
    assert mentions
    for mention in mentions:
        assert mention_json(mention) == dataclasses.asdict(mention)
    record = concepts_json(extraction)
    assert list(record)[:2] == ["id", "title"] and {"methods", "tasks", "datasets", "code_urls"} <= set(
        record
    )
    short = concepts_json(extraction, with_mentions=False)
    assert all(
        "mentions" not in concept for kind in ("methods", "tasks", "datasets") for concept in short[kind]
    )
