"""Build the concept lexicons in ``ontology/lexicon/`` from public data.

Usage: ``python scripts/build_lexicon.py --data ../shared/data --out ontology/lexicon`` (``make lexicon``).

Each source contributes typed names with a weight (curated lists weigh more than single annotated
mentions). Names are grouped by a normalised key (case, hyphens, plural), typed by weighted vote,
and filtered for junk and over-generic entries. The output is one TSV per type with the preferred
label, the other names of the same concept and the sources that support it; it is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from wordfreq import zipf_frequency

from kg.extract.heads import type_by_head
from kg.extract.keys import concept_key
from kg.extract.lexicon import GENERIC_TERMS, GENERIC_WORDS, LEXICON_FILES
from kg.records import ConceptType

METHOD, TASK, DATASET = ConceptType.METHOD, ConceptType.TASK, ConceptType.DATASET

# A single lower-case word this frequent in general English is a word, not a concept name.
COMMON_WORD_ZIPF = 3.4
MAX_TOKENS = 7
# Leading words that make a mention a reference to something, not a name of it.
_REFERENTIAL = re.compile(
    r"^(?:our|this|these|those|that|their|its|his|her|such|other|novel|new|proposed|existing|previous|"
    r"various|several|many|most|some|any|each|every|all|both|same|standard|typical|conventional|"
    r"traditional|current|recent|state-of-the-art|popular|common|simple|general|different|several|"
    r"two|three|four|first|second|latter|former|above|following|corresponding|related)\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING_JUNK = re.compile(r"[\s.,;:!?()\[\]{}\"'`]+$")
_LEADING_JUNK = re.compile(r"^[\s.,;:!?()\[\]{}\"'`]+")
_BAD_END = re.compile(r"\b(?:of|for|and|or|with|in|on|to|by|from|the|a|an|via|using)$", re.IGNORECASE)
_BAD_START = re.compile(r"^(?:and|or|of|for|with|to|in|on|by|from|via|using|is|are|be)\b", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)?")
_PARTICIPLE_END = re.compile(r"[a-z](?<!e)ed$")
_ADJECTIVE_SUFFIX = re.compile(r"(?:ic|al|ive|ous|ary|ed|ible|able|less|ful)$")
# Curated lists: a single lower-case word is only a concept name when one of these lists it.
CURATED_SOURCES = frozenset(
    {
        "core",
        "pwc-methods",
        "pwc-links",
        "pwc-tasks",
        "pwc-datasets",
        "pwc-benchmarks",
        "sota-extractor",
        "tdmsci",
    }
)
CORE_FILE = Path(__file__).resolve().parents[1] / "ontology" / "lexicon" / "core.tsv"
# A core entry is checked by hand: its type and names are taken as written.
CORE_WEIGHT = 100.0
# Single lower-case task words at least this common ("reconstruction", "alignment") are too vague.
COMMON_TASK_WORD_ZIPF = 2.5


@dataclass
class Candidate:
    """All names seen for one normalised key, with typed weights and supporting sources."""

    names: Counter[str] = field(default_factory=Counter)
    votes: Counter[ConceptType] = field(default_factory=Counter)
    curated_votes: Counter[ConceptType] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)
    linked: set[str] = field(default_factory=set)


class Collector:
    def __init__(self) -> None:
        self.candidates: dict[str, Candidate] = defaultdict(Candidate)

    def add(
        self, name: str, concept_type: ConceptType, weight: float, source: str, key: str | None = None
    ) -> str | None:
        """File ``name`` under its own key, or under ``key`` when it is another name of that concept."""
        name = clean_name(name)
        if not name:
            return None
        key = key or concept_key(name)
        candidate = self.candidates[key]
        candidate.names[name] += 1
        candidate.votes[concept_type] += weight
        if source in CURATED_SOURCES:
            candidate.curated_votes[concept_type] += weight
        candidate.sources.add(source)
        return key

    def link(self, first: str | None, second: str | None) -> None:
        """Record that two keys name the same concept (an acronym and its long form)."""
        if first and second and first != second:
            self.candidates[first].linked.add(second)
            self.candidates[second].linked.add(first)


def clean_name(name: str) -> str:
    name = _PARENTHESIS.sub("", name.replace("_", " ").replace("\u00a0", " "))
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"\s*-\s*", "-", name) if " - " in name else name
    name = _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", name))
    name = _ARTICLE.sub("", name)
    return name.strip()


def acceptable(name: str, concept_type: ConceptType, sources: set[str]) -> bool:
    """Filter junk and over-generic names; keep technical terms and acronyms."""
    if "core" in sources:
        return True
    tokens = name.split()
    if not 2 <= len(name) <= 80 or len(tokens) > MAX_TOKENS:
        return False
    if not re.search(r"[A-Za-z]{2}", name) or re.search(r"[<>=|@#$%^*\\()\[\]]", name):
        return False
    if _BAD_END.search(name) or _BAD_START.match(name):
        return False
    curated_long_name = len(tokens) >= 3 and bool(sources & CURATED_SOURCES)
    if _REFERENTIAL.match(name) and not (curated_long_name and name[0].isupper()):
        return False  # "novel method" refers; a curated, title-case "Novel View Synthesis" names
    if name.startswith("-") or name.endswith("-"):
        return False  # a fragment of a hyphenated word ("-shot" of "5-shot")
    key = concept_key(name)
    if key in GENERIC_TERMS:
        return False
    if all(word in GENERIC_WORDS for word in key.split()) and not curated_long_name:
        return False
    if len(tokens) == 1:
        return acceptable_single_word(tokens[0], concept_type, sources)
    # A method or task named by a participle ("fully connected", "Data-Driven") is a description;
    # dataset variants may be ("TriviaQA unfiltered").
    return concept_type is DATASET or not _PARTICIPLE_END.search(name.lower())


def acceptable_single_word(word: str, concept_type: ConceptType, sources: set[str]) -> bool:
    """One word is a name when it looks like one (acronym, CamelCase, digits) or is rare and curated."""
    is_shaped = word.isupper() or any(c.isdigit() for c in word) or bool(re.search(r".[A-Z]", word))
    if is_shaped:
        return len(word) >= 2
    lower = word.lower()
    frequency = zipf_frequency(lower, "en")
    if len(word) < 4 or frequency >= COMMON_WORD_ZIPF or not sources & CURATED_SOURCES:
        return False
    if _ADJECTIVE_SUFFIX.search(lower):
        return False
    return not (concept_type is TASK and frequency >= COMMON_TASK_WORD_ZIPF)


# An undescribed Papers with Code method is still a method when this many papers use it and its
# full name has several words ("Graph Neural Network", "Deep Kernel Learning").
PWC_MIN_PAPERS = 10


def core_vocabulary(path: Path, collector: Collector) -> None:
    """The hand-kept core vocabulary (``core.tsv``): established techniques and problems that
    every ML reader knows and that no public list here names or types right (Adam,
    backpropagation, Markov chain Monte Carlo; PCA is a method, not a task)."""
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            concept_type = ConceptType(row["type"])
            key = collector.add(row["label"], concept_type, CORE_WEIGHT, "core")
            for alias in filter(None, (row["aliases"] or "").split("|")):
                collector.add(alias, concept_type, CORE_WEIGHT, "core", key=key)


def pwc_methods(data: Path, collector: Collector) -> None:
    """Papers with Code methods. A record without a description is often junk ("Focus", "Heatmap"):
    unless it is widely used and has a multi-word name, it counts as a mention only, so it needs
    another source to support it."""
    for record in json.loads((data / "pwc-methods" / "methods.json").read_text()):
        curated = len(record.get("description") or "") >= 30 or (
            (record.get("num_papers") or 0) >= PWC_MIN_PAPERS
            and len((record.get("full_name") or record["name"]).split()) >= 2
        )
        source = "pwc-methods" if curated else "pwc-methods-bare"
        keys = [
            collector.add(record[field_name], METHOD, 3 if curated else 1, source)
            for field_name in ("full_name", "name")
            if record.get(field_name)
        ]
        if len(keys) == 2:
            collector.link(*keys)


_PWC_LINK = re.compile(r"\[([^\]]{2,80})\]\(https?://paperswithcode\.com/(method|task|dataset)/[^)\s]+\)")
_PWC_LINK_TYPES = {"method": METHOD, "task": TASK, "dataset": DATASET}


def pwc_method_links(data: Path, collector: Collector) -> None:
    """Names linked to their Papers with Code pages inside the method descriptions: curated
    mentions of methods, tasks and datasets beyond the methods the file itself lists."""
    for record in json.loads((data / "pwc-methods" / "methods.json").read_text()):
        for text, kind in _PWC_LINK.findall(record.get("description") or ""):
            collector.add(text, _PWC_LINK_TYPES[kind], 2, "pwc-links")


def pwc_tasks(data: Path, collector: Collector) -> None:
    for line in (data / "pwc-tasks" / "data" / "all_tasks.txt").read_text().splitlines():
        collector.add(line.strip().strip('"'), TASK, 3, "pwc-tasks")
    for path in sorted((data / "pwc-tasks" / "results").glob("*/*_tasks_detailed.csv")):
        with path.open(newline="") as handle:
            for row in csv.DictReader(handle):
                for dataset in (row.get("Common Datasets (Top 10)") or "").split(";"):
                    if dataset.strip() and not dataset.strip().endswith("..."):
                        collector.add(dataset, DATASET, 2, "pwc-datasets")
                for benchmark in (row.get("Benchmarks") or "").split(";"):
                    name = benchmark_dataset(benchmark)
                    if name:
                        collector.add(name, DATASET, 1, "pwc-benchmarks")


# What a leaderboard adds to its dataset's name: the split ("COCO test-dev", "Cityscapes val"), a
# setting after a dash ("OMNIGLOT - 1-Shot, 20-way") or in parentheses ("GRID corpus (mixed-speech)").
_BENCHMARK_SPLIT = re.compile(r"\s+(?:test|val|valid|validation|dev|test-dev|test-std|train|testset)$", re.I)
_BENCHMARK_SETTING = re.compile(r"\s+-\s+.*$|\s*\([^()]*\)$")
_BENCHMARK_MAX_WORDS = 4


def benchmark_dataset(benchmark: str) -> str | None:
    """The dataset a Papers with Code leaderboard is on, or None for what is no dataset name
    ("N/A", symbols, a sentence describing the data, a lower-case description such as "2017
    test set": a leaderboard's dataset is written as a name, with a capital)."""
    name = _BENCHMARK_SETTING.sub("", benchmark.strip())
    name = _BENCHMARK_SPLIT.sub("", name).strip()
    letters = sum(char.isalpha() for char in name)
    if letters < 2 or name.upper() == "N/A" or len(name.split()) > _BENCHMARK_MAX_WORDS:
        return None
    return name if any(char.isupper() for char in name) else None


def sota_tasks(data: Path, collector: Collector) -> None:
    def walk(tasks: list[dict]) -> Iterator[dict]:
        for task in tasks:
            yield task
            yield from walk(task.get("subtasks") or [])

    for path in sorted((data / "sota-extractor-tasks").glob("*.json")):
        for task in walk(json.loads(path.read_text())):
            task_key = collector.add(task["task"], TASK, 3, "sota-extractor")
            for synonym in task.get("synonyms") or []:
                collector.link(task_key, collector.add(synonym, TASK, 2, "sota-extractor"))
            for dataset in task.get("datasets") or []:
                name = dataset.get("dataset", "")
                if len(name) <= 40:  # long values are result sentences, not names
                    collector.add(name, DATASET, 3, "sota-extractor")
    with (data / "sota-extractor-tasks" / "synonyms.csv").open(newline="") as handle:
        for row in csv.reader(handle, skipinitialspace=True):
            if row and row[0] != "task" and len(row) == 2:
                collector.link(
                    collector.add(row[0], TASK, 2, "sota-extractor"),
                    collector.add(row[1], TASK, 2, "sota-extractor"),
                )


_SCIREX_TYPES = {"Method": METHOD, "Task": TASK, "Material": DATASET}


def scirex(data: Path, collector: Collector) -> None:
    with (data / "scirex-train" / "entity_aliases_derived.tsv").open(newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            concept_type = _SCIREX_TYPES.get(row["type"])
            if concept_type is None:
                continue
            collector.add(row["canonical_name"], concept_type, 2, "scirex")
            for form in (row.get("surface_forms_with_counts") or "").split(" | "):
                match = re.match(r"(.+) \((\d+)\)$", form.strip())
                if match and int(match[2]) >= 2:
                    # surface forms are names of their own: SciREX clusters "MNIST" under
                    # "Sequential MNIST", so linking them would merge different concepts
                    collector.add(re.sub(r" ([-/]) ", r"\1", match[1]), concept_type, 1, "scirex")


def tdmsci(data: Path, collector: Collector) -> None:
    folder = data / "tdmsci"
    for line in (folder / "nlp-tdms-kb" / "taskKB.tsv").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            collector.add(parts[1], TASK, 3, "tdmsci")
    for line in (folder / "nlp-tdms-kb" / "datasetKB.tsv").read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            collector.add(re.sub(r"\s*\(.*\)$", "", parts[1]), DATASET, 3, "tdmsci")
    tags = {"TASK": TASK, "DATASET": DATASET}
    for path in sorted(folder.glob("*.conll")):
        units = [
            [line.split("\t") for line in block.splitlines()] for block in path.read_text().split("\n\n")
        ]
        for unit in units:
            for text, label in bio_spans([(row[0], row[-1]) for row in unit if len(row) >= 3]):
                if label in tags:
                    collector.add(text, tags[label], 1, "tdmsci")


def bio_spans(tokens: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Entity strings from BIO or BIOES tagged tokens."""
    words: list[str] = []
    label = ""
    for word, tag in [*tokens, ("", "O")]:
        prefix, _, kind = tag.partition("-")
        if words and (prefix in ("O", "B", "S") or kind != label):
            yield join_tokens(words), label
            words = []
        if prefix in ("B", "S") or (prefix in ("I", "E") and not words):
            words, label = [word], kind
        elif prefix in ("I", "E"):
            words.append(word)
        if prefix in ("E", "S") and words:
            yield join_tokens(words), label
            words = []


def join_tokens(words: list[str]) -> str:
    text = " ".join(words)
    return re.sub(r" ?([-/]) ?", r"\1", text)


# A name typed in the full texts of at least this many SciREX papers is a term of the field.
SCIREX_MIN_DOCUMENTS = 3


def scirex_mentions(data: Path, collector: Collector) -> None:
    """Typed mentions in the full texts of SciREX papers, kept when enough papers use them."""
    documents: Counter[tuple[str, ConceptType]] = Counter()
    with (data / "scirex-train" / "train_docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            words = document["words"]
            documents.update(
                {
                    (join_tokens(words[start:end]), _SCIREX_TYPES[label])
                    for start, end, label in document["ner"]
                    if label in _SCIREX_TYPES
                }
            )
    for (name, concept_type), count in sorted(
        documents.items(), key=lambda item: (item[0][0], item[0][1].value)
    ):
        if count >= SCIREX_MIN_DOCUMENTS:
            collector.add(name, concept_type, count, "scirex-mentions")


# A CSO topic is a curated name, but its type is only inferred from the head word: enough on its
# own for a problem ("optimal control"), not for a method, where CSO topics are often generic.
CSO_WEIGHT = {TASK: 2, METHOD: 1}


def cso_labels(data: Path, collector: Collector) -> None:
    """Computer Science Ontology topics, typed by their head word when it says method or task."""
    with (data / "cso-labels" / "concepts.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            label = row["Label"].strip()
            concept_type = type_by_head(label)
            if concept_type in (METHOD, TASK) and len(label.split()) >= 2:
                collector.add(label, concept_type, CSO_WEIGHT[concept_type], "cso")


_SCIERC_TYPES = {"Method": METHOD, "Task": TASK}


def scierc(data: Path, collector: Collector) -> None:
    for path in sorted((data / "scierc").glob("*.json")):
        for line in path.read_text().splitlines():
            document = json.loads(line)
            words = [word for sentence in document["sentences"] for word in sentence]
            for sentence_entities in document["ner"]:
                for start, end, label in sentence_entities:
                    if label in _SCIERC_TYPES:
                        collector.add(join_tokens(words[start : end + 1]), _SCIERC_TYPES[label], 1, "scierc")


_CS_NER_TYPES = {"METHOD": METHOD, "RESEARCH_PROBLEM": TASK, "DATASET": DATASET}


def cs_ner(data: Path, collector: Collector) -> None:
    folder = data / "cs-ner-contributions"
    for sub in ("pwc", "acl", "ftd", "ncg", "scierc"):
        for path in sorted((folder / sub).glob("*.data")):
            for block in path.read_text(encoding="utf-8", errors="replace").split("\n\n"):
                rows = [line.split("\t") for line in block.splitlines() if "\t" in line]
                for text, label in bio_spans([(row[0], row[-1]) for row in rows]):
                    if label in _CS_NER_TYPES:
                        collector.add(text, _CS_NER_TYPES[label], 1, "cs-ner")


@dataclass(frozen=True)
class Entry:
    type: ConceptType
    label: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    weight: float


MIN_WEIGHT = 2.0
# The head word ("... sampling", "... segmentation") is evidence of the type worth this much.
HEAD_NOUN_WEIGHT = 2.0


def entries(collector: Collector) -> list[Entry]:
    """Type each key by weighted vote, pick its label, fold linked keys in as aliases."""
    result = []
    for candidate in collector.candidates.values():
        if sum(candidate.votes.values()) < MIN_WEIGHT or not trusted(candidate):
            continue
        concept_type, weight = decide_type(candidate)
        names = [
            name
            for name, _ in candidate.names.most_common()
            if acceptable(name, concept_type, candidate.sources)
        ]
        if not names:
            continue
        label = preferred_label(names)
        aliases = {name for name in names if name != label}
        for other in sorted(candidate.linked):
            linked = collector.candidates.get(other)
            if linked and max(linked.votes, key=lambda t: linked.votes[t]) == concept_type:
                aliases.update(
                    name
                    for name in linked.names
                    if is_acronym(name) and acceptable(name, concept_type, linked.sources)
                )
        aliases.discard(label)
        result.append(
            Entry(concept_type, label, tuple(sorted(aliases)), tuple(sorted(candidate.sources)), weight)
        )
    return sorted(
        series_families(fold_acronyms(result)),
        key=lambda entry: (entry.type.value, concept_key(entry.label), entry.label),
    )


# Sources that name concepts on purpose (curated lists, SciREX's canonical entity names); names
# seen only as annotated mentions or ontology topics are too often generic phrases to match alone.
NAMING_SOURCES = CURATED_SOURCES | {"scirex"}
MENTION_SOURCES = frozenset({"scirex-mentions", "scierc", "cs-ner", "pwc-methods-bare"})
MIN_MENTION_SOURCES = 3
# Annotated this often as an entity, a name is established even if no curated list has it.
MIN_ANNOTATIONS = 10


def trusted(candidate: Candidate) -> bool:
    """Listed by a naming source, independently annotated in several corpora, or annotated often."""
    return (
        bool(candidate.sources & NAMING_SOURCES)
        or len(candidate.sources) >= MIN_MENTION_SOURCES
        or (bool(candidate.sources & MENTION_SOURCES) and sum(candidate.votes.values()) >= MIN_ANNOTATIONS)
    )


def decide_type(candidate: Candidate) -> tuple[ConceptType, float]:
    """A name whose head is a thing ("... models", "... benchmark") is that thing; otherwise
    curated lists decide, then the head word, then the vote of every source."""
    if "core" in candidate.sources:
        return max(candidate.curated_votes.items(), key=lambda item: (item[1], item[0].value))
    head_type = type_by_head(candidate.names.most_common(1)[0][0])
    if head_type in (METHOD, DATASET) and is_thing_head(candidate.names.most_common(1)[0][0]):
        return head_type, candidate.votes[head_type] + HEAD_NOUN_WEIGHT
    if candidate.curated_votes:
        votes = candidate.curated_votes
    elif head_type is not None:
        return head_type, candidate.votes[head_type] + HEAD_NOUN_WEIGHT
    else:
        votes = candidate.votes
    return max(votes.items(), key=lambda item: (item[1], item[0].value))


_THING_HEADS = frozenset(
    "model models network networks net nets dataset datasets benchmark benchmarks corpus corpora".split()
)


def is_thing_head(name: str) -> bool:
    """Heads that name an artefact, never a problem: a "language model" is not a task."""
    words = name.lower().split()
    return bool(words) and words[-1] in _THING_HEADS


def initials(name: str) -> str:
    """ "convolutional neural network" -> "CNN" (hyphenated parts count as words)."""
    return "".join(part[0] for part in re.split(r"[\s\-/]+", name) if part).upper()


def fold_acronyms(found: list[Entry]) -> list[Entry]:
    """An acronym entry ("CNN") whose letters are the initials of exactly one entry of the same
    type ("convolutional neural network") becomes an alias of it, so both names are one concept."""
    by_initials: dict[tuple[ConceptType, str], list[Entry]] = defaultdict(list)
    for entry in found:
        if not is_acronym(entry.label) and len(entry.label.split()) >= 2:
            by_initials[(entry.type, initials(entry.label))].append(entry)
    merged: dict[int, set[str]] = defaultdict(set)
    folded: set[int] = set()
    for position, entry in enumerate(found):
        if not is_acronym(entry.label):
            continue
        core = re.sub(r"(?<=[A-Z0-9])s$", "", entry.label).upper()
        matches = by_initials.get((entry.type, core), [])
        if len(matches) == 1:
            merged[id(matches[0])].update({entry.label, *entry.aliases})
            folded.add(position)
    return [
        replace(entry, aliases=tuple(sorted(set(entry.aliases) | merged[id(entry)])))
        if id(entry) in merged
        else entry
        for position, entry in enumerate(found)
        if position not in folded
    ]


# A name of a model or benchmark in a series: the family, then a version, size or variant
# ("CIFAR-100", "ResNet-50", "SQuAD 2.0", "WMT 2014", "GPT-3", "BERT-large", "YOLOv3").
_SERIES_MEMBER = re.compile(
    r"^(?P<family>.*?[A-Za-z].*?)(?:[\s\-_]?[vV]?\d+(?:\.\d+)*[a-z]?|[\s\-_]?\d+(?:\.\d+)?[KMBT]|"
    r"[\s\-_](?i:base|large|small|tiny|mini|medium|huge|xl|xxl|lite))$"
)


def is_name_shaped(name: str) -> bool:
    """A proper name rather than a word: a capital past the first letter that does not merely
    open a hyphenated part ("ResNet", "CIFAR", not "Multi-Scale"), no part a single letter
    ("Flan-T" is a cut "Flan-T5"), and not a common English word in capitals ("ATOM")."""
    if " " in name or len(name) < 3:
        return False
    if name.isupper() and zipf_frequency(name.lower(), "en") >= COMMON_WORD_ZIPF:
        return False
    if any(len(part) < 2 for part in re.split(r"[-_]", name)):
        return False
    return any(char.isupper() and name[index - 1] != "-" for index, char in enumerate(name) if index)


def series_families(found: list[Entry]) -> list[Entry]:
    """The family names of methods and datasets the lexicon lists only with a version or size
    ("ResNet" from "ResNet-50" and "ResNet-101", "SQuAD" from "SQuAD 2.0"): papers often write
    the family alone. Only name-shaped families that name nothing else of any type are added."""
    taken = {concept_key(name) for entry in found for name in (entry.label, *entry.aliases)}
    families: dict[tuple[ConceptType, str], Counter[str]] = defaultdict(Counter)
    weights: dict[tuple[ConceptType, str], float] = {}
    for entry in found:
        if entry.type is TASK:
            continue
        for name in (entry.label, *entry.aliases):
            match = _SERIES_MEMBER.match(name)
            family = match["family"].rstrip(" -_") if match else ""
            key = concept_key(family)
            if is_name_shaped(family) and key not in taken and key not in GENERIC_TERMS:
                families[(entry.type, key)][family] += 1
                weights[(entry.type, key)] = min(weights.get((entry.type, key), entry.weight), entry.weight)
    by_key: dict[str, list[tuple[ConceptType, str]]] = defaultdict(list)
    for concept_type, key in families:
        by_key[key].append((concept_type, key))
    added = [
        Entry(typed[0][0], families[typed[0]].most_common(1)[0][0], (), ("series",), weights[typed[0]])
        for typed in by_key.values()
        if len(typed) == 1  # a family both method and dataset names is left out
    ]
    return found + added


def preferred_label(names: list[str]) -> str:
    """The most frequent spelling, preferring one that is not all lower case when tied."""
    return names[0]


def is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9\-]{2,12}", name)) and sum(c.isupper() for c in name) >= 2


def write(entries_: list[Entry], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for concept_type, filename in LEXICON_FILES.items():
        rows = [entry for entry in entries_ if entry.type is concept_type]
        with (out / filename).open("w", newline="") as handle:
            handle.write("label\taliases\tsources\tweight\n")
            for entry in rows:
                handle.write(
                    f"{entry.label}\t{'|'.join(entry.aliases)}\t{','.join(entry.sources)}\t{entry.weight:g}\n"
                )
        print(f"{filename}: {len(rows)} entries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with the public data sets")
    parser.add_argument("--out", type=Path, required=True, help="where to write the lexicon TSVs")
    parser.add_argument("--core", type=Path, default=CORE_FILE, help="the hand-kept core vocabulary")
    arguments = parser.parse_args()
    collector = Collector()
    core_vocabulary(arguments.core, collector)
    for source in (
        pwc_methods,
        pwc_method_links,
        pwc_tasks,
        sota_tasks,
        scirex,
        scirex_mentions,
        tdmsci,
        scierc,
        cs_ner,
        cso_labels,
    ):
        source(arguments.data, collector)
    write(entries(collector), arguments.out)


if __name__ == "__main__":
    main()
