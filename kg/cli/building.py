"""The commands that read papers: ``kg ingest``, ``extract``, ``eval``, ``build``, ``add``,
``export``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from kg.ingest.detect import InputFormat
from kg.ingest.problems import IngestReport
from kg.rdf.prefixes import DEFAULT_BASE_IRI
from kg.render import (
    extraction_table,
    ingest_summary,
    paper_json,
    papers_table,
)

if TYPE_CHECKING:
    from kg.builder import BuildSummary
from kg.cli.app import (
    DEFAULT_JOBS,
    AbstractFieldOption,
    InputFormatOption,
    JobsOption,
    PathsArgument,
    SchedulerOption,
    StrictOption,
    TitleFieldOption,
    app,
    fail,
    load_papers,
    print_problems,
    progress_bar,
    stderr,
    stdout,
)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSONL = "jsonl"


@app.command()
def ingest(
    paths: PathsArgument,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="table for people, jsonl for scripts.")
    ] = OutputFormat.TABLE,
    input_format: InputFormatOption = None,
    title_field: TitleFieldOption = None,
    abstract_field: AbstractFieldOption = None,
    strict: StrictOption = False,
) -> None:
    """Read papers and list each unique paper once, with where it was found."""
    report = IngestReport()
    papers = load_papers(paths, input_format, title_field, abstract_field, strict, report)
    if output_format is OutputFormat.JSONL:
        for paper in papers:
            stdout.out(paper_json(paper), highlight=False)
    else:
        stdout.print(papers_table(list(papers)))
    print_problems(report)
    stderr.print(ingest_summary(report), highlight=False)


@app.command()
def extract(
    paths: PathsArgument,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="table for people, jsonl for scripts (with evidence).")
    ] = OutputFormat.TABLE,
    input_format: InputFormatOption = None,
    title_field: TitleFieldOption = None,
    abstract_field: AbstractFieldOption = None,
    strict: StrictOption = False,
    jobs: JobsOption = DEFAULT_JOBS,
) -> None:
    """Extract methods, tasks, datasets, code URLs and proposed contributions from each paper.

    JSON Lines output has one object per paper: id, title, methods/tasks/datasets as
    {name, aliases, mentions}, code_urls, urls (with kind) and proposed.
    """
    from kg.extract import concepts_json, extract_papers

    report = IngestReport()
    papers = load_papers(paths, input_format, title_field, abstract_field, strict, report)
    extractions = extract_papers(papers, jobs=jobs)
    if output_format is OutputFormat.JSONL:
        import orjson

        sys.stdout.flush()
        write = sys.stdout.buffer.write  # one compact JSON line per paper (UTF-8), no console markup
        for extraction in extractions:
            write(orjson.dumps(concepts_json(extraction), option=orjson.OPT_APPEND_NEWLINE))
        sys.stdout.buffer.flush()
    else:
        stdout.print(extraction_table(list(extractions)))
    print_problems(report)
    stderr.print(ingest_summary(report), highlight=False)


@app.command("eval")
def eval_command(
    paths: PathsArgument,
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold JSON Lines file (see the annotation guidelines).")
    ],
    errors: Annotated[bool, typer.Option("--errors", help="List every false positive and miss.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against a gold file: P/R/F1 per type, micro, proposed and code URLs."""
    from kg.evaluate import evaluate_papers, read_gold

    if not gold.is_file():
        fail(f"{gold}: no such gold file", code=2)
    try:
        gold_records = read_gold(gold)
    except (ValueError, UnicodeDecodeError) as error:
        fail(f"{gold}: not a JSON Lines gold file ({error})", code=2)
    papers = list(load_papers(paths, None, None, None, False, IngestReport()))
    result = evaluate_papers(gold_records, papers)
    if errors:
        for error in result.errors:
            stdout.out(str(error), highlight=False)
    if as_json:
        stdout.out(json.dumps(result.as_dict(), indent=1), highlight=False)
        return
    from kg.render import scores_table

    stdout.print(scores_table(result))


BaseIriOption = Annotated[
    str, typer.Option("--base-iri", help="Base IRI of papers and concepts in the RDF exports.")
]


BuildJsonOption = Annotated[
    bool, typer.Option("--json", help="Print the summary as JSON (counts, seconds per stage).")
]


