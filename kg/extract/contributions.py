"""The paper's own named contributions ("proposed"): new methods, models, datasets it introduces.

Patterns, each one a way abstracts name what they bring:
- title prefix: "NeuralStagger: Accelerating ..." names the contribution before the colon, and
  a short title may be the name itself ("Convolutional Kernel Networks");
- definition after a proposal verb: "we propose Functional Bayesian Tucker Decomposition (FunBaT)";
- naming cue: "a framework called M-FAC", "namely BO-REP", "what we call Self-Tuning Networks";
- introduction of a name: "We introduce Poseidon, a foundation model ...";
- appositive after a kind noun: "a fine-tuning framework, FLoRA, designed for ...".
Unnamed contributions ("a new method") are never listed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.abbreviations import abbreviations_of
from kg.extract.boundaries import is_boundary
from kg.extract.candidates import DATASET, METHOD, Candidate, add_candidates, candidates_of
from kg.extract.heads import DATASET_HEADS, METHOD_HEADS, is_shaped_name, type_by_head
from kg.extract.keys import concept_key, singular
from kg.extract.lexicon import GENERIC_TERMS
from kg.extract.tokens import (
    TokenTable,
    Words,
    sentence_bounds,
    title_end,
    token_table,
    whole_word_occurrences,
)
from kg.records import ConceptType

PROPOSAL_VERBS: Final = Words(
    "propose proposes proposed introduce introduces introduced present presents presented develop "
    "develops developed design designs designed devise devises devised release releases".split()
)
NAMING_CUES: Final = Words("called named namely dubbed termed coined".split())
KIND_NOUNS: Final = METHOD_HEADS | DATASET_HEADS | {"library", "toolkit", "tool", "package", "system", "net"}
_KIND_FORMS: Final = KIND_NOUNS | {noun + "s" for noun in KIND_NOUNS} | {"processes", "classes"}
_KINDS: Final = Words(KIND_NOUNS)
_CUES: Final = Words(PROPOSAL_VERBS.words | NAMING_CUES.words | {"call"})
_CALLERS: Final = Words(["we", "to"])
_SKIPPED: Final = Words(["as", "the"])
_ARTICLES: Final = Words(["a", "an", "the"])
_INDEFINITE_ARTICLES: Final = Words(["a", "an"])
_TITLE_BOUNDARIES: Final = Words([":", "for"])
_RELATIVE_PRONOUNS: Final = Words(["that", "which"])
_DATASET_HEADS: Final = Words(DATASET_HEADS)
_MAX_NAME_TOKENS: Final = 6


# Names are token ranges here, ``(start, end)``, read through the TokenTable: a spaCy Span per
# name tried would cost more than the rule, and its ``.text`` is rebuilt token by token.
def capitalised_run(table: TokenTable, start: int, limit: int = _MAX_NAME_TOKENS) -> int:
    """The end of the longest run of capitalised or shaped words (hyphens joined) starting at
    ``start``: ``start`` itself when there is none."""
    length = len(table.starts)
    end = start
    while end < length and end - start < limit:
        word = table.token_text(end)
        if word == "-" and end + 1 < length and table.glued_to_next(end) and end > start:
            end += 1
            continue
        if word[:1].isupper() or is_shaped_name(word) or (end > start and table.token_text(end - 1) == "-"):
            end += 1
            continue
        break
    while end > start and table.token_text(end - 1) == "-":
        end -= 1
    return end


def contribution_type(table: TokenTable, start: int, end: int, context_end: int) -> ConceptType:
    """Datasets and benchmarks say so in their name or next to it, the words up to
    ``context_end``; everything else is a method."""
    text = table.span_text(start, end)
    if "bench" in text.lower() or type_by_head(text) is DATASET:
        return DATASET
    if table.any_in(_DATASET_HEADS, end, context_end):
        return DATASET
    return METHOD


def proposed(
    table: TokenTable, start: int, end: int, rule: str, confidence: float, context_end: int = 0
) -> Candidate:
    """The paper's contribution named by tokens ``[start, end)``; its type is read from the
    name and the words after it, up to ``context_end``."""
    concept_type = contribution_type(table, start, end, context_end)
    return Candidate(start, end, concept_type, f"pattern:{rule}", confidence, None, True)


def title_prefix(doc: Doc) -> Iterator[Candidate]:
    """ "Name: what it does" and "Name for task" titles name the paper's contribution, and so
    does a short title that is a name as a whole ("Adversarial Autoencoders").

    A one-word name must look like a name (CamelCase, capitals, digits, hyphens) or recur in the
    abstract; a longer one must end in a method or dataset noun ("Self-Tuning Networks").
    """
    end_of_title = title_end(doc)
    table = token_table(doc)
    start = 1 if end_of_title and table.is_in(0, _ARTICLES) else 0
    boundary = next(
        (
            index
            for index in range(start, min(end_of_title, start + _MAX_NAME_TOKENS + 1))
            if table.is_in(index, _TITLE_BOUNDARIES)
        ),
        None,
    )
    whole = boundary is None and 2 <= end_of_title - start <= _MAX_NAME_TOKENS
    if whole:
        boundary = end_of_title  # the title is the name: "Adversarial Autoencoders"
    if boundary is None or boundary == start:
        return
    if capitalised_run(table, start) != boundary:
        return
    by_colon = table.token_text(boundary) == ":"
    name = table.span_text(start, boundary)
    words = name.split()
    last = words[-1].lower()
    if len(words) == 1:
        recurs = name in table.text[table.starts[end_of_title - 1] :]
        if not whole and (is_shaped_name(name.replace("-", "")) or (by_colon and (recurs or "-" in name))):
            yield proposed(table, start, boundary, "title-prefix", 0.8)
    elif last in _KIND_FORMS and singular(last) not in ("bound", "function"):
        # (not "bound": "A Nearly-Optimal Bound for ..." is a result)
        yield proposed(table, start, boundary, "title-prefix", 0.75)


_AUTHORS: Final = Words("we our this paper work".split())


def sentence_proposes(table: TokenTable, sentence_start: int, sentence_end: int) -> bool:
    """A sentence in which the authors propose or name something (cue word and first person)."""
    return table.any_in(_CUES, sentence_start, sentence_end) and table.any_in(
        _AUTHORS, sentence_start, sentence_end
    )


def defined_after_proposal(doc: Doc, sentence_start: int, sentence_end: int) -> Iterator[Candidate]:
    """Abbreviation definitions that follow the authors' proposal verb in the same sentence,
    unless the definition is a known concept, sits in a relative clause ("... that utilizes X
    (ABBR)") or is credited to others ("X (ABBR) introduced in [12]")."""
    table = token_table(doc)
    cue = next((i for i in range(sentence_start, sentence_end) if table.is_in(i, _CUES)), None)
    if cue is None or not authors_act(doc, cue):
        return
    known = {(c.start, c.end) for c in candidates_of(doc) if c.lexicon_id}
    for abbreviation in abbreviations_of(doc):
        long, short = abbreviation.long, abbreviation.short
        if (long.start, long.end) in known or (short.start, short.end) in known:
            continue  # a lexicon concept defined again is used, not introduced
        follows_cue = sentence_start <= cue < long.start < sentence_end and long.start - cue <= 12
        if not follows_cue or table.any_in(_RELATIVE_PRONOUNS, cue, long.start):
            continue
        if credited_after(table, long.end, sentence_end):
            continue
        if concept_key(abbreviation.long_text) not in GENERIC_TERMS:
            context_end = min(long.end + 8, sentence_end)
            yield proposed(table, long.start, long.end, "proposal-definition", 0.85, context_end)


_AGENTS: Final = Words(["we", "our", "paper", "work", "is", "are", "was", "were", "be", "been", "here"])


def authors_act(doc: Doc, cue: int) -> bool:
    """The cue is the authors' verb: "we (also) develop", "this paper presents", "is proposed";
    not a noun ("an important design consideration")."""
    return token_table(doc).any_in(_AGENTS, max(cue - 3, 0), cue)


# Words before a naming cue that credit the name to others: "a recently proposed technique called LISA".
_CREDITING_WORDS: Final = Words(
    ["recently", "previously", "existing", "popular", "prior", "well-known", "standard"]
)


def credited_after(table: TokenTable, start: int, limit: int) -> bool:
    """ "introduced in [12]", "proposed by Smith": the name before ``start`` (and its
    parenthesised short form) is someone else's."""
    if start < limit and table.token_text(start) == "(":
        start = next((index + 1 for index in range(start, limit) if table.token_text(index) == ")"), limit)
    words = [table.lower_text(index) for index in range(start, min(start + 2, limit))]
    return words[:1] in (["introduced"], ["proposed"]) and words[1:2] in (["in"], ["by"])


def named_after_cue(doc: Doc, sentence_start: int, sentence_end: int) -> Iterator[Candidate]:
    """A name right after "called", "named", "we call", "we introduce", or "a framework, NAME"."""
    table = token_table(doc)
    for index in range(sentence_start, sentence_end):
        cue = cue_kind(table, index)
        if cue is None:
            continue
        start = index + 1
        if start < sentence_end and table.is_in(start, _SKIPPED) and cue != "kind":
            start += 1
        if start >= sentence_end:
            continue
        name = capitalised_name(table, start, sentence_end, cue) or lowercase_name(
            doc, start, sentence_end, cue
        )
        if name is None:
            continue
        name_start, name_end = name
        if concept_key(table.span_text(name_start, name_end)) in GENERIC_TERMS:
            continue
        if table.any_in(_CREDITING_WORDS, max(index - 10, sentence_start), index):
            continue
        if credited_after(table, name_end, sentence_end):
            continue
        yield proposed(table, name_start, name_end, cue, 0.8, min(name_end + 8, sentence_end))


def cue_kind(table: TokenTable, index: int) -> str | None:
    """ "naming" for called/named/we call, "proposal" for propose/introduce/..., "kind" for "framework,"."""
    if table.is_in(index, NAMING_CUES) or (
        table.is_word(index, "call") and index > 0 and table.is_in(index - 1, _CALLERS)
    ):
        return "naming"
    if table.is_in(index, PROPOSAL_VERBS):
        return "proposal"
    if table.is_in(index, _KINDS) and index + 2 < len(table.starts) and table.is_word(index + 1, ","):
        return "kind"
    return None


def capitalised_name(table: TokenTable, start: int, limit: int, cue: str) -> tuple[int, int] | None:
    if cue == "kind":
        start += 1  # skip the comma of "a framework, FLoRA,"
    end = capitalised_run(table, start)
    if end == start or end > limit:
        return None
    follower = table.token_text(end) if end < len(table.starts) else ""
    closes = follower in {",", "(", ":"}
    if cue == "naming":
        return start, end
    text = table.span_text(start, end)
    if len(text.split()) == 1:
        return (start, end) if is_shaped_name(text) or closes else None
    return (start, end) if closes or table.lower_text(end - 1) in _KIND_FORMS else None


def lowercase_name(doc: Doc, start: int, limit: int, cue: str) -> tuple[int, int] | None:
    """A lower-case name: after a naming cue when it ends in a method noun ("equivariance
    regularizer"); after a proposal verb when an apposition follows ("..., an efficient ...")."""
    if cue == "kind":
        return None
    table = token_table(doc)
    end = start
    while end < limit and end - start < 5 and (not is_boundary(doc, end) or table.token_text(end) == "-"):
        end += 1
    if end - start < 2:
        return None
    if cue == "naming":
        return (start, end) if table.lower_text(end - 1) in _KIND_FORMS else None
    following = [table.lower_text(index) for index in range(end, min(end + 2, limit))]
    apposition = following[:1] == ["("] or following[:2] in ([",", "a"], [",", "an"], [",", "which"])
    return (start, end) if apposition else None


def appositive_names(doc: Doc) -> Iterator[Candidate]:
    """ "EvoNorms, a set of new normalization-activation layers": a name glossed as new."""
    table = token_table(doc)
    for index in table.find(_NEW):
        comma = next(
            (
                i
                for i in range(index - 1, max(index - 6, 0), -1)
                if table.is_word(i, ",") and table.is_in(i + 1, _INDEFINITE_ARTICLES)
            ),
            None,
        )
        if comma is None or comma == 0:
            continue
        name_end = comma
        start = name_end - 1
        while start > 0 and (table.token_text(start - 1) == "-" or table.token_text(start) == "-"):
            start -= 1
        if is_shaped_name(table.span_text(start, name_end).replace("-", "")):
            context_end = min(name_end + 10, len(table.starts))
            yield proposed(table, start, name_end, "apposition", 0.75, context_end)


@Language.factory("kg_contributions")
def create_contributions(nlp: Language, name: str) -> ContributionComponent:
    return ContributionComponent()


_NEW: Final = Words({"new", "novel"})


def cue_sentences(doc: Doc) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the sentences holding a proposal verb or naming cue, in order."""
    seen: set[int] = set()
    for index in token_table(doc).find(_CUES):
        start, end = sentence_bounds(doc, index)
        if start not in seen:
            seen.add(start)
            yield start, end


class ContributionComponent:
    def __call__(self, doc: Doc) -> Doc:
        candidates = [*title_prefix(doc), *appositive_names(doc)]
        table = token_table(doc)
        for start, end in cue_sentences(doc):
            if sentence_proposes(table, start, end):
                candidates.extend(defined_after_proposal(doc, start, end))
                candidates.extend(named_after_cue(doc, start, end))
        add_candidates(doc, candidates)
        add_candidates(doc, later_uses(doc, candidates))
        return doc


def later_uses(doc: Doc, contributions: list[Candidate]) -> Iterator[Candidate]:
    """Every other place the text writes a contribution's name is a mention of it too."""
    table = token_table(doc)
    named = {table.span_text(c.start, c.end): c for c in reversed(contributions)}
    for name, contribution in named.items():
        for start_char in whole_word_occurrences(table.text, name):
            tokens = table.tokens_at(start_char, start_char + len(name))
            if tokens is not None and not any(c.start == tokens[0] for c in contributions):
                yield Candidate(tokens[0], tokens[1], contribution.type, contribution.component, 0.7)
