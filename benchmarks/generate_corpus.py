"""Realistic synthetic corpora in the arXiv snapshot JSON Lines format, for scale benchmarks.

``python benchmarks/generate_corpus.py --papers 100000 --out corpus-100k.jsonl``

Sentences of the bundled example abstracts become templates: every lexicon concept they mention
is replaced by a typed slot. A generated abstract strings together templates and fills the slots
with lexicon names drawn by a Zipf law over each lexicon's weight order, so a few concepts are
common and most are rare, as in real corpora. About a third of the papers propose a new, named
method, so the number of concepts keeps growing with the corpus; a quarter link to code. The same
seed always gives the same corpus.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import read_papers  # noqa: E402

LEXICONS = ROOT / "ontology" / "lexicon"
TYPES = ("method", "task", "dataset")
CATEGORIES = ("cs.LG", "cs.CL", "cs.CV", "stat.ML", "cs.AI", "cs.RO", "math.OC", "physics.comp-ph")
PARTS = ("Graph", "Sparse", "Neural", "Diffusion", "Flow", "Deep", "Latent", "Meta", "Hyper", "Quantum")
SUFFIXES = ("Net", "Former", "GAN", "Diff", "Flow", "BERT", "Mixer", "NeRF", "Opt", "Match")
SYLLABLES = ("ka", "ri", "to", "ma", "lin", "sen", "do", "ve", "an", "mir", "chen", "li", "wa", "el", "no")


def lexicon_names(kind: str) -> list[str]:
    """Names of one lexicon, most used first (its weight column)."""
    with open(LEXICONS / f"{kind}s.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    rows.sort(key=lambda row: -int(row["weight"] or 0))
    return [row["label"] for row in rows if len(row["label"]) > 3]


def slot_pattern(names: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex finding any lexicon name as a whole word (longest first), and each name's type."""
    kind_of = {name.lower(): kind for kind, kind_names in names.items() for name in kind_names}
    alternatives = "|".join(re.escape(name) for name in sorted(kind_of, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), kind_of


def templates(sentences: list[str], pattern: re.Pattern[str], kind_of: dict[str, str]) -> list[str]:
    """Sentences with their concept mentions turned into ``{method}``-style slots."""
    escaped = (sentence.replace("{", "(").replace("}", ")") for sentence in sentences)
    return [pattern.sub(lambda match: "{" + kind_of[match.group().lower()] + "}", s) for s in escaped]


def sentences_of(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if len(part) > 20]


class Zipf:
    """Draws items with probability proportional to 1 / rank."""

    def __init__(self, items: list[str], rng: random.Random) -> None:
        self.items, self.rng = items, rng
        self.cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(items) + 1)))

    def draw(self) -> str:
        return self.items[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]


def new_method(rng: random.Random) -> tuple[str, str]:
    """A fresh method name and its acronym, such as ("Sparse Diffusion Mixer", "SDM")."""
    words = [*rng.sample(PARTS, rng.randint(1, 2)), rng.choice(SUFFIXES)]
    name = " ".join(words) + (f" {rng.randint(2, 99)}" if rng.random() < 0.5 else "")
    return name, "".join(word[0] for word in words) + str(rng.randint(0, 999))


def person(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def fill(template: str, draw: dict[str, Zipf]) -> str:
    return re.sub(r"\{(method|task|dataset)\}", lambda match: draw[match[1]].draw(), template)


def papers(count: int, seed: int) -> Iterator[dict]:
    rng = random.Random(seed)
    names = {kind: lexicon_names(kind) for kind in TYPES}
    examples = list(read_papers([ROOT / "examples"]))
    pattern, kind_of = slot_pattern(names)
    body = templates([s for paper in examples for s in sentences_of(paper.abstract)], pattern, kind_of)
    titles = templates([paper.title for paper in examples], pattern, kind_of)
    draw = {kind: Zipf(kind_names, rng) for kind, kind_names in names.items()}
    for number in range(1, count + 1):
        sentences = [fill(rng.choice(body), draw) for _ in range(rng.randint(4, 8))]
        title = fill(rng.choice(titles), draw)
        if rng.random() < 0.35:
            name, acronym = new_method(rng)
            purpose = draw["task"].draw()
            sentences.insert(1, f"We propose {name} ({acronym}), a new method for {purpose}.")
            title = f"{acronym}: {title}"
        if rng.random() < 0.25:
            sentences.append(
                f"Code is available at https://github.com/{person(rng).split()[1].lower()}/p{number}."
            )
        yield {
            "id": f"{2600 + number // 100_000:04d}.{number % 100_000:05d}",
            "title": title,
            "abstract": " ".join(sentences),
            "authors": ", ".join(person(rng) for _ in range(rng.randint(1, 6))),
            "categories": " ".join(rng.sample(CATEGORIES, rng.randint(1, 3))),
            "update_date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    with open(arguments.out, "w", encoding="utf-8") as handle:
        for paper in papers(arguments.papers, arguments.seed):
            handle.write(json.dumps(paper, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