OutputOption = Annotated[Path, typer.Option("--output", "-o", help="Folder for the build's files.")]


def parse_formats(value: str | None) -> frozenset[str] | None:
    """ "turtle,html" -> {"turtle", "html"}; "all" and "none" as they say."""
    from kg.builder import ALL_FORMATS

    if value is None:
        return None
    names = {name.strip().lower() for name in value.split(",") if name.strip()}
    if names <= {"all"}:
        return ALL_FORMATS
    if names == {"none"}:
        return frozenset()
    if unknown := names - ALL_FORMATS:
        choices = ", ".join(sorted(ALL_FORMATS))
        raise typer.BadParameter(f"unknown {', '.join(sorted(unknown))}: choose from {choices}, all or none")
    return frozenset(names)


class EvidenceLevel(StrEnum):
    """``kg build --evidence`` (``kg.rdf.triples.EVIDENCE_LEVELS``, not imported here: the RDF
    code loads only for the commands that use it)."""

    NONE = "none"
    EDGES = "edges"
    ALL = "all"


FORMATS_HELP = (
    "Optional exports, comma-separated: turtle, jsonld, graphml, html, or all / none. The store, "
    "graph.nt, the index and extractions.jsonl are always written. Large builds save time and disk "
    "with none."
)


@app.command()
def build(
    paths: PathsArgument,
    output: OutputOption = Path("exports"),
    input_format: InputFormatOption = None,
    title_field: TitleFieldOption = None,
    abstract_field: AbstractFieldOption = None,
    strict: StrictOption = False,
    jobs: JobsOption = DEFAULT_JOBS,
    scheduler: SchedulerOption = None,
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
    formats: Annotated[
        str, typer.Option("--formats", help=FORMATS_HELP + " \\[default: all]", callback=parse_formats)
    ] = "all",
    evidence: Annotated[
        EvidenceLevel,
        typer.Option(
            "--evidence",
            help="The mentions stated in the RDF: none; edges, the most confident mention of each "
            "paper-concept edge (ten triples each, where the graph has about forty per paper); or all. "
            "`kg neighbors --evidence` and `kg show --evidence` read them from the index at every level.",
        ),
    ] = EvidenceLevel.NONE,
    as_json: BuildJsonOption = False,
    push_to: Annotated[
        str | None,
        typer.Option(
            "--push", help="Also load the graph into a triple store by the Graph Store Protocol (URL)."
        ),
    ] = None,
) -> None:
    """Build the knowledge graph of PATHS into the output folder and print a summary.

    Writes extractions.jsonl, graph.nt, the SPARQL store (store/) that `kg sparql` queries, the
    lookup index of `kg neighbors`, summary.json, cache.jsonl (for `kg add`) and, unless
    --formats leaves them out, graph.ttl, graph.jsonld, graph.graphml and graph.html.
    """
    from kg.builder import build as run_build

    reading = Reading(input_format, title_field, abstract_field, strict)
    options = (jobs, scheduler, base_iri, formats, as_json)
    run_stage(run_build, paths, output, reading, *options, evidence=evidence.value)
    if push_to is not None:
        from kg.rdf.endpoint import EndpointError, push

        try:
            push(push_to, output / "graph.nt")
        except EndpointError as error:
            fail(f"the build is in {output}/ but pushing it failed: {error}")
        stdout.print(f"Pushed {output}/graph.nt to {push_to}", highlight=False)


@app.command()
def add(
    paths: PathsArgument,
    output: OutputOption = Path("exports"),
    input_format: InputFormatOption = None,
    title_field: TitleFieldOption = None,
    abstract_field: AbstractFieldOption = None,
    strict: StrictOption = False,
    jobs: JobsOption = DEFAULT_JOBS,
    scheduler: SchedulerOption = None,
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
    formats: Annotated[
        str | None,
        typer.Option(
            "--formats", help=FORMATS_HELP + " \\[default: those of the build]", callback=parse_formats
        ),
    ] = None,
    as_json: BuildJsonOption = False,
) -> None:
    """Add the papers of PATHS to an existing build: only new or changed papers are extracted;
    the result equals a fresh build of all inputs.

    New papers go into the store and the index in place, in seconds even for a large build; the
    file exports (graph.nt and the optional formats) are then stale until `kg export`. Papers
    the build has already, or --formats, rewrite the whole build.
    """
    from kg.incremental import add as run_add

    reading = Reading(input_format, title_field, abstract_field, strict)
    run_stage(run_add, paths, output, reading, jobs, scheduler, base_iri, formats, as_json)


