"""The example SPARQL queries bundled with kg (``ontology/queries/*.rq``), runnable by name.

``kg sparql`` takes a query in three forms: a name of one of these ("most-used-datasets"), a
``.rq`` file, or the query text itself. A name is a word of letters, digits and hyphens, which
no SPARQL query is, so the three never collide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process

from kg.resources import queries_dir

QUERY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


class UnknownQueryError(LookupError):
    """A query name that no bundled example has."""


@dataclass(frozen=True)
class ExampleQuery:
    name: str
    description: str  # the comment on its first line
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def description(text: str) -> str:
    """What a query file's leading comment says it answers ("" when it starts with no comment).

    >>> description("# Datasets by the number of papers.\\nSELECT ...")
    'Datasets by the number of papers.'
    """
    first = text.lstrip().partition("\n")[0]
    return first.lstrip("#").strip() if first.startswith("#") else ""


def example_queries() -> list[ExampleQuery]:
    """The bundled queries, sorted by name."""
    paths = sorted(queries_dir().glob("*.rq"))
    return [ExampleQuery(path.stem, description(path.read_text(encoding="utf-8")), path) for path in paths]


def query_text(query: str) -> str:
    """The SPARQL text meant by ``query``: a bundled query's name, a ``.rq`` file, or a query.

    Raises UnknownQueryError (with the closest names) for a name no example has, and
    FileNotFoundError for a missing ``.rq`` file.
    """
    if query.endswith(".rq"):
        return Path(query).read_text(encoding="utf-8")
    if not QUERY_NAME.fullmatch(query):
        return query
    path = queries_dir() / f"{query}.rq"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    names = [known.stem for known in sorted(queries_dir().glob("*.rq"))]
    close = [name for name, _, _ in process.extract(query, names, limit=3, score_cutoff=60)]
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise UnknownQueryError(f"no example query named {query!r}; {hint}`kg sparql --list` lists them")
