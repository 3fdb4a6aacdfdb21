"""Normalising titles and abstracts for extraction.

Scraped and exported abstracts carry HTML entities (``&amp;``), LaTeX markup (``\\emph{x}``,
``\\href{url}{text}``, ``}{`` left where a macro was cut), control characters and ragged
whitespace. Extraction and identity work on the normalised text; the original is kept on the
``Paper`` for provenance.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

_FORMATTING_MACRO = re.compile(
    r"\\(?:emph|textbf|textit|texttt|textsc|textrm|textsf|mathrm|mathbf|mathit|mathcal|"
    r"mathbb|text|url|underline|footnote|cite[tp]?|mbox)\s*\{([^{}]*)\}"
)
_ACCENT = re.compile(r"\\(['`^\"~=.]|c(?=\{))\s*\{?([A-Za-z])\}?")
_COMBINING = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
}
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_ESCAPED_CHAR = re.compile(r"\\([%&_#$])")
_BARE_MACRO = re.compile(r"\\([A-Za-z]+)\b\s*")
_CLOSE_OPEN = re.compile(r"\}\s*\{")
_BRACE = re.compile(r"(?<!\\)[{}]")
_TILDE_SPACE = re.compile(r"(?<=\w)~(?=\w)")
# Control characters, zero-width marks and bidirectional controls, deleted by str.translate
# (a regex substitution over every abstract took half of ingest's time).
_CONTROL_CHARACTERS = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]
_CONTROL_CHARACTERS += [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]
_DELETE_CONTROLS = dict.fromkeys(_CONTROL_CHARACTERS)


def strip_latex(text: str) -> str:
    """Remove LaTeX markup while keeping its visible text.

    >>> strip_latex(r"code at \\href{https://x.org/a}{https://x.org/a}. \\emph{Fast} 50\\%")
    'code at https://x.org/a https://x.org/a. Fast 50%'
    >>> strip_latex(r"Llinares-L{\\'o}pez, Schr\\"odinger")
    'Llinares-López, Schrödinger'
    """
    text = _ACCENT.sub(lambda match: unicodedata.normalize("NFC", match[2] + _COMBINING[match[1]]), text)
    text = _HREF.sub(r"\1 \2", text)
    for _ in range(3):  # nested formatting such as \emph{\textbf{x}}
        text, count = _FORMATTING_MACRO.subn(r"\1", text)
        if not count:
            break
    text = _ESCAPED_CHAR.sub(r"\1", text)
    text = _CLOSE_OPEN.sub(" ", text)
    text = _TILDE_SPACE.sub(" ", text)
    text = _BARE_MACRO.sub(r"\1 ", text)
    return _BRACE.sub("", text)


def normalise_text(raw: str) -> str:
    """Return ``raw`` ready for extraction: entities decoded, LaTeX and controls removed, spaces single.

    >>> normalise_text("Deep&nbsp;nets  &amp; \\\\emph{GANs}\\n")
    'Deep nets & GANs'
    """
    text = html.unescape(raw)
    text = unicodedata.normalize("NFC", text)
    if "\\" in text or "{" in text or "}" in text:
        text = strip_latex(text)
    return " ".join(text.translate(_DELETE_CONTROLS).split())  # whitespace runs become one space


def title_key(title: str) -> str:
    """Case-, accent- and punctuation-free form of a title, used to spot the same paper twice."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def title_id(title: str) -> str:
    """Stable id for a paper without an arXiv id: a short hash of its title key."""
    return "t" + hashlib.sha1(title_key(title).encode()).hexdigest()[:12]


_ARXIV_NEW = re.compile(r"(?<![\w.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\w.])")
_ARXIV_OLD = re.compile(r"(?<![\w.])([a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?!\w)")


def arxiv_id_from(value: str | None) -> str | None:
    """Extract a version-free arXiv id from an id, abs/pdf URL or ``arXiv:`` string.

    >>> arxiv_id_from("http://arxiv.org/abs/2103.13630v2")
    '2103.13630'
    >>> arxiv_id_from("hep-ex/0307015")
    'hep-ex/0307015'
    """
    if not value:
        return None
    value = value.strip()
    match = _ARXIV_NEW.search(value) or _ARXIV_OLD.search(value)
    return match.group(1) if match else None
