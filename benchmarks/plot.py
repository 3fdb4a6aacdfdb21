"""Plot ``scale.json`` (written by ``scale.py``) as ``scale.png``: throughput per stage, peak
memory and query latency against corpus size.

``python benchmarks/plot.py [benchmarks/results/scale.json]``; ``make bench`` runs it after
``scale.py``. Needs matplotlib (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on a build machine
import matplotlib.pyplot as plt

RESULTS = Path(__file__).resolve().parent / "results"
THROUGHPUT_SUFFIX = " papers/s"
SCENARIOS = ("most mentioned", "typical")


def plot(results: dict, path: Path) -> None:
    rows = sorted(results["rows"], key=lambda row: row["papers"])
    sizes = [row["papers"] for row in rows]
    figure, (throughput, memory, latency) = plt.subplots(1, 3, figsize=(16, 5), layout="constrained")

    for key in (key for key in rows[0] if key.endswith(THROUGHPUT_SUFFIX)):
        throughput.plot(
            sizes, [row[key] for row in rows], marker="o", label=key.removesuffix(THROUGHPUT_SUFFIX)
        )
    throughput.set(title="Throughput per stage", ylabel="papers / s", yscale="log")
    throughput.legend(fontsize="small")

    memory.plot(sizes, [row["peak MB"] for row in rows], marker="o", label="peak memory of kg build")
    memory.plot(sizes, [row["store MB"] for row in rows], marker="s", label="store on disk")
    memory.set(title="Memory and store size", ylabel="MB")
    memory.legend(fontsize="small")

    for scenario in SCENARIOS:
        latency.plot(
            sizes,
            [row[f"kg neighbors ms ({scenario})"] for row in rows],
            marker="o",
            label=f"kg neighbors, {scenario} concept",
        )
        latency.plot(
            sizes,
            [row[f"slowest example query ms ({scenario})"] for row in rows],
            marker="s",
            linestyle="--",
            label=f"slowest example query, {scenario} concept",
        )
    latency.set(title="Query latency", ylabel="ms", yscale="log")
    latency.legend(fontsize="small")

    for axes in (throughput, memory, latency):
        axes.set(xlabel="papers", xscale="log")
        axes.grid(True, which="both", alpha=0.3)
    figure.suptitle(f"kg at growing corpus sizes ({results['machine']})")
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, nargs="?", default=RESULTS / "scale.json")
    arguments = parser.parse_args()
    output = arguments.results.with_suffix(".png")
    plot(json.loads(arguments.results.read_text(encoding="utf-8")), output)
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
