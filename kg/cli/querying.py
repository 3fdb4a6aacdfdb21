"""The commands that read a build: ``kg sparql``, ``serve``, ``neighbors``, ``search``,
``show``, ``stats``, ``view``, ``validate``."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from kg.ingest.problems import IngestReport
from kg.query import (
    AmbiguousNameError,
    UnknownNameError,
    node_details,
    search,
    stats,
)
from kg.query import neighbors as query_neighbors
from kg.rdf.prefixes import DEFAULT_BASE_IRI
from kg.rdf.queries import UnknownQueryError, example_queries, query_text
from kg.rdf.store import StoreMissingError, open_store
from kg.rdf.store import query as run_query
from kg.render import (
    connections_json,
    details_json,
    facts_table,
    groupby_relation,
    neighbors_table,
    node_counts_table,
    nodes_table,
    queries_json,
    queries_table,
    results_table,
    results_text,
    second_table,
    top_concepts_table,
)

if TYPE_CHECKING:
    pass
from kg.cli.app import (
    NO_BUILD,
    StoreOption,
    app,
    fail,
    load_papers,
    print_problems,
    stderr,
    stdout,
)


class ResultFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


@app.command()
def sparql(
    query: Annotated[
        str | None,
        typer.Argument(
            help="An example query's name (see --list), a .rq file, or the text of a SPARQL query.",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = Path("exports"),
    result_format: Annotated[
        ResultFormat, typer.Option("--format", help="Output format.")
    ] = ResultFormat.TABLE,
    endpoint: Annotated[
        str | None,
        typer.Option(
            "--endpoint", help="Query a SPARQL 1.1 endpoint (e.g. kg serve's /query) instead of a store."
        ),
    ] = None,
    list_examples: Annotated[
        bool, typer.Option("--list", help="List the bundled example queries (--format json: as JSON).")
    ] = False,
) -> None:
    """Query a build's SPARQL store or a SPARQL endpoint.

    The prefixes kg, skos, dcterms, schema, prov, rdf, rdfs and xsd are predeclared. The example
    queries bundled with kg run by name from anywhere: `kg sparql most-used-datasets`.
    """
    if list_examples:
        examples = example_queries()
        if result_format is ResultFormat.JSON:
            stdout.out(queries_json(examples), highlight=False)
        else:
            stdout.print(queries_table(examples))
        return
    if query is None:
        fail("give a query, a .rq file or an example's name (`kg sparql --list` lists them)", code=2)
    try:
        text = query_text(query)
    except (UnknownQueryError, OSError) as error:
        fail(str(error), code=2)
    if endpoint is not None:
        from kg.rdf.endpoint import EndpointError, remote_query

        remote_format = "csv" if result_format is ResultFormat.TABLE else result_format.value
        try:
            stdout.out(remote_query(endpoint, text, remote_format), highlight=False, end="")
        except EndpointError as error:
            fail(str(error), code=1)
        return
    try:
        results = run_query(open_store(store), text)
    except NO_BUILD as error:
        fail(str(error), code=2)
    except SyntaxError as error:
        fail(f"SPARQL syntax error: {error}", code=2)
    if isinstance(results, bool):
        stdout.out("true" if results else "false")
        return
    if result_format is ResultFormat.TABLE:
        stdout.print(results_table(results))
    else:
        stdout.out(results_text(results, result_format.value), highlight=False, end="")


@app.command()
def serve(
    store: StoreOption = Path("exports"),
    bind: Annotated[
        str, typer.Option("--bind", help="Host and port; the default answers this machine only.")
    ] = "127.0.0.1:7878",
    timeout: Annotated[
        int, typer.Option("--timeout", min=1, help="Seconds a query may run before it is stopped.")
    ] = 30,
    max_result_mb: Annotated[
        int, typer.Option("--max-result-mb", min=1, help="Largest result sent, in MB; larger are refused.")
    ] = 64,
    writable: Annotated[
        bool,
        typer.Option(
            "--writable",
            help="Accept SPARQL Update and Graph Store writes from requests carrying the token "
            "(Authorization: Bearer TOKEN; the token is read from KG_SERVE_TOKEN, or made and printed).",
        ),
    ] = False,
) -> None:
    """Serve a build's store as a SPARQL 1.1 endpoint (the Oxigraph server behind a guard).

    Queries go to http://HOST:PORT/query. Read-only by default: updates and Graph Store writes
    are refused (403) unless --writable is given, and then need the token (401 without it).
    Bound to 127.0.0.1 by default: pass --bind 0.0.0.0:7878 to let other machines in. A query
    is stopped after --timeout seconds (503) and a result over --max-result-mb is refused (507).
    Writes change the build's current store only; the next kg build or add replaces it.
    Stop with Ctrl-C.
    """
    import secrets
    import signal

    from kg.rdf.endpoint import EndpointError, oxigraph_executable
    from kg.rdf.gateway import Policy, split_bind
    from kg.rdf.gateway import serve as run_server

    try:
        open_store(store)
        split_bind(bind)
        oxigraph_executable()
    except (StoreMissingError, EndpointError, ValueError) as error:
        fail(str(error), code=2)
    token = (os.environ.get("KG_SERVE_TOKEN") or secrets.token_urlsafe(24)) if writable else None
    policy = Policy(timeout=timeout, max_result_bytes=max_result_mb << 20, token=token)
    mode = "writable with the token" if writable else "read-only"
    limits = f"{timeout}s per query, results up to {max_result_mb} MB"
    banner = f"SPARQL endpoint: http://{bind}/query ({mode}, {limits})"
    if writable and not os.environ.get("KG_SERVE_TOKEN"):
        banner += f"\nwrite token: {token}"
    # A service manager stops with SIGTERM: end like Ctrl-C, so the engine process is stopped too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        run_server(store, bind, policy, on_ready=lambda: stderr.print(banner, highlight=False))
    except KeyboardInterrupt:
        return
    except (OSError, RuntimeError) as error:
        fail(f"cannot serve on {bind}: {error}")


class NodeType(StrEnum):
    METHOD = "method"
    TASK = "task"
    DATASET = "dataset"
    PAPER = "paper"
    CODE = "code"
    AUTHOR = "author"
    CATEGORY = "category"


NODE_TYPE_NAMES = {
    NodeType.METHOD: "Method",
    NodeType.TASK: "Task",
    NodeType.DATASET: "Dataset",
    NodeType.PAPER: "Paper",
    NodeType.CODE: "CodeRepository",
    NodeType.AUTHOR: "Author",
    NodeType.CATEGORY: "Category",
}

EvidenceOption = Annotated[
    bool,
    typer.Option(
        "--evidence",
        help="Show where each paper edge comes from: the sentence (the mention in bold), the rule "
        "and its confidence. Every build keeps these, whatever its `--evidence` level in RDF.",
    ),
]


@app.command()
def neighbors(
    concept: Annotated[
        str, typer.Argument(help="A concept name, alias or acronym, a paper title or arXiv id.")
    ],
    store: StoreOption = Path("exports"),
    node_type: Annotated[
        NodeType | None, typer.Option("--type", help="Only consider nodes of this type for CONCEPT.")
    ] = None,
    relation: Annotated[
        list[str] | None,
        typer.Option("--relation", help="Only these relations (e.g. usesMethod, appliedTo)."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="At most this many neighbours per relation.")
    ] = 20,
    hops: Annotated[
        int, typer.Option("--hops", min=1, max=2, help="2 also lists neighbours of neighbours.")
    ] = 1,
    with_evidence: EvidenceOption = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a stable JSON structure instead of tables.")
    ] = False,
) -> None:
    """What is connected to CONCEPT: neighbours grouped by relation, most supported first.

    Names match case- and hyphen-insensitively; a near miss gets "did you mean" suggestions.
    JSON: {"concept": {"iri", "label", "type", "aliases"}, "neighbors": [{"iri", "label", "type",
    "relation", "direction", "papers", "arxiv_id", "date", "code"}], "totals": [{"relation",
    "direction", "count"}]}, at most --limit neighbours per relation and direction, plus
    "evidence" per neighbour with --evidence ([{"text", "sentence", "field", "start", "end",
    "sentence_start", "component", "confidence"}]: offsets into the paper's title or abstract)
    and "second_neighbors" (each with "via") with --hops 2.
    """
    with name_errors_fail(node_type):
        found = query_neighbors(
            concept, store, type_names(node_type), relation or (), limit, hops, with_evidence
        )
    if as_json:
        stdout.out(json.dumps(connections_json(found, hops), ensure_ascii=False, indent=1), highlight=False)
        return
    node = found.node
    stdout.print(Text.assemble((node.label, "bold"), f" ({node.type}) ", (node.iri, "dim")))
    for (name, direction), group in groupby_relation(found.neighbors):
        stdout.print(neighbors_table(name, direction, group, found.totals[name, direction], found.evidence))
    if found.second:
        stdout.print(second_table(found.second[: limit * 3]))


def type_names(node_type: NodeType | None) -> list[str]:
    return [NODE_TYPE_NAMES[node_type]] if node_type else []


@contextmanager
def name_errors_fail(node_type: NodeType | None) -> Iterator[None]:
    """A name that means no node (exit 1, with suggestions), several (1), or no build (2) ends
    the command with one clear line."""
    try:
        yield
    except (*NO_BUILD, ValueError) as error:
        fail(str(error), code=2)
    except UnknownNameError as error:
        fail(str(error), code=1)
    except AmbiguousNameError as error:
        choose = "give the full name" if node_type else "add --type or give the full name"
        fail(f"{error}. To choose, {choose}.", code=1)


@app.command("search")
def search_command(
    text: Annotated[str, typer.Argument(help="Part of a name, alias, title or arXiv id.")],
    store: StoreOption = Path("exports"),
    node_type: Annotated[NodeType | None, typer.Option("--type", help="Only nodes of this type.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many results.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Concepts and papers whose names contain TEXT, then the closest names."""
    if not text.strip():
        fail("give some text to search for", code=2)
    try:
        found = search(store, text, [NODE_TYPE_NAMES[node_type]] if node_type else [], limit)
    except NO_BUILD as error:
        fail(str(error), code=2)
    if as_json:
        stdout.out(
            json.dumps([asdict(node) for node in found], ensure_ascii=False, indent=1), highlight=False
        )
        return
    stdout.print(nodes_table(found))


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A concept name, alias or acronym, a paper title or arXiv id.")],
    store: StoreOption = Path("exports"),
    node_type: Annotated[
        NodeType | None, typer.Option("--type", help="Only consider nodes of this type.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="At most this many neighbours per relation.")
    ] = 20,
    with_evidence: EvidenceOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Everything about one node: its data, then its neighbours.

    JSON: {"node", "facts": [{"property", "value"}], "neighbors"}, the neighbours as `kg
    neighbors --json` gives them (with "evidence" under --evidence).
    """
    with name_errors_fail(node_type):
        details = node_details(name, store, type_names(node_type), limit, with_evidence)
    if as_json:
        stdout.out(json.dumps(details_json(details), ensure_ascii=False, indent=1), highlight=False)
        return
    found = details.connections
    stdout.print(facts_table(found.node, details.facts))
    for (relation_name, direction), group in groupby_relation(found.neighbors):
        total = found.totals[relation_name, direction]
        stdout.print(neighbors_table(relation_name, direction, group, total, found.evidence))


@app.command("stats")
def stats_command(
    store: StoreOption = Path("exports"),
    top: Annotated[int, typer.Option("--top", min=1, help="How many most-mentioned concepts to list.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Counts per node type, the most mentioned concepts and how many papers ship code."""
    try:
        result = stats(store, top)
    except NO_BUILD as error:
        fail(str(error), code=2)
    if as_json:
        stdout.out(json.dumps(asdict(result), ensure_ascii=False, indent=1), highlight=False)
        return
    stdout.print(node_counts_table(result))
    stdout.print(f"papers with code: {result.papers_with_code}", highlight=False)
    stdout.print(top_concepts_table(result))


@app.command()
def view(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Build the view from these inputs instead of a build's folder.")
    ] = None,
    store: StoreOption = Path("exports"),
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the page.")] = Path(
        "exports/graph.html"
    ),
    focus: Annotated[
        str | None, typer.Option("--focus", help="Draw only the neighbourhood of this node.")
    ] = None,
    hops: Annotated[int, typer.Option("--hops", min=1, max=3, help="How far --focus reaches.")] = 1,
    types: Annotated[
        list[NodeType] | None,
        typer.Option("--types", help="Node types to draw (default: all but author, category)."),
    ] = None,
    max_nodes: Annotated[
        int | None,
        typer.Option(
            "--max-nodes", min=1, help="Keep the most connected nodes, up to this many [default: 2000]."
        ),
    ] = None,
    min_papers: Annotated[
        int, typer.Option("--min-papers", min=1, help="Hide concepts in fewer papers.")
    ] = 1,
) -> None:
    """Write the graph as one self-contained HTML page (works offline, from a file)."""
    import tempfile

    from kg.view import draw_build

    with tempfile.TemporaryDirectory() as scratch:
        folder = store
        if paths:
            folder = Path(scratch)
            index_inputs(paths, folder)
        chosen = tuple(NODE_TYPE_NAMES[t] for t in types) if types else None
        try:
            summary = draw_build(folder, output, focus, hops, chosen, max_nodes, min_papers)
        except NO_BUILD as error:
            fail(str(error), code=2)
        except UnknownNameError:
            fail(f"nothing in the graph is called {focus!r}", code=1)
    note = f"; {summary.left_out} less connected nodes left out (--max-nodes)" if summary.left_out else ""
    stdout.print(f"Wrote {output}: {summary.nodes} nodes, {summary.edges} edges{note}.", highlight=False)


