"""Extraction throughput on one core: ``python benchmarks/extract_speed.py [--papers 10000]``.

The bundled example papers are replicated (with distinct ids) up to ``--papers`` abstracts, or
``--corpus`` names any input ``kg`` reads (a generated corpus has fresh words, which spaCy's
tokenizer cache has not seen), and run through the full extraction pipeline once; pipeline
loading is timed separately. A blank spaCy tokenizer on the same texts gives the floor that
any spaCy pipeline on this machine starts from.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from dataclasses import replace
from pathlib import Path

import spacy

from kg.extract import default_pipeline, extract_papers
from kg.extract.pipeline import paper_text
from kg.ingest import read_papers

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1: one core)")
    parser.add_argument("--corpus", type=Path, help="papers to extract instead of the replicated examples")
    arguments = parser.parse_args()

    seeds = list(read_papers([arguments.corpus or EXAMPLES]))
    papers = [
        replace(paper, id=f"{paper.id}-{index}")
        for index, paper in zip(range(arguments.papers), itertools.cycle(seeds), strict=False)
    ]
    tokenizer_rate = blank_tokenizer_rate(papers)
    started = time.perf_counter()
    nlp = default_pipeline()
    loaded = time.perf_counter()
    cpu_started = time.process_time()
    concepts = sum(
        len(extraction.concepts)
        for extraction in extract_papers(papers, nlp, batch_size=arguments.batch_size, jobs=arguments.jobs)
    )
    finished = time.perf_counter()
    cpu_seconds = time.process_time() - cpu_started
    seconds = finished - loaded
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline load      {loaded - started:8.2f} s")
    print(f"papers             {len(papers):8d}")
    print(f"extraction         {seconds:8.2f} s")
    print(f"throughput         {len(papers) / seconds:8.0f} abstracts/s ({arguments.jobs} process(es))")
    if arguments.jobs == 1:  # worker processes' CPU time is not counted here
        per_cpu_second = len(papers) / cpu_seconds
        print(f"CPU time           {cpu_seconds:8.2f} s = {per_cpu_second:.0f} abstracts per CPU-second")
    print(f"blank tokenizer    {tokenizer_rate:8.0f} abstracts/s on the same texts (the floor)")
    print(f"concepts found     {concepts:8d}")
    print(f"peak memory        {peak_mb:8.0f} MB")


def blank_tokenizer_rate(papers: list) -> float:
    """Abstracts per second of a fresh blank English tokenizer, one pass as extraction makes."""
    tokenizer = spacy.blank("en").tokenizer
    texts = [paper_text(paper) for paper in papers]
    started = time.perf_counter()
    for text in texts:
        tokenizer(text)
    return len(texts) / (time.perf_counter() - started)


if __name__ == "__main__":
    main()
