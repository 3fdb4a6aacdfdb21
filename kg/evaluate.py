"""``kg eval``: document-level precision, recall and F1 of an extraction against a gold file.

Semantics follow the project's annotation guidelines: a predicted concept matches a gold concept
when any of their normalised surface forms are equal (singular and plural readings included);
a prediction matching only an optional gold concept is neutral; a second prediction of an
already matched gold concept is neutral; methods, tasks and datasets are pooled into "micro";
"proposed" and "code_urls" are scored on their own.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.records import Paper

TYPES = ("methods", "tasks", "datasets")


def normalise(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[-_/]", " ", folded)
    return " ".join(re.sub(r"[^a-z0-9+ ]", "", folded).split())


def surface_variants(name: str) -> set[str]:
    """The normalised name plus singular readings of its last word (processes -> process)."""
    normalised = normalise(name)
    variants = {normalised} if normalised else set()
    words = normalised.split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        last = words[-1]
        stems = [last[:-1]]
        if last.endswith("es"):
            stems.append(last[:-2])
        if last.endswith("ies"):
            stems.append(last[:-3] + "y")
        variants.update(" ".join([*words[:-1], stem]) for stem in stems)
    return variants


def concept_forms(concept: Any) -> set[str]:
    """All surface forms of a gold list, a predicted ``{"name", "aliases"}`` or a plain string."""
    if isinstance(concept, str):
        names = [concept]
    elif isinstance(concept, Mapping):
        names = [concept.get("name", ""), *(concept.get("aliases") or [])]
    else:
        names = list(concept)
    forms: set[str] = set()
    for name in names:
        if name:
            forms |= surface_variants(name)
    return forms


def normalise_url(url: str) -> str:
    url = url.strip().rstrip(".,;:)}]>'\"").lower()
    url = re.sub(r"^https?://", "", url)
    url = re.sub(r"^www\.", "", url)
    return url.rstrip("/")


def title_key(title: str) -> str:
    return re.sub(r"\W+", " ", title.lower()).strip()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "p": self.precision,
            "r": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True)
class Error:
    kind: str  # "FP" or "FN"
    type: str
    paper_id: str
    forms: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.kind} {self.type:8} {self.paper_id} {list(self.forms)}"


@dataclass
class Evaluation:
    scores: dict[str, Counts] = field(default_factory=dict)
    papers: int = 0
    missing: int = 0
    errors: list[Error] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {name: counts.as_dict() for name, counts in self.scores.items()}
        result["papers"] = self.papers
        result["papers_missing"] = self.missing
        return result


def score_concepts(
    gold: Mapping[str, Any], predicted: Mapping[str, Any], key: str
) -> tuple[Counts, list[Error]]:
    required = [concept_forms(c) for c in gold.get(key, [])]
    optional = [concept_forms(c) for c in gold.get(f"{key}_optional", [])]
    counts, errors, matched = Counts(), [], set()
    for prediction in predicted.get(key) or []:
        forms = concept_forms(prediction)
        if not forms:
            continue
        hits = [i for i, gold_forms in enumerate(required) if gold_forms & forms]
        fresh = [i for i in hits if i not in matched]
        if fresh:
            matched.add(fresh[0])
            counts.tp += 1
        elif hits or any(gold_forms & forms for gold_forms in optional):
            continue
        else:
            counts.fp += 1
            errors.append(Error("FP", key, str(gold.get("id")), tuple(sorted(forms))))
    counts.fn = len(required) - len(matched)
    for index, concept in enumerate(gold.get(key, [])):
        if index not in matched:
            errors.append(Error("FN", key, str(gold.get("id")), tuple(concept)))
    return counts, errors


def score_urls(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> Counts:
    expected = {normalise_url(url) for url in gold.get("code_urls", [])}
    found = {
        normalise_url(url if isinstance(url, str) else url.get("url", ""))
        for url in predicted.get("code_urls") or []
    }
    return Counts(len(expected & found), len(found - expected), len(expected - found))


def evaluate(gold: Iterable[Mapping[str, Any]], predictions: Iterable[Mapping[str, Any]]) -> Evaluation:
    """Score ``predictions`` (matched to gold by title, else by id) against ``gold``."""
    predictions = list(predictions)
    by_title = {title_key(p.get("title", "")): p for p in predictions}
    by_id = {p.get("id"): p for p in predictions}
    evaluation = Evaluation(scores={name: Counts() for name in (*TYPES, "micro", "proposed", "code_urls")})
    for record in gold:
        evaluation.papers += 1
        predicted = by_title.get(title_key(record.get("title", ""))) or by_id.get(record.get("id"))
        if predicted is None:
            evaluation.missing += 1
            predicted = {}
        for key in (*TYPES, "proposed"):
            counts, errors = score_concepts(record, predicted, key)
            evaluation.scores[key].add(counts)
            if key != "proposed":
                evaluation.scores["micro"].add(counts)
            evaluation.errors.extend(errors)
        evaluation.scores["code_urls"].add(score_urls(record, predicted))
    return evaluation


def evaluate_papers(gold: Iterable[Mapping[str, Any]], papers: Iterable[Paper]) -> Evaluation:
    """Extract ``papers`` with the default pipeline and score the result against ``gold``."""
    from kg.extract import concepts_json, extract_papers

    return evaluate(gold, (concepts_json(e, with_mentions=False) for e in extract_papers(papers)))


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
