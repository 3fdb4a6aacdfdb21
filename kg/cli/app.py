"""What every ``kg`` command shares: the typer app, the consoles, the common options, clean
failure, reading papers with progress."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from kg.cpus import usable_cpus
from kg.index import IndexMissingError
from kg.ingest.detect import InputFormat
from kg.ingest.problems import IngestReport, InputError
from kg.rdf.store import StoreMissingError
from kg.records import Paper

if TYPE_CHECKING:
    pass


app = typer.Typer(
    help="Build and query a knowledge graph of ML papers: methods, tasks, datasets and code.",
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)


stdout = Console(soft_wrap=True)


# What a query command meets in a folder that holds no build (or only part of one).
NO_BUILD = (IndexMissingError, StoreMissingError)


stderr = Console(stderr=True, soft_wrap=True)


T = TypeVar("T")


def print_version(asked: bool) -> None:
    if asked:
        from kg import __version__
        from kg.extract import freshness

        compiled = "compiled" if freshness.rules_run_compiled() else "plain Python"
        stdout.out(f"kg {__version__} (extraction rules: {compiled})", highlight=False)
        raise typer.Exit()


@app.callback()
def kg(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=print_version,
            is_eager=True,
            help="Print the version and whether the rules run compiled.",
        ),
    ] = False,
) -> None:
    """Build and query a knowledge graph of ML papers: methods, tasks, datasets and code."""


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


DEFAULT_JOBS = usable_cpus()


JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes for extraction.",
        show_default="the CPUs this process may use",
    ),
]


SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Extract on a Dask distributed cluster: its scheduler's address (tcp://HOST:PORT).",
    ),
]


StrictOption = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad record instead of skipping it with a warning.")
]


StoreOption = Annotated[Path, typer.Option("--store", help="A build's output folder (or its store/ folder).")]


def fail(message: str, code: int = 1) -> NoReturn:
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
    from kg.ingest.raw import FieldNames
    from kg.ingest.reader import read_papers

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


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


def main(command: Callable[[], None] = app) -> None:
    """Entry point that lets ``kg ... | head`` end quietly instead of with a BrokenPipeError."""
    try:
        command()
    except BrokenPipeError:
        sys.stderr.close()
        raise SystemExit(1) from None
