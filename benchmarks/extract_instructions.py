"""Instructions per abstract, counted by callgrind: ``python benchmarks/extract_instructions.py``.

On a shared machine wall time moves by a fifth between runs of the same code; the number of
instructions the same work takes does not, so this is the figure to compare two versions of
the extractor by. Needs valgrind (``apt-get install valgrind``); takes about a minute.

The pipeline is loaded and run three times over the bundled examples uninstrumented (so caches
are warm, as in a long run), then callgrind counts the extraction of ``--papers`` replicated
abstracts, or with ``--tokenizer-only`` what a blank spaCy tokenizer does with the same texts.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=200)
    parser.add_argument("--tokenizer-only", action="store_true", help="count a blank tokenizer instead")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)  # the counted child's folder
    arguments = parser.parse_args()
    if arguments.worker:
        run_worker(arguments.worker, arguments.papers, arguments.tokenizer_only)
    else:
        instructions = count_instructions(arguments.papers, arguments.tokenizer_only)
        what = "blank tokenizer" if arguments.tokenizer_only else "extraction"
        print(f"{what}: {instructions / arguments.papers / 1e6:.3f} million instructions per abstract")


def count_instructions(papers: int, tokenizer_only: bool) -> int:
    """Run this script as a worker under callgrind, instrumented only while it extracts."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        output = work / "callgrind.out"
        command = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={output}",
            sys.executable, __file__, "--worker", str(work), "--papers", str(papers),
        ] + (["--tokenizer-only"] if tokenizer_only else [])  # fmt: skip
        environment = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set and dict layouts each run
        worker = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while not (work / "ready").exists():
            if worker.poll() is not None:
                sys.exit(f"the worker stopped before extracting:\n{worker.stderr.read().decode()}")
            time.sleep(0.2)
        subprocess.run(["callgrind_control", "--instr=on", str(worker.pid)], check=True, capture_output=True)
        (work / "go").touch()
        worker.wait()
        totals = [line for line in output.read_text().splitlines() if line.startswith("totals:")]
        return int(totals[0].split()[1])


def run_worker(work: Path, count: int, tokenizer_only: bool) -> None:
    import spacy

    from kg.extract import default_pipeline, extract_papers
    from kg.extract.pipeline import paper_text
    from kg.ingest import read_papers

    seeds = list(read_papers([EXAMPLES]))
    papers = [
        replace(p, id=f"{p.id}-{i}") for i, p in zip(range(count), itertools.cycle(seeds), strict=False)
    ]
    if tokenizer_only:
        tokenizer = spacy.blank("en").tokenizer
        texts = [paper_text(paper) for paper in papers]
        for _ in range(3):
            for text in texts[: len(seeds)]:
                tokenizer(text)
    else:
        nlp = default_pipeline()
        for _ in range(3):
            list(extract_papers(seeds, nlp))
    (work / "ready").touch()
    while not (work / "go").exists():
        time.sleep(0.05)
    if tokenizer_only:
        for text in texts:
            tokenizer(text)
    else:
        for _ in extract_papers(papers, nlp):
            pass
    os._exit(0)  # counted up to here: tearing down the lexicons is not extraction


if __name__ == "__main__":
    main()