@app.command("export")
def export_command(
    output: OutputOption = Path("exports"),
    base_iri: BaseIriOption = DEFAULT_BASE_IRI,
    force: Annotated[bool, typer.Option("--force", help="Rewrite them even when none is stale.")] = False,
    as_json: BuildJsonOption = False,
) -> None:
    """Rewrite a build's file exports (graph.nt and its optional formats) from its cache, as
    `kg build` writes them: after `kg add` has left them stale."""
    from kg.builder import BuildSummary, export_files
    from kg.cache import require_build

    try:
        require_build(output)
        if not force and not BuildSummary.of_build(output).stale:
            stderr.print(
                f"the file exports of {output}/ are current (--force rewrites them)", highlight=False
            )
            return
        summary = export_files(
            output, base_iri, on_wait=lambda: stderr.print(f"waiting for a writer of {output}/")
        )
    except FileNotFoundError as error:
        fail(
            f"no build in {output}: run `kg build PATHS -o {output}` first"
            if not output.is_dir()
            else str(error),
            2,
        )
    print_summary(summary, output, as_json, "Exported")


class Reading(NamedTuple):
    """How a build's inputs are read: the options ``kg build`` and ``kg add`` share."""

    input_format: InputFormat | None
    title_field: str | None
    abstract_field: str | None
    strict: bool


def run_stage(
    stage: Callable[..., BuildSummary],
    paths: list[str],
    output: Path,
    reading: Reading,
    jobs: int,
    scheduler: str | None,
    base_iri: str,
    formats: frozenset[str] | None,
    as_json: bool = False,
    **settings: str,
) -> None:
    """Read ``paths`` and run ``stage`` (build or add) over them with a progress bar, then print
    the summary; ``settings`` go to the stage as they are."""
    from kg.extract.cluster import ClusterError

    report = IngestReport()
    papers = load_papers(paths, *reading, report)
    with progress_bar() as progress:
        task = progress.add_task("extracting", total=None)

        def advance(_: object) -> None:
            progress.update(task, advance=1, total=report.papers)

        try:
            summary = stage(
                papers,
                output,
                on_paper=advance,
                jobs=jobs,
                scheduler=scheduler,
                base_iri=base_iri,
                formats=formats,
                **settings,
                on_wait=lambda: stderr.print(f"waiting for another kg build or add writing to {output}/"),
            )
        except (FileNotFoundError, ClusterError) as error:
            fail(str(error), code=2)
    print_problems(report)
    stderr.print(ingest_summary(report), highlight=False)
    print_summary(summary, output, as_json)


def print_summary(summary: BuildSummary, output: Path, as_json: bool, done: str = "Built") -> None:
    if as_json:
        record = {"output": str(output), **summary.as_dict()}
        record.update(seconds=summary.seconds, stages=summary.stages)
        if summary.not_in_place:
            record["not_in_place"] = summary.not_in_place
        stdout.out(json.dumps(record, indent=2), highlight=False)
        return
    nodes = ", ".join(f"{count} {kind}" for kind, count in sorted(summary.nodes.items()))
    edges = ", ".join(f"{count} {relation}" for relation, count in sorted(summary.edges.items()))
    stdout.print(
        f"{done} {output}/ in {summary.seconds:.1f}s: {summary.papers} papers; nodes: {nodes}; "
        f"edges: {edges}; {summary.triples} triples.",
        highlight=False,
    )
    stages = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in summary.stages.items())
    stderr.print(f"time per stage: {stages}", highlight=False)
    if summary.not_in_place:
        stderr.print(f"exported the whole build again: {summary.not_in_place}", highlight=False)
    if summary.stale:
        stale = ", ".join(summary.stale)
        stderr.print(
            f"store and index are current; stale until `kg export -o {output}`: {stale}", highlight=False
        )
