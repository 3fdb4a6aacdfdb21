"""Abbreviation definitions: "physics-informed neural network (PINN)" links PINN to its long form.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
biomedical text", PSB 2003. A short form in parentheses is matched right-to-left, character by
character, against the words before it; the long form starts at the word holding the short
form's first character. Plural short forms ("PINNs") are matched without their final "s".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.keys import remember
from kg.extract.tokens import TokenTable, Words, WordTest, sentence_bounds, token_table

_SHORT_FORM: Final = re.compile(r"^[A-Za-z][A-Za-z0-9\-.+/&]{0,11}$")
_PLURAL_ACRONYM: Final = re.compile(r"^([A-Z][A-Za-z0-9\-]*[A-Z0-9])s$")
_STOP_BEFORE_LONG_FORM: Final = {".", ";", ":", "(", ")", "[", "]", ","}


def is_short_form(text: str) -> bool:
    """A plausible abbreviation: 2-12 characters, starts with a letter, has a capital or a digit."""
    return (
        2 <= len(text) <= 12
        and bool(_SHORT_FORM.match(text))
        and any(c.isupper() or c.isdigit() for c in text)
        and not text.isdigit()
    )


_CORES: Final[dict[str, str]] = {}


def short_form_core(short: str) -> str:
    """The letters the long form must contain: a plural "s" after capitals is not one of them."""
    core = _CORES.get(short)
    if core is None:
        match = _PLURAL_ACRONYM.match(short)
        core = remember(_CORES, short, match[1] if match else short)
    return core


def best_long_form(short: str, long: str) -> str | None:
    """Schwartz–Hearst matching of ``short`` against candidate ``long`` text; None when no match.

    >>> best_long_form("PINN", "we train a physics-informed neural network")
    'physics-informed neural network'
    >>> best_long_form("GP", "a Gaussian process")
    'Gaussian process'
    >>> best_long_form("XYZ", "a Gaussian process") is None
    True
    """
    # Lower-cased once, unless that changes the length ("İ" lowers to two characters): then
    # character by character, as each comparison means.
    lowered = long.lower()
    if len(lowered) != len(long):
        lowered = "".join(char.lower()[:1] if len(char.lower()) == 1 else "\0" for char in long)
    short_index, long_index = len(short) - 1, len(long) - 1
    while short_index >= 0:
        char = short[short_index].lower()
        if not char.isalnum():
            short_index -= 1
            continue
        while long_index >= 0 and (
            lowered[long_index] != char
            or (short_index == 0 and long_index > 0 and long[long_index - 1].isalnum())
        ):
            long_index -= 1
        if long_index < 0:
            return None
        long_index -= 1
        short_index -= 1
    start = long.rfind(" ", 0, long_index + 1) + 1
    return long[start:]


def initials_long_form(short: str, long: str) -> str | None:
    """The last words of ``long`` whose initials spell ``short`` (hyphenated parts count as words).

    Schwartz–Hearst returns the shortest match, which can stop inside the real long form
    ("adaptive sampling" for AAS); words whose initials spell the short form fix that.

    >>> initials_long_form("AAS", "The adversarial adaptive sampling")
    'adversarial adaptive sampling'
    """
    letters = [c.lower() for c in short if c.isalpha()]
    words = long.split()
    for count in range(1, min(len(words), len(letters)) + 1):
        tail = words[-count:]
        parts = [part for word in tail for part in word.replace("/", "-").split("-") if part]
        if [part[0].lower() for part in parts] == letters:
            return " ".join(tail)
    return None


@dataclass
class Abbreviation:
    long: Span
    short: Span
    long_text: str  # the spans' texts, which spaCy would rebuild token by token on each read
    short_text: str


OPENING_PARENTHESIS: Final = Words(["("])
_ALTERNATIVE_CUES: Final = frozenset({"or", "aka", "a.k.a."})
# Tokens a short form may span: "EK-FAC" is "EK", "-", "FAC".
MAX_SHORT_TOKENS: Final = 5


def find_abbreviations(doc: Doc) -> list[Abbreviation]:
    """Every "long form (SHORT)" definition in ``doc``, within one sentence."""
    table = token_table(doc)
    found = []
    for paren in table.find(OPENING_PARENTHESIS, 1, len(doc) - 2):
        opening = paren + 1
        if table.lower_text(opening) in _ALTERNATIVE_CUES:
            opening += 1  # "universal random features (or URFs)"
        window = range(opening, min(opening + MAX_SHORT_TOKENS + 1, len(doc)))
        end = next((i for i in window if table.token_text(i) in (")", ";", ",")), None)
        if end is None or table.token_text(end) != ")" or end == opening:
            continue
        short_text = table.span_text(opening, end)
        if not is_short_form(short_text):
            continue
        long = long_form_span(doc, table, paren, short_form_core(short_text))
        if long is not None:
            long_text = table.span_text(long.start, long.end)
            found.append(Abbreviation(long, Span(doc, opening, end), long_text, short_text))
    return found


def long_form_span(doc: Doc, table: TokenTable, paren: int, short: str) -> Span | None:
    max_words = min(len(short) + 5, len(short) * 2)
    start = paren
    words = 0
    sentence_start = sentence_bounds(doc, paren - 1)[0]
    while start > sentence_start and words < max_words:
        previous = table.token_text(start - 1)
        if previous in _STOP_BEFORE_LONG_FORM:
            break
        start -= 1
        if not is_punctuation(doc, start):
            words += 1
    if start == paren:
        return None
    window_text = table.span_text(start, paren)
    long_text = best_long_form(short, window_text)
    by_initials = initials_long_form(short, window_text)
    if by_initials is not None and (long_text is None or len(by_initials) > len(long_text)):
        long_text = by_initials
    if long_text is None or len(long_text) <= len(short) or long_text.lower() == short.lower():
        return None
    window_end = table.ends[paren - 1]
    start, end = table.tokens_around(window_end - len(long_text), window_end)
    if end - start > max_words + 2:
        return None
    while start < end and is_punctuation(doc, start):  # a quoted long form: "scaled exponential linear units"
        start += 1
    while end > start and is_punctuation(doc, end - 1):
        end -= 1
    # (a Span made directly: doc[start:end] normalises the slice in interpreted Python first)
    return Span(doc, start, end) if end > start else None


_IS_PUNCTUATION: Final = WordTest(lambda lexeme: bool(lexeme.is_punct))


def is_punctuation(doc: Doc, index: int) -> bool:
    """``doc[index].is_punct``."""
    return _IS_PUNCTUATION(token_table(doc), index)


def register_extensions() -> None:
    # Read through a getter, never set: see kg.extract.candidates.
    if not Doc.has_extension("abbreviations"):
        Doc.set_extension("abbreviations", getter=stored_abbreviations)


def stored_abbreviations(doc: Doc) -> list[Abbreviation] | None:
    """``doc._.abbreviations``: None before the component ran."""
    found: list[Abbreviation] | None = doc.user_data.get("kg_abbreviations")
    return found


@Language.factory("kg_abbreviations")
def create_abbreviation_detector(nlp: Language, name: str) -> AbbreviationDetector:
    return AbbreviationDetector()


class AbbreviationDetector:
    """Sets ``doc._.abbreviations`` to the list of definitions found in the text."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data["kg_abbreviations"] = find_abbreviations(doc)
        return doc


def abbreviations_of(doc: Doc) -> list[Abbreviation]:
    """``doc._.abbreviations`` (none before the component ran), read from ``user_data``."""
    found = stored_abbreviations(doc)
    return found if found is not None else []
