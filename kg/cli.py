"""The ``kg`` command line: a thin typer layer; every command calls one library function."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.ingest import FieldNames, IngestReport, InputError, InputFormat, read_papers
from kg.records import Paper

app = typer.Typer(
    help="Build, query and view a knowledge graph of ML papers: methods, tasks, datasets and code.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)

T = TypeVar("T")


@app.callback()
def kg() -> None:
    """Build, query and view a knowledge graph of ML papers: methods, tasks, datasets and code."""


class OutputFormat(StrEnum):
    TABLE = "table"
    JSONL = "jsonl"


PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Files or folders to read (searched recursively); '-' reads stdin. Formats: Hugging Face "
        "daily-papers pages (.txt), arXiv Atom (.atom/.xml), JSON, JSON Lines (incl. the arXiv snapshot), "
        "CSV, BibTeX.",
        show_default=False,
    ),
]
InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option("--input-format", help="Read every input as this format instead of detecting it."),
]
TitleFieldOption = Annotated[
    str | None, typer.Option("--title-field", help="JSON/CSV field holding the title (default: title).")
]
AbstractFieldOption = Annotated[
    str | None,
    typer.Option(
        "--abstract-field", help="JSON/CSV field holding the abstract (default: abstract or summary)."
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad record instead of skipping it with a warning.")
]


def fail(message: str, code: int = 1) -> None:
    stderr.print(Text.assemble(("error: ", "bold red"), message), highlight=False)
    raise typer.Exit(code)


def guarded(papers: Iterator[T]) -> Iterator[T]:
    """Turn an ``InputError`` raised while iterating into a one-line message and exit code."""
    try:
        yield from papers
    except InputError as error:
        missing = error.problem.message == "no such file or directory"
        fail(str(error), code=2 if missing else 1)


def load_papers(
    paths: list[str],
    input_format: InputFormat | None,
    title_field: str | None,
    abstract_field: str | None,
    strict: bool,
    report: IngestReport,
) -> Iterator[Paper]:
    return guarded(
        read_papers(
            paths,
            input_format=input_format,
            field_names=FieldNames.with_overrides(title_field, abstract_field),
            strict=strict,
            report=report,
        )
    )


def print_problems(report: IngestReport) -> None:
    for problem in report.problems:
        stderr.print(Text.assemble(("warning: ", "yellow"), str(problem)), highlight=False)


def ingest_summary(report: IngestReport, papers: int) -> str:
    formats = ", ".join(f"{name} {count}" for name, count in sorted(report.formats.items()))
    return (
        f"{papers} papers from {report.records} records ({formats}); "
        f"{report.duplicates} duplicates merged, {report.skipped} bad records skipped"
    )


def paper_json(paper: Paper) -> str:
    return json.dumps(asdict(paper), ensure_ascii=False)


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
    papers = list(load_papers(paths, input_format, title_field, abstract_field, strict, report))
    print_problems(report)
    if output_format is OutputFormat.JSONL:
        for paper in papers:
            stdout.out(paper_json(paper), highlight=False)
    else:
        stdout.print(papers_table(papers))
    stderr.print(ingest_summary(report, len(papers)), highlight=False)


def papers_table(papers: list[Paper]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    table.add_column("published", no_wrap=True)
    table.add_column("sources")
    for paper in papers:
        table.add_row(
            Text(paper.id),
            Text(paper.title),
            Text(paper.published or ""),
            Text("\n".join(str(source) for source in paper.sources)),
        )
    return table


def main(command: Callable[[], None] = app) -> None:
    """Entry point that lets ``kg ... | head`` end quietly instead of with a BrokenPipeError."""
    try:
        command()
    except BrokenPipeError:
        sys.stderr.close()
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
