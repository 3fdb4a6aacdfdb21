"""Property: whatever text papers carry, the IRIs minted are valid and every triple survives
Turtle -> SPARQL store -> Turtle."""

import re

import pyoxigraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.graph import graph_records
from kg.ingest.text import normalise_text, title_id
from kg.rdf.triples import triples
from kg.records import CodeUrl, ConceptType, LocalConcept, Mention, Paper, PaperConcepts, UrlKind
from kg.resolve import resolve, slug

TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).map(normalise_text)
NAME = TEXT.filter(bool)


@st.composite
def extractions(draw) -> PaperConcepts:
    title, abstract = draw(NAME), draw(NAME)
    arxiv_id = draw(st.none() | st.from_regex(r"\d{4}\.\d{4,5}|[a-z]{2,6}(-[a-z]{2})?/\d{7}", fullmatch=True))
    paper = Paper(
        id=arxiv_id or title_id(title),
        title=title,
        abstract=abstract,
        original_title=title,
        original_abstract=abstract,
        arxiv_id=arxiv_id,
        authors=tuple(draw(st.lists(NAME, max_size=2))),
        categories=tuple(draw(st.lists(NAME, max_size=2))),
        published=draw(st.none() | TEXT),
    )
    concepts = tuple(
        LocalConcept(
            name=name,
            type=draw(st.sampled_from(ConceptType)),
            aliases=tuple(draw(st.lists(NAME, max_size=2))),
            mentions=(Mention(name, "abstract", 0, len(name), draw(TEXT), "test", 0.5),),
            proposed=draw(st.booleans()),
        )
        for name in draw(st.lists(NAME, max_size=3, unique_by=str.lower))
    )
    urls = tuple(
        CodeUrl(url, UrlKind.CODE)
        for url in draw(st.lists(st.from_regex(r"https://[a-z]+\.org/[\w-]*", fullmatch=True), max_size=1))
    )
    return PaperConcepts(paper, concepts, urls)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(extractions(), min_size=1, max_size=3, unique_by=lambda e: e.paper.id))
def test_every_triple_survives_turtle_store_turtle(papers):
    generated = list(triples(graph_records(papers, resolve(papers))))
    turtle = pyoxigraph.serialize(generated, format=pyoxigraph.RdfFormat.TURTLE)
    store = pyoxigraph.Store()
    store.load(turtle, format=pyoxigraph.RdfFormat.TURTLE)
    dumped = store.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph())
    as_ntriples = pyoxigraph.serialize(generated, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert set(Graph().parse(data=dumped.decode(), format="turtle")) == set(
        Graph().parse(data=as_ntriples.decode(), format="nt")
    )


@given(st.text())
def test_slugs_are_iri_safe_path_segments(name):
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug(name))
