"""Gazetteer matching: every lexicon name found in the text, in one pass of spaCy's PhraseMatcher.

Names are matched case-insensitively, in singular and plural form, except acronym-shaped names
("GP", "LSTM", "ResNet"): those match only where the text also writes them with two or more
capitals ("MNist" is MNIST, "gp" or "Lime" in prose are not concepts).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import orjson
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import DATASET, METHOD, Candidate, add_candidates
from kg.extract.freshness import source_digests
from kg.extract.keys import JOINABLE_PREFIXES, concept_key, singular
from kg.extract.lexicon import GENERIC_TERMS, LEXICON_DIR, LexiconEntry, load_lexicon
from kg.extract.native import match_id, phrase_matcher
from kg.extract.tokenizer import PatternWords
from kg.extract.tokens import TokenTable, token_table
from kg.files import atomic_path
from kg.resources import cache_dir

_CASE_SENSITIVE: Final = re.compile(
    r"^(?=.*[A-Z].*[A-Z])[A-Za-z0-9\-+.]{2,12}$|^[A-Z][a-z]?[A-Z][A-Za-z0-9\-]*$"
)


# A joinable prefix before a capitalised word ("HyperNetwork", "MetaLearning") is one word that
# prose writes in lower case ("hypernetworks"); dataset names keep their case.
_PREFIX_CAMEL_CASE: Final = re.compile(rf"^(?:{JOINABLE_PREFIXES.title()})[A-Z][a-z]{{3,}}$")


def is_case_sensitive(name: str) -> bool:
    """Acronyms and CamelCase names, which collide with ordinary words when case is ignored.

    >>> [is_case_sensitive(n) for n in ["GP", "LSTM", "ResNet", "BigGAN", "Gaussian process", "Adam"]]
    [True, True, True, True, False, False]
    """
    return bool(_CASE_SENSITIVE.match(name))


def plural(word: str) -> str:
    """Regular English plural, enough for concept names: ``network`` -> ``networks``."""
    if re.search(r"[A-Z0-9]$", word):
        return word + "s"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def number_variants(name: str) -> set[str]:
    """The name with its last word in singular and in plural form.

    >>> sorted(number_variants("Gaussian processes"))
    ['Gaussian process', 'Gaussian processes']
    """
    head, _, last = name.rpartition(" ")
    base = singular(last)
    prefix = f"{head} " if head else ""
    return {name, prefix + base, prefix + plural(base)}


_JOINING_HYPHEN: Final = re.compile(r"(?<=[A-Za-z0-9]{2})-(?=[A-Za-z0-9]{2})")
_HYPHENATED_PREFIX: Final = re.compile(rf"\b({JOINABLE_PREFIXES})-(?=[a-z]{{4,}})", re.IGNORECASE)
_GLUED_PREFIX: Final = re.compile(rf"\b({JOINABLE_PREFIXES})(?=[a-z]{{4,}})", re.IGNORECASE)


def written_variants(name: str) -> set[str]:
    """The ways texts write a name: as is, hyphens as spaces ("Fashion MNIST"), and a prefix
    glued or hyphenated ("bilevel" / "bi-level", "nonconvex" / "non-convex").

    >>> sorted(written_variants("bilevel optimization"))
    ['bi-level optimization', 'bilevel optimization']
    >>> sorted(written_variants("Fashion-MNIST"))
    ['Fashion MNIST', 'Fashion-MNIST']
    """
    return {
        name,
        _JOINING_HYPHEN.sub(" ", name),
        _HYPHENATED_PREFIX.sub(r"\1", name),
        _GLUED_PREFIX.sub(r"\1-", name),
    }


@dataclass
class GazetteerMatch:
    entry: LexiconEntry
    start: int
    end: int
    prefixed: bool = False
    """A known method with a glued prefix ("Q-transformers"): a named variant, not the method."""


def written_as_acronym(span_text: str) -> bool:
    return sum(char.isupper() for char in span_text) >= 2


@dataclass
class Patterns:
    """What the gazetteer's matcher is made from: per key ("L12": entry 12 in any case, "A12":
    its acronym-shaped names), the word ids of each written form; and per acronym key, its
    forms as written and in lower case (its plurals left out)."""

    words: list[tuple[str, list[list[int]]]]
    acronym_forms: dict[str, tuple[list[str], list[str]]]


def lexicon_patterns(nlp: Language, entries: list[LexiconEntry]) -> Patterns:
    """Every way the texts write each entry's names, as the pipeline's tokenizer splits them."""
    lower_forms: dict[str, set[str]] = {}
    exact_forms: dict[str, set[str]] = {}
    for index, entry in enumerate(entries):
        for name in (entry.label, *entry.aliases):
            if concept_key(name) in GENERIC_TERMS:
                continue
            target, key = (
                (exact_forms, f"A{index}") if is_case_sensitive(name) else (lower_forms, f"L{index}")
            )
            for written in written_variants(name):
                target.setdefault(key, set()).update(number_variants(written))
            if entry.type is not DATASET and _PREFIX_CAMEL_CASE.match(name):
                lower_forms.setdefault(f"L{index}", set()).update(number_variants(name.lower()))
    pattern_words = PatternWords(nlp)
    words = [
        (key, [pattern_words(name) for name in sorted(names)])
        for key, names in (*lower_forms.items(), *exact_forms.items())
    ]
    acronym_forms = {
        key: (
            sorted(names),
            sorted({name.lower() for name in names if not (name.endswith("s") and name[:-1] in names)}),
        )
        for key, names in exact_forms.items()
    }
    return Patterns(words, acronym_forms)


def cached_patterns(nlp: Language, entries: list[LexiconEntry], cache: Path | None) -> Patterns:
    """``lexicon_patterns``, read from the folder ``cache`` when a run before made them from the
    same entries with the same code and spaCy, else made and saved there (0.5 s saved at every
    start). No folder: made each time."""
    try:
        digest = patterns_digest(entries) if cache is not None else None
    except OSError:  # an install without the sources: nothing to key the cache by
        digest = None
    if cache is None or digest is None:
        return lexicon_patterns(nlp, entries)
    path = cache / f"gazetteer-{digest}.json"
    try:
        saved = orjson.loads(path.read_bytes())
        forms = {key: (list(exact), list(lower)) for key, (exact, lower) in saved["acronym_forms"].items()}
        return Patterns([(key, words) for key, words in saved["words"]], forms)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    patterns = lexicon_patterns(nlp, entries)
    try:
        with atomic_path(path) as temporary:
            temporary.write_bytes(
                orjson.dumps({"words": patterns.words, "acronym_forms": patterns.acronym_forms})
            )
    except OSError:
        pass  # a read-only cache folder: the patterns are made again next time
    return patterns


def patterns_digest(entries: list[LexiconEntry]) -> str:
    """What the patterns depend on: the entries, the code that turns names into patterns, and
    the spaCy whose tokenizer splits them."""
    digest = hashlib.sha256(spacy.__version__.encode())
    digest.update(orjson.dumps(source_digests(("gazetteer", "tokenizer", "keys", "lexicon"))))
    digest.update(orjson.dumps([[e.id, e.type.value, e.label, e.aliases] for e in entries]))
    return digest.hexdigest()[:24]


class Gazetteer:
    """One PhraseMatcher on lower-cased text holding plain names and acronym-shaped names; the
    matches of the latter must be written with capitals."""

    def __init__(self, nlp: Language, entries: Iterable[LexiconEntry], cache: Path | None = None) -> None:
        self.entries = list(entries)
        self.matcher = phrase_matcher(nlp.vocab, attr="LOWER")
        patterns = cached_patterns(nlp, self.entries, cache)
        self.acronym_forms = {
            key: (frozenset(exact), frozenset(lower))
            for key, (exact, lower) in patterns.acronym_forms.items()
        }
        # What a match id stands for: (key, entry index, minus the label's length), known at once.
        self.keys: dict[int, tuple[str, int, int]] = {}
        for key, words in patterns.words:
            self.matcher.add(key, words)
            index = int(key[1:])
            self.keys[match_id(key)] = (key, index, -len(self.entries[index].label))

    def __call__(self, doc: Doc) -> Iterator[GazetteerMatch]:
        matches = []
        keys = self.keys
        for label, start, end in self.matcher(doc):
            key, index, label_order = keys[label]
            matches.append((start, end, label_order, index, key))
        table = token_table(doc)
        # on one span, the entry with the fullest label first: its id names the concept
        for start, end, _, index, key in sorted(matches):
            if key[0] == "A" and not self.acronym_written(key, table.span_text(start, end)):
                continue
            entry = self.entries[index]
            if not inside_compound(doc, start, end):
                yield GazetteerMatch(entry, start, end)
            elif entry.type is METHOD and is_prefixed(doc, start, end):
                yield GazetteerMatch(entry, start - 2, end, prefixed=True)

    def acronym_written(self, key: str, text: str) -> bool:
        """An acronym matches as written, or in another casing that keeps two capitals ("MNist"
        for MNIST); its plural only with a lower-case "s" ("GPs"): "GPS" is not two GPs."""
        exact, singular_lower = self.acronym_forms[key]
        return text in exact or (written_as_acronym(text) and text.lower() in singular_lower)


def inside_compound(doc: Doc, start: int, end: int) -> bool:
    """A name glued by a hyphen to the word beside it is part of another word: "shot" in
    "zero-shot", "SGD" in "DP-SGD"."""
    table = token_table(doc)
    glued_before = start >= 2 and is_glued_hyphen(table, start - 1)
    glued_after = end + 1 < len(table.starts) and is_glued_hyphen(table, end)
    glued_after = glued_after and table.lower_text(end + 1) not in _DERIVING_SUFFIXES
    return glued_before or glued_after


def is_glued_hyphen(table: TokenTable, index: int) -> bool:
    """Token ``index`` is a hyphen written between two words with no space either side."""
    # (the cheap offset comparisons first: most tokens have a space before or after them)
    return table.glued_to_next(index - 1) and table.glued_to_next(index) and table.token_text(index) == "-"


def is_prefixed(doc: Doc, start: int, end: int) -> bool:
    """A name glued after a short name-like prefix and nothing after: "Q-transformers",
    "Meta-SGD"; not "zero-shot" (a number word) or "DP-SGD-based"."""
    table = token_table(doc)
    prefix = table.token_text(start - 2)
    glued_after = end < len(table.starts) and table.token_text(end) == "-" and table.glued_to_next(end - 1)
    return not glued_after and (prefix[:1].isupper() or len(prefix) == 1) and prefix.isalpha()


# "CNN-based models", "Transformer-like": the name is used, only suffixed.
_DERIVING_SUFFIXES: Final = frozenset(
    "based like style type driven guided inspired powered enhanced augmented specific aware".split()
)


@Language.factory("kg_gazetteer", default_config={"lexicon_dir": None})
def create_gazetteer(nlp: Language, name: str, lexicon_dir: str | None) -> GazetteerComponent:
    return GazetteerComponent(nlp, lexicon_dir)


class GazetteerComponent:
    """Adds one ``Candidate`` per lexicon match, typed by the lexicon."""

    def __init__(self, nlp: Language, lexicon_dir: str | None) -> None:
        entries = load_lexicon(Path(lexicon_dir) if lexicon_dir else LEXICON_DIR)  # as definitions: one read
        self.gazetteer = Gazetteer(nlp, entries, cache_dir())

    def __call__(self, doc: Doc) -> Doc:
        add_candidates(
            doc,
            (
                Candidate(  # positional: from compiled code, keywords cost a dict per call
                    match.start,
                    match.end,
                    match.entry.type,
                    "prefixed-name" if match.prefixed else "gazetteer",
                    0.6 if match.prefixed else 0.9,
                    None if match.prefixed else match.entry.id,
                )
                for match in self.gazetteer(doc)
            ),
        )
        return doc
