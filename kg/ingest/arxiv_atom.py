"""arXiv API responses (Atom XML), parsed safely and entry by entry.

defusedxml refuses DTDs, entity declarations and external references, so an XXE or
"billion laughs" file is rejected with a clear message instead of expanding in memory.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from kg.ingest.problems import Problem
from kg.ingest.raw import Parsed, RawRecord

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def read_arxiv_atom(data: bytes, path: str) -> Iterator[Parsed]:
    """Yield one record per ``<entry>``; ``line`` is the entry's position (1-based)."""
    count = 0
    try:
        for _, element in iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
            if element.tag not in (f"{ATOM}entry", "entry"):
                continue
            count += 1
            yield entry_record(element, count)
            element.clear()
    except DefusedXmlException as error:
        yield Problem(
            path, None, f"refused unsafe XML ({type(error).__name__}): DTDs and entities are not allowed"
        )
    except ParseError as error:
        line = error.position[0] if error.position else None
        yield Problem(path, line, f"malformed XML: {error}")


def entry_record(entry: Element, number: int) -> RawRecord:
    def text(tag: str) -> str | None:
        found = entry.find(f"{ATOM}{tag}")
        if found is None:
            found = entry.find(tag)
        return found.text if found is not None and found.text else None

    authors = tuple(
        name.text.strip()
        for name in entry.iterfind(f"{ATOM}author/{ATOM}name")
        if name.text and name.text.strip()
    )
    categories = tuple(
        category.get("term", "") for category in entry.iterfind(f"{ATOM}category") if category.get("term")
    )
    primary = entry.find(f"{ARXIV}primary_category")
    if primary is not None and primary.get("term") and primary.get("term") not in categories:
        categories = (primary.get("term", ""), *categories)
    links = tuple(link.get("href", "") for link in entry.iterfind(f"{ATOM}link") if link.get("href"))
    published = text("published")
    return RawRecord(
        line=number,
        title=text("title"),
        abstract=text("summary"),
        id=text("id"),
        authors=authors,
        categories=categories,
        published=published[:10] if published else None,
        links=links,
        unit="entry",
    )
