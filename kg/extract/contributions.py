"""The paper's own named contributions ("proposed"): new methods, models, datasets it introduces.

Patterns, each one a way abstracts name what they bring:
- title prefix: "NeuralStagger: Accelerating ..." names the contribution before the colon;
- definition after a proposal verb: "we propose Functional Bayesian Tucker Decomposition (FunBaT)";
- naming cue: "a framework called M-FAC", "namely BO-REP", "what we call Self-Tuning Networks";
- introduction of a name: "We introduce Poseidon, a foundation model ...";
- appositive after a kind noun: "a fine-tuning framework, FLoRA, designed for ...".
Unnamed contributions ("a new method") are never listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.candidates import Candidate, add_candidates
from kg.extract.heads import DATASET_HEADS, METHOD_HEADS, type_by_head
from kg.extract.lexicon import GENERIC_TERMS, concept_key
from kg.extract.tokens import positions_of, sentence_bounds, text_of, title_end, word_hashes
from kg.records import ConceptType

PROPOSAL_VERBS = frozenset(
    "propose proposes proposed introduce introduces introduced present presents presented develop "
    "develops developed design designs designed devise devises devised release releases".split()
)
NAMING_CUES = frozenset("called named namely dubbed termed coined".split())
KIND_NOUNS = METHOD_HEADS | DATASET_HEADS | {"library", "toolkit", "tool", "package", "system"}
_SHAPED = re.compile(r"^(?=.*[A-Z])(?:[A-Za-z]*[a-z][A-Z]|[A-Z0-9][A-Z0-9\-]+$|.*\d|.*-[A-Z])")
_FIRST_PERSON = frozenset("we our this".split())
_MAX_NAME_TOKENS = 6


def is_shaped_name(text: str) -> bool:
    """A token that is visibly a name: CamelCase, all capitals, or with digits.

    >>> [is_shaped_name(t) for t in ["NeuralStagger", "M-FAC", "MgNO", "GPT-4", "Poseidon", "method"]]
    [True, True, True, True, False, False]
    """
    return bool(_SHAPED.match(text))


def capitalised_run(doc: Doc, start: int, limit: int = _MAX_NAME_TOKENS) -> Span | None:
    """The longest run of capitalised or shaped words (hyphens joined) starting at ``start``."""
    end = start
    while end < len(doc) and end - start < limit:
        token = doc[end]
        if token.text == "-" and end + 1 < len(doc) and not token.whitespace_ and end > start:
            end += 1
            continue
        if (
            token.text[:1].isupper()
            or is_shaped_name(token.text)
            or (end > start and doc[end - 1].text == "-")
        ):
            end += 1
            continue
        break
    while end > start and doc[end - 1].text == "-":
        end -= 1
    return doc[start:end] if end > start else None


def contribution_type(name: Span, context: Span | None = None) -> ConceptType:
    """Datasets and benchmarks say so in their name or next to it; everything else is a method."""
    words = name.text.lower()
    if "bench" in words or type_by_head(name.text) is ConceptType.DATASET:
        return ConceptType.DATASET
    if context is not None and any(token.lower_ in DATASET_HEADS for token in context):
        return ConceptType.DATASET
    return ConceptType.METHOD


def proposed(span: Span, rule: str, confidence: float, context: Span | None = None) -> Candidate:
    return Candidate(
        span.start, span.end, contribution_type(span, context), f"pattern:{rule}", confidence, proposed=True
    )


def title_prefix(doc: Doc) -> Iterator[Candidate]:
    """ "Name: what it does" titles; multi-word names must end in a method or dataset noun."""
    title = doc[: title_end(doc)]
    colon = next((token.i for token in title if token.text == ":"), None)
    if colon is None or colon == 0 or colon > _MAX_NAME_TOKENS:
        return
    prefix = doc[0:colon]
    run = capitalised_run(doc, 0)
    if run is None or run.end != colon:
        return
    words = [token for token in prefix if token.text != "-"]
    if len(words) == 1:
        single = words[0].text
        mentioned_again = single in doc[title.end :].text
        if is_shaped_name(prefix.text.replace("-", "")) or mentioned_again or "-" in prefix.text:
            yield proposed(prefix, "title-prefix", 0.8)
    elif type_by_head(prefix.text) in (ConceptType.METHOD, ConceptType.DATASET) and words[-1].lower_ in (
        KIND_NOUNS | {token + "s" for token in KIND_NOUNS}
    ):
        yield proposed(prefix, "title-prefix", 0.75)


def sentence_proposes(sentence: Span) -> bool:
    words = {token.lower_ for token in sentence}
    return bool(words & PROPOSAL_VERBS or words & NAMING_CUES or "call" in words) and bool(
        words & _FIRST_PERSON or "paper" in words or "work" in words
    )


def defined_after_proposal(doc: Doc, sentence: Span) -> Iterator[Candidate]:
    """Abbreviation definitions that follow a proposal verb in the same sentence."""
    cue = next((t.i for t in sentence if t.lower_ in PROPOSAL_VERBS | NAMING_CUES | {"call"}), None)
    if cue is None:
        return
    for abbreviation in doc._.abbreviations or []:
        long = abbreviation.long
        follows_cue = sentence.start <= cue < long.start < sentence.end and long.start - cue <= 12
        if follows_cue and concept_key(long.text) not in GENERIC_TERMS:
            context = doc[long.end : min(long.end + 8, sentence.end)]
            yield proposed(long, "proposal-definition", 0.85, context)


def named_after_cue(doc: Doc, sentence: Span) -> Iterator[Candidate]:
    """A capitalised or shaped name right after "called", "named", "we introduce", "framework,"."""
    for token in sentence:
        start = name_start_after(token)
        if start is None or start >= sentence.end:
            continue
        run = capitalised_run(doc, start)
        if run is None or run.end > sentence.end:
            continue
        follower = doc[run.end] if run.end < len(doc) else None
        if len(run) == 1 or "-" in run.text:
            if not (is_shaped_name(run.text) or (follower is not None and follower.text in {",", "(", ":"})):
                continue
            if run.start > 0 and doc[run.start - 1].text in ("the", "The") and not is_shaped_name(run.text):
                continue
        elif type_by_head(run.text) not in (ConceptType.METHOD, ConceptType.DATASET):
            continue
        if concept_key(run.text) in GENERIC_TERMS:
            continue
        yield proposed(run, "naming", 0.8, doc[run.end : min(run.end + 8, sentence.end)])


def name_start_after(token: Token) -> int | None:
    """Index where a name would start after a naming cue at ``token``, else None."""
    lower = token.lower_
    doc = token.doc
    following = token.i + 1
    if following >= len(doc):
        return None
    if lower in NAMING_CUES:
        return following + 1 if doc[following].text == "as" else following
    if lower == "call" and token.i > 0 and doc[token.i - 1].lower_ in ("we", "to"):
        return following
    if lower in PROPOSAL_VERBS and token.i > 0 and doc[token.i - 1].lower_ in ("we", "paper", "work"):
        return following + 1 if doc[following].lower_ in ("the",) else following
    if lower in KIND_NOUNS and doc[following].text == ",":
        return following + 1
    return None


@Language.factory("kg_contributions")
def create_contributions(nlp: Language, name: str) -> ContributionComponent:
    return ContributionComponent()


_CUE_HASHES = word_hashes(PROPOSAL_VERBS | NAMING_CUES | {"call"})


def cue_sentences(doc: Doc) -> Iterator[Span]:
    """The sentences holding a proposal verb or naming cue, in order."""
    seen: set[int] = set()
    for index in positions_of(doc, _CUE_HASHES):
        start, end = sentence_bounds(doc, index)
        if start not in seen:
            seen.add(start)
            yield doc[start:end]


class ContributionComponent:
    def __call__(self, doc: Doc) -> Doc:
        candidates = list(title_prefix(doc))
        for sentence in cue_sentences(doc):
            if sentence_proposes(sentence):
                candidates.extend(defined_after_proposal(doc, sentence))
                candidates.extend(named_after_cue(doc, sentence))
        add_candidates(doc, candidates)
        add_candidates(doc, later_uses(doc, candidates))
        return doc


def later_uses(doc: Doc, contributions: list[Candidate]) -> Iterator[Candidate]:
    """Every other place the text writes a contribution's name is a mention of it too."""
    named = {doc[c.start : c.end].text: c for c in reversed(contributions)}
    for name, contribution in named.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text_of(doc)):
            span = doc.char_span(match.start(), match.end())
            if span is not None and not any(c.start == span.start for c in contributions):
                yield Candidate(span.start, span.end, contribution.type, contribution.component, 0.7)
