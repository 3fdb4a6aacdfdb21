"""What the candidate model knows of a candidate: its features, by name.

Two kinds: token features, one per template and token of the span or beside it, whose value
depends on the token's text alone, so their weights are looked up once per distinct word; and
candidate features (who proposed it, with which type, how long, where), of which there are few
distinct combinations, so their weight sum is looked up once per combination.

``candidate_features`` names them as training sees them; ``CandidateScorer`` (``model``) adds
up the same weights without building the names.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Doc

from kg.extract.candidates import METHOD, TASK, Candidate
from kg.extract.contributions import NAMING_CUES, PROPOSAL_VERBS
from kg.extract.keys import remember
from kg.extract.tokens import TokenTable, Words, title_end, token_table
from kg.records import ConceptType

SPAN_TEMPLATES = ("word",)  # one feature per token of the span
POINT_TEMPLATES = ("first", "last", "suffix", "before", "after")  # one token each
TOKEN_TEMPLATES = SPAN_TEMPLATES + POINT_TEMPLATES
LAST_BY_RULE = "last+rule"  # the last word crossed with the type the rule gave
RULE_TYPES = ("untyped", *(kind.value for kind in ConceptType))
# Context features only the proposal model is fitted on: for whether a concept is a concept and of
# which type they measured no better in cross-validation; for whether it is the paper's own, better.
PROPOSAL_TEMPLATES = ("echo", "count", "cued")
TEXT_START, TEXT_END = "<s>", "</s>"  # "before" at the start of the title or abstract; "after" at the end
BEFORE_SLOT, AFTER_SLOT = TOKEN_TEMPLATES.index("before"), TOKEN_TEMPLATES.index("after")


def word_shape(text: str) -> str:
    """Letters and digits folded to X, x and d, runs collapsed: "CoNLL-2012" -> "XxX-d"."""
    shape: list[str] = []
    for char in text:
        mark = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not shape or shape[-1] != mark:
            shape.append(mark)
    return "".join(shape)


def token_values(text: str) -> tuple[str, ...]:
    """The value of each of ``TOKEN_TEMPLATES`` for a token written ``text``."""
    lower = text.lower()
    return lower, lower, lower, lower[-3:], lower, lower


def rule_type_of(candidate: Candidate) -> str:
    """The type a rule gave, as a plain string (by identity: an Enum's ``value`` is a Python
    property, and hashing it a Python method call)."""
    kind = candidate.type
    if kind is None:
        return "untyped"
    return "method" if kind is METHOD else "task" if kind is TASK else "dataset"


def before_position(start: int, end_of_title: int) -> int | None:
    """The token whose word is the candidate's "before" feature; None at a text's start."""
    return None if start in (0, end_of_title) else start - 1


def title_place(table: TokenTable, start: int, end: int, end_of_title: int) -> str:
    """Where the candidate stands: "abstract", or in the title, whether at its start, how much of
    it the candidate fills (in quarters) and what follows (a colon or parenthesis makes a name
    of what precedes: "PixelCNN: ...")."""
    if start >= end_of_title:
        return "abstract"
    share = min(4 * (end - start) // max(end_of_title, 1), 3)
    after = table.lower_text(end) if end < end_of_title else "end"
    after = after if after in (":", "(", ",", "end") else "-"
    return f"title,{'start' if start == 0 else 'inside'},{share},{after}"


def candidate_values(candidate: Candidate, place: str, context: tuple[str, ...], shape: str) -> list[str]:
    """The candidate features: the proposing component, its type, the lexicon, length, place
    (``title_place``), the span's shape, and its ``context`` (``span_contexts``)."""
    family = candidate.component.split(":")[0]
    rule_type = rule_type_of(candidate)
    features = [
        f"component={candidate.component}",
        f"family={family}",
        f"rule={rule_type}",
        f"rule={rule_type}|family={family}",
        f"lexicon={candidate.lexicon_id is not None}|rule={rule_type}",
        f"length={min(candidate.end - candidate.start, 6)}",
        f"title={place != 'abstract'}",
        f"place={place}",
        f"proposed={candidate.proposed}",
        f"shape={shape}",
    ]
    features.extend(context)
    return features


SHAPE_LENGTH = 12
_SHAPES: Final[dict[str, str]] = {}  # by token text (or the space between tokens)


def cached_shape(text: str) -> str:
    shape = _SHAPES.get(text)
    return shape if shape is not None else remember(_SHAPES, text, word_shape(text))


def span_shape(table: TokenTable, start: int, end: int) -> str:
    """``word_shape`` of the span's text, cut to ``SHAPE_LENGTH``, put together from the shapes of
    its tokens and of the spaces between them (each shape found once per distinct word)."""
    text, starts, ends = table.text, table.starts, table.ends
    shape = cached_shape(text[starts[start] : ends[start]])
    for index in range(start + 1, end):
        if len(shape) >= SHAPE_LENGTH:
            break
        gap = text[ends[index - 1] : starts[index]]
        for piece in (cached_shape(gap) if gap else "", cached_shape(text[starts[index] : ends[index]])):
            if piece:
                shape += piece[1:] if shape[-1] == piece[0] else piece  # runs collapse across pieces
    return shape[:SHAPE_LENGTH]


# A span's context is one small number (``span_contexts``): a bit per type the components gave
# it, in ``RULE_TYPES`` order, then the echo bit, then the count (1 to 3) in two bits; its features
# by name are ``context_names``. A number hashes and compares faster than the tuple of names.
_ECHO_BIT, _COUNT_SHIFT = 1 << len(RULE_TYPES), len(RULE_TYPES) + 1
_CUED_BIT = 1 << (_COUNT_SHIFT + 2)
_RULE_BITS: Final[dict[str, int]] = {kind: 1 << place for place, kind in enumerate(RULE_TYPES)}


