"""Build throughput, memory, store size and query latency at growing corpus sizes.

``python benchmarks/scale.py --sizes 10000 100000 [--jobs 2]`` (``make bench`` runs it) generates
each corpus with ``generate_corpus.py`` (cached in ``--results``), builds it with ``kg build`` in a
child process, and writes ``scale.md`` (a Markdown table) and ``scale.json`` to ``--results``.
Peak memory is the build process's own (``wait4``), with its extraction workers measured apart.
``--add N`` then times ``kg add`` of N further generated papers to each build, the same way.
Each row also gives triples and bytes on disk per paper, and the build's rate as a ratio to a
one-core blank spaCy tokenizer timed over the same texts right after it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract_process import tokenizer_rate  # noqa: E402
from generate_corpus import papers as generated_papers  # noqa: E402

from kg.rdf.prefixes import PREFIXES  # noqa: E402
from kg.rdf.store import store_location  # noqa: E402

KG = [sys.executable, "-m", "kg.cli"]
QUERIES = ROOT / "ontology" / "queries"


def corpus(size: int, results: Path) -> Path:
    path = results / f"corpus-{size}.jsonl"
    if not path.exists():
        with open(path.with_suffix(".tmp"), "w", encoding="utf-8") as handle:
            for paper in generated_papers(size, seed=0):
                handle.write(json.dumps(paper, ensure_ascii=False) + "\n")
        path.with_suffix(".tmp").rename(path)
    return path


def added_corpus(size: int, added: int, results: Path) -> Path:
    """The ``added`` papers the generator writes after the first ``size``: new to that build."""
    path = results / f"corpus-{size}-plus-{added}.jsonl"
    if not path.exists():
        with open(path.with_suffix(".tmp"), "w", encoding="utf-8") as handle:
            for paper in itertools.islice(generated_papers(size + added, seed=0), size, None):
                handle.write(json.dumps(paper, ensure_ascii=False) + "\n")
        path.with_suffix(".tmp").rename(path)
    return path


def measured_build(source: Path, output: Path, jobs: int, formats: str) -> dict:
    """Run ``kg build --json`` and return its summary with wall time, peak memory, the build's
    size on disk and, measured right after it, a one-core blank spaCy tokenizer's rate over the
    same texts (the floor the ratio is taken to)."""
    shutil.rmtree(output, ignore_errors=True)
    arguments = ["build", str(source), "-o", str(output), "--jobs", str(jobs), "--formats", formats]
    summary = measured_kg(arguments)
    summary["disk_mb"] = folder_mb(output)
    summary["blank_tokenizer_rate"] = tokenizer_rate(source)
    return summary


def measured_kg(arguments: list[str]) -> dict:
    """Run ``kg ARGUMENTS --json`` in a child process: its summary, wall time and peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen([*KG, *arguments, "--json"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"kg {' '.join(arguments)} failed (status {status})")
    summary = json.loads(stdout)
    summary["wall_seconds"] = time.perf_counter() - started
    summary["peak_mb"] = usage.ru_maxrss / 1024
    os.sync()  # write the build out now, so disk writeback does not slow the query timings
    return summary


def median_seconds(run, repeat: int) -> float:
    """The median of ``repeat`` timed runs, after one untimed run that warms the caches."""
    run()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def first_value(store: pyoxigraph.Store, query: str) -> str:
    return next(iter(store.query(query, prefixes=PREFIXES)))[0].value


def concepts_to_ask(store: pyoxigraph.Store) -> dict[str, dict[str, str]]:
    """Per type, the label of the most mentioned concept (the worst case for a query bound to
    one concept) and of a typical one (the median mention count among concepts in 2+ papers)."""
    query = "SELECT ?l ?n WHERE { ?c a kg:%s ; skos:prefLabel ?l ; kg:paperCount ?n } ORDER BY DESC(?n) ?l"
    chosen: dict[str, dict[str, str]] = {"most mentioned": {}, "typical": {}}
    for kind in ("Method", "Task", "Dataset"):
        rows = store.query(query % kind, prefixes=PREFIXES)
        ranked = [(row["l"].value, int(row["n"].value)) for row in rows]
        shared = [entry for entry in ranked if entry[1] >= 2] or ranked
        chosen["most mentioned"][kind] = ranked[0][0]
        chosen["typical"][kind] = shared[len(shared) // 2][0]
    return chosen


_LABEL = re.compile(r'skos:prefLabel "[^"]*" ; a kg:(\w+)')
_ARXIV_ID = re.compile(r'kg:arxivId "[^"]*"')


def bound_to(text: str, labels: dict[str, str], arxiv_id: str) -> str:
    """An example query asked about the given concepts (by type) and paper instead of its own."""
    text = _LABEL.sub(lambda match: f'skos:prefLabel "{labels[match[1]]}" ; a kg:{match[1]}', text)
    return _ARXIV_ID.sub(f'kg:arxivId "{arxiv_id}"', text)


def query_latencies(output: Path) -> dict[str, dict[str, float]]:
    """Median seconds, for the most mentioned and for typical concepts: ``kg neighbors`` as a
    whole process, and each example query in process (with a paper that uses the method)."""
    store = pyoxigraph.Store.read_only(str(store_location(output)))
    paper_query = 'SELECT ?id WHERE { ?c skos:prefLabel "%s" . ?p kg:usesMethod ?c ; kg:arxivId ?id } LIMIT 1'
    latencies: dict[str, dict[str, float]] = {}
    for scenario, labels in concepts_to_ask(store).items():
        arxiv_id = first_value(store, paper_query % labels["Method"])
        neighbors = [*KG, "neighbors", labels["Method"], "--type", "method", "--store", str(output), "--json"]
        found = {
            "kg neighbors (process)": median_seconds(
                lambda neighbors=neighbors: subprocess.run(neighbors, check=True, capture_output=True), 5
            )
        }
        for path in sorted(QUERIES.glob("*.rq")):
            text = bound_to(path.read_text(encoding="utf-8"), labels, arxiv_id)
            found[path.stem] = median_seconds(lambda text=text: list(store.query(text, prefixes=PREFIXES)), 3)
        latencies[scenario] = found
    return latencies


def folder_mb(path: Path) -> float:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file()) / 2**20


def row(
    size: int, summary: dict, latencies: dict[str, dict[str, float]], store_mb: float, added: dict | None
) -> dict:
    stages = summary["stages"]
    entry = {
        "papers": size,
        "build papers/s": size / summary["wall_seconds"],
        **{f"{stage} papers/s": size / seconds for stage, seconds in stages.items() if seconds > 0},
        "peak MB": summary["peak_mb"],
        "triples": summary["triples"],
        "triples/paper": f"{summary['triples'] / size:.1f}",
        "disk KB/paper": f"{summary.get('disk_mb', 0) * 1024 / size:.1f}",
        "store MB": store_mb,
    }
    if "blank_tokenizer_rate" in summary:
        entry["blank tokenizer papers/s (one core)"] = summary["blank_tokenizer_rate"]
        ratio = entry["build papers/s"] / summary["blank_tokenizer_rate"]
        entry["build / blank tokenizer"] = f"{ratio:.3f}"
    if added is not None:
        entry[f"kg add {added['added']:,} s"] = added["wall_seconds"]
        entry["kg add peak MB"] = added["peak_mb"]
        entry["kg add"] = f"whole export: {added['not_in_place']}" if "not_in_place" in added else "in place"
        entry["kg add stages s"] = added.get("stages", {})  # in scale.json only
    for scenario, found in latencies.items():
        entry[f"kg neighbors ms ({scenario})"] = found.pop("kg neighbors (process)") * 1000
        queries = {name: seconds * 1000 for name, seconds in found.items()}
        entry[f"slowest example query ms ({scenario})"] = max(queries.values())
        entry[f"example queries ms ({scenario})"] = queries
    return entry


def markdown(rows: list[dict]) -> str:
    columns = [key for key, value in rows[0].items() if not isinstance(value, dict)]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for entry in rows:
        cells = [f"{entry[c]:,.0f}" if isinstance(entry[c], float | int) else str(entry[c]) for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--formats",
        default="all",
        help="kg build --formats: 'none' keeps a 1M-paper build within ~45 GB of disk",
    )
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument(
        "--reuse-builds",
        action="store_true",
        help="time the queries of builds already measured in --results instead of building again",
    )
    parser.add_argument(
        "--add",
        type=int,
        default=0,
        help="after the queries, time kg add of this many further generated papers to each build",
    )
    arguments = parser.parse_args()
    arguments.results.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in arguments.sizes:
        source = corpus(size, arguments.results)
        output = arguments.results / f"build-{size}"
        measured = arguments.results / f"build-{size}.json"  # kept, so a later step can fail safely
        reused = arguments.reuse_builds and measured.exists() and output.exists()
        if reused:
            summary = json.loads(measured.read_text())
        else:
            summary = measured_build(source, output, arguments.jobs, arguments.formats)
            measured.write_text(json.dumps(summary, indent=2))
        latencies, store_mb = query_latencies(output), folder_mb(store_location(output))
        added = None
        if arguments.add and not reused:  # last: the build then holds the added papers too
            more = added_corpus(size, arguments.add, arguments.results)
            added = measured_kg(["add", str(more), "-o", str(output), "--jobs", str(arguments.jobs)])
            added["added"] = arguments.add
        rows.append(row(size, summary, latencies, store_mb, added))
        print(markdown(rows[-1:]), flush=True)
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, --jobs {arguments.jobs}"
    machine += f", --formats {arguments.formats}"
    (arguments.results / "scale.json").write_text(json.dumps({"machine": machine, "rows": rows}, indent=2))
    (arguments.results / "scale.md").write_text(f"Machine: {machine}\n\n{markdown(rows)}")
    print(markdown(rows))


if __name__ == "__main__":
    main()
