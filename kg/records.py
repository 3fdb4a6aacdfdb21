"""Records that cross stage boundaries: small frozen dataclasses, never loose dicts.

The data flow is ``ingest -> Paper -> extract -> PaperConcepts -> resolve -> graph -> export``;
each stage consumes and produces the records defined here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Source:
    """Where a paper was read: file path (``-`` for stdin), 1-based line or record number, format."""

    path: str
    line: int
    format: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Paper:
    """One paper as read from any input format.

    ``title`` and ``abstract`` are normalised for extraction (whitespace, HTML entities, LaTeX
    debris); ``original_title`` and ``original_abstract`` keep the text exactly as read.
    """

    id: str
    title: str
    abstract: str
    original_title: str
    original_abstract: str
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    published: str | None = None
    links: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()


class ConceptType(StrEnum):
    METHOD = "method"
    TASK = "task"
    DATASET = "dataset"

    @property
    def plural(self) -> str:
        return f"{self.value}s"


@dataclass(frozen=True)
class Mention:
    """One occurrence of a concept in a paper's text.

    ``field`` is ``title`` or ``abstract``; ``start``/``end`` are character offsets into the
    normalised text of that field; ``component`` names the extractor rule that found it.
    """

    text: str
    field: str
    start: int
    end: int
    sentence: str
    component: str
    confidence: float

    # Written out, for this record and LocalConcept, which extraction makes by the dozen per
    # paper: the generated frozen __init__ sets each field through object.__setattr__, which
    # costs twice as much as storing into the instance dict (tests check the signatures).
    def __init__(
        self, text: str, field: str, start: int, end: int, sentence: str, component: str, confidence: float
    ) -> None:
        fields = self.__dict__
        fields["text"] = text
        fields["field"] = field
        fields["start"] = start
        fields["end"] = end
        fields["sentence"] = sentence
        fields["component"] = component
        fields["confidence"] = confidence


@dataclass(frozen=True)
class LocalConcept:
    """A concept as one paper writes it: its fullest name, the other forms, and why it is typed so."""

    name: str
    type: ConceptType
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    lexicon_id: str | None = None
    type_rule: str = ""
    proposed: bool = False

    def __init__(  # written out: see Mention
        self,
        name: str,
        type: ConceptType,
        aliases: tuple[str, ...] = (),
        mentions: tuple[Mention, ...] = (),
        lexicon_id: str | None = None,
        type_rule: str = "",
        proposed: bool = False,
    ) -> None:
        fields = self.__dict__
        fields["name"] = name
        fields["type"] = type
        fields["aliases"] = aliases
        fields["mentions"] = mentions
        fields["lexicon_id"] = lexicon_id
        fields["type_rule"] = type_rule
        fields["proposed"] = proposed


class UrlKind(StrEnum):
    CODE = "code"
    PROJECT = "project"
    DATASET = "dataset"
    MODEL = "model"


@dataclass(frozen=True)
class CodeUrl:
    url: str
    kind: UrlKind
    mention: Mention | None = None


@dataclass(frozen=True)
class PaperConcepts:
    """Everything extracted from one paper."""

    paper: Paper
    concepts: tuple[LocalConcept, ...] = ()
    urls: tuple[CodeUrl, ...] = field(default_factory=tuple)

    def of_type(self, concept_type: ConceptType) -> list[LocalConcept]:
        return [c for c in self.concepts if c.type is concept_type]

    @property
    def proposed(self) -> list[LocalConcept]:
        return [c for c in self.concepts if c.proposed]
