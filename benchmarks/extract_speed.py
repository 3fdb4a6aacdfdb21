"""Extraction throughput on one core: ``python benchmarks/extract_speed.py [--papers 10000]``.

The bundled example papers are replicated (with distinct ids) up to ``--papers`` abstracts and
run through the full extraction pipeline once; pipeline loading is timed separately.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from dataclasses import replace
from pathlib import Path

from kg.extract import default_pipeline, extract_papers
from kg.ingest import read_papers

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1: one core)")
    arguments = parser.parse_args()

    seeds = list(read_papers([EXAMPLES]))
    papers = [
        replace(paper, id=f"{paper.id}-{index}")
        for index, paper in zip(range(arguments.papers), itertools.cycle(seeds), strict=False)
    ]
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
    print(f"concepts found     {concepts:8d}")
    print(f"peak memory        {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