def index_inputs(paths: list[str], folder: Path) -> None:
    """Extract ``paths`` and write only the lookup index of their graph into ``folder``."""
    from kg.builder import write_index_of
    from kg.extract import extract_papers

    report = IngestReport()
    papers = list(load_papers(paths, None, None, None, False, report))
    print_problems(report)
    write_index_of(list(extract_papers(papers)), folder, DEFAULT_BASE_IRI)


@app.command("validate")
def validate_command(
    path: Annotated[
        Path, typer.Argument(help="A build's output folder (its graph.ttl is checked) or an RDF file.")
    ] = Path("exports"),
) -> None:
    """Check a graph against the SHACL shapes in ontology/shapes.ttl; exit 1 if it does not conform."""
    from kg.builder import BuildSummary
    from kg.rdf.validate import UnreadableGraphError, graph_file, validate

    if (
        path.is_dir()
        and (path / "summary.json").is_file()
        and graph_file(path).name in BuildSummary.of_build(path).stale
    ):
        stderr.print(
            f"note: {graph_file(path)} is older than the store: `kg export -o {path}` brings it level",
            highlight=False,
        )
    try:
        result = validate(path)
    except (FileNotFoundError, UnreadableGraphError) as error:
        fail(str(error), code=2)
    if result.conforms:
        stdout.print(
            f"{graph_file(path)} conforms to the kg shapes ({result.triples} triples).", highlight=False
        )
        return
    stdout.out(result.report, highlight=False)
    fail(f"{graph_file(path)} does not conform to the kg shapes (see the report above)")
