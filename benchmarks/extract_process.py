"""Whole-process extraction speed: ``python benchmarks/extract_process.py [--papers 10000]``.

What a user waits for: ``kg extract FILE --format jsonl`` as a new process pinned to one core
(``taskset -c 0``), start-up, reading, extraction and output included. The bundled example papers
are replicated, each copy with its own title (so none is merged as a duplicate), into a JSON Lines
file of ``--papers`` abstracts, or ``--corpus`` names a JSON Lines file to read instead. In the
same rounds, alternated with it, a pinned process tokenizes the same texts with a blank spaCy
tokenizer: its rate (tokenizing alone, start-up excluded) is the floor any spaCy pipeline
starts from, and the ratio to it is the figure that carries from one machine to another.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TOKENIZE = """
import json, sys, time
import spacy
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
texts = [r["title"] + "\\n\\n" + r["abstract"] for r in records]
tokenizer = spacy.blank("en").tokenizer
started = time.perf_counter()
for text in texts:
    tokenizer(text)
print(len(texts) / (time.perf_counter() - started))
"""


def write_corpus(path: Path, papers: int) -> None:
    from kg.ingest import read_papers

    seeds = list(read_papers([EXAMPLES]))
    with path.open("w", encoding="utf-8") as handle:
        for index, paper in zip(range(papers), itertools.cycle(seeds), strict=False):
            record = {
                "id": f"copy-{index}",
                "title": f"{paper.title} (copy {index})",
                "abstract": paper.abstract,
            }
            handle.write(json.dumps(record) + "\n")


def pinned(command: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *command] if shutil.which("taskset") else command


def kg_seconds(corpus: Path) -> float:
    kg = shutil.which("kg") or str(Path(sys.executable).with_name("kg"))
    started = time.perf_counter()
    subprocess.run(
        pinned([kg, "extract", str(corpus), "--format", "jsonl"]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def tokenizer_rate(corpus: Path) -> float:
    result = subprocess.run(
        pinned([sys.executable, "-c", TOKENIZE, str(corpus)]), capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, help="a JSON Lines file of papers instead of the examples")
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds; the medians are printed")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        corpus = arguments.corpus or Path(folder) / "papers.jsonl"
        if arguments.corpus is None:
            write_corpus(corpus, arguments.papers)
        papers = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
        rates, floors = [], []
        for round_number in range(1, arguments.rounds + 1):
            seconds = kg_seconds(corpus)
            rates.append(papers / seconds)
            floors.append(tokenizer_rate(corpus))
            print(
                f"round {round_number}: kg extract {seconds:6.2f} s = {rates[-1]:6.0f} abstracts/s; "
                f"blank tokenizer {floors[-1]:6.0f}/s; ratio {rates[-1] / floors[-1]:.3f}",
                file=sys.stderr,
            )
    rate, floor = statistics.median(rates), statistics.median(floors)
    ratios = [kg / blank for kg, blank in zip(rates, floors, strict=True)]
    print(f"papers             {papers:8d}")
    print(f"kg extract         {rate:8.0f} abstracts/s, whole process on one core (median of {len(rates)})")
    print(f"blank tokenizer    {floor:8.0f} abstracts/s on the same texts")
    print(f"ratio              {statistics.median(ratios):8.3f} (range {min(ratios):.3f}-{max(ratios):.3f})")


if __name__ == "__main__":
    main()