def context_names(context: int) -> tuple[str, ...]:
    """The context features a context number stands for: the types the components gave that
    same span ("also=...", "untyped" for None), sorted; then ``PROPOSAL_TEMPLATES``."""
    kinds = sorted(f"also={kind}" for kind, bit in _RULE_BITS.items() if context & bit)
    echo = f"echo={bool(context & _ECHO_BIT)}"
    count = f"count={(context >> _COUNT_SHIFT) & 3}"
    return (*kinds, echo, count, f"cued={bool(context & _CUED_BIT)}")


CONTEXT_FEATURES: Final = tuple(context_names(context) for context in range(_CUED_BIT << 1))
# Narrower than the contribution rules' cues and authors (no "call", no "this"): with theirs the
# feature measured no better than without it (proposed 0.654 cross-validated, 0.785 dev).
_CUES: Final = Words(PROPOSAL_VERBS.words | NAMING_CUES.words)
_AUTHORS: Final = Words("we our paper work".split())
_SENTENCE_ENDS: Final = Words([".", "!", "?"])
CUE_REACH = 6  # tokens after the cue


def cued_starts(table: TokenTable) -> set[int]:
    """Tokens up to ``CUE_REACH`` after an authors' proposal verb or naming cue ("we propose",
    "this paper introduces", "called"), in its sentence: where the paper names what it brings."""
    starts: set[int] = set()
    for cue in table.find(_CUES):
        if not table.any_in(_AUTHORS, max(cue - 3, 0), cue) and not table.is_in(cue, NAMING_CUES):
            continue
        for index in range(cue + 1, min(cue + 1 + CUE_REACH, len(table.starts))):
            if table.is_in(index, _SENTENCE_ENDS):
                break
            starts.add(index)
    return starts


def span_contexts(
    table: TokenTable, candidates: list[Candidate], end_of_title: int
) -> dict[tuple[int, int], int]:
    """Per span, its context number (``CONTEXT_FEATURES`` names its features): which types the
    components gave that span; then ``PROPOSAL_TEMPLATES``: whether a candidate of the same
    words stands in the other part of the paper ("echo": a name of the title that the abstract
    repeats, or the reverse, is what the paper is about), at how many places in all ("count",
    up to 3), and whether it starts just after the authors propose or name something ("cued",
    ``cued_starts``). Counted among the candidates, not in the text: as good in
    cross-validation, and a third of the cost. (Features for the types of the spans listed with
    it, "A, B and C", measured no better in cross-validation.)"""
    contexts: dict[tuple[int, int], int] = {}
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        contexts[span] = contexts.get(span, 0) | _RULE_BITS[rule_type_of(candidate)]
    # How many candidate spans of the same lower-case words stand in the title and in the abstract.
    lowers = table.lowers
    places: dict[tuple[object, ...], list[int]] = {}
    words = {span: tuple(lowers[span[0] : span[1]]) for span in contexts}
    for (start, _), key in words.items():
        counts = places.get(key)
        if counts is None:
            counts = places[key] = [0, 0]
        counts[start >= end_of_title] += 1
    named_here = cued_starts(table)
    for span, context in contexts.items():
        in_title, in_abstract = places[words[span]]
        echo = in_abstract > 0 if span[0] < end_of_title else in_title > 0
        count = min(in_title + in_abstract, 3)  # a span counts itself: never 0
        cued = _CUED_BIT if span[0] in named_here else 0
        contexts[span] = context | (_ECHO_BIT if echo else 0) | count << _COUNT_SHIFT | cued
    return contexts


def is_proposal_feature(feature: str) -> bool:
    """A feature only the proposal model weighs (``PROPOSAL_TEMPLATES``)."""
    return feature.partition("=")[0] in PROPOSAL_TEMPLATES


def candidate_features(
    table: TokenTable, candidate: Candidate, end_of_title: int, context: tuple[str, ...]
) -> list[str]:
    """Every feature of ``candidate`` by name, as training sees them (``CandidateScorer``
    computes the same sums without building the names)."""
    start, end = candidate.start, candidate.end
    values = [token_values(table.token_text(index)) for index in range(start, end)]
    before = before_position(start, end_of_title)
    features = [f"word={value[0]}" for value in values]
    features.append(f"first={values[0][1]}")
    features.append(f"last={values[-1][2]}")
    features.append(f"{LAST_BY_RULE}={values[-1][2]}|{rule_type_of(candidate)}")
    features.append(f"suffix={values[-1][3]}")
    features.append(
        f"before={token_values(table.token_text(before))[BEFORE_SLOT] if before is not None else TEXT_START}"
    )
    features.append(
        f"after={token_values(table.token_text(end))[AFTER_SLOT] if end < len(table.starts) else TEXT_END}"
    )
    place = title_place(table, start, end, end_of_title)
    features.extend(candidate_values(candidate, place, context, span_shape(table, start, end)))
    return features


def doc_features(doc: Doc, candidates: list[Candidate]) -> list[list[str]]:
    """The features of each of the doc's ``candidates``, in order."""
    table = token_table(doc)
    end_of_title = title_end(doc)
    contexts = span_contexts(table, candidates, end_of_title)
    return [
        candidate_features(
            table, candidate, end_of_title, CONTEXT_FEATURES[contexts[(candidate.start, candidate.end)]]
        )
        for candidate in candidates
    ]
