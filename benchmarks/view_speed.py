"""How fast a large view is made and opened: ``python benchmarks/view_speed.py [--nodes 5000]``.

Writes a synthetic build index of papers linked to methods (a third papers, four edges each),
times selection from the index + layout + page rendering in Python, and, when Debian's chromium and
chromium-driver are installed, how long the page takes to be ready in headless Chromium.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from kg.index import INDEX_FILE, IndexWriter, LinkRow, NodeRow
from kg.view import index_graph, positions, render_page

BASE = "https://kg.example.org/id/"


def synthetic_index(nodes: int, folder: Path) -> Path:
    """An index of papers linked to methods: about a third papers, four methods each."""
    rng = random.Random(1)
    papers, methods = nodes * 3 // 10, nodes - nodes * 3 // 10
    index = IndexWriter(folder / INDEX_FILE)
    for number in range(papers):
        index.add(NodeRow(f"{BASE}paper/t/{number}", f"Paper {number}", "Paper"))
    for number in range(methods):
        index.add(NodeRow(f"{BASE}method/m{number}", f"Method {number}", "Method", papers=1))
    for number in range(papers):
        for target in rng.sample(range(methods), 4):
            index.add(LinkRow(f"{BASE}paper/t/{number}", "usesMethod", f"{BASE}method/m{target}"))
    index.close()
    return folder


def browser_ready_seconds(page: Path) -> float | None:
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""), options=options)
    try:
        started = time.perf_counter()
        driver.get(page.as_uri())
        while not driver.execute_script("return typeof window.kgView === 'object'"):
            time.sleep(0.02)
        return time.perf_counter() - started
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = synthetic_index(arguments.nodes, Path(scratch))
        started = time.perf_counter()
        shown, left_out = index_graph(folder, max_nodes=arguments.nodes)
    selected = time.perf_counter()
    positions(shown)
    laid_out = time.perf_counter()
    page, summary = render_page(shown, "benchmark", left_out)
    rendered = time.perf_counter()
    print(f"nodes / edges       {summary.nodes} / {summary.edges}")
    print(f"selection           {selected - started:6.2f} s")
    print(f"layout              {laid_out - selected:6.2f} s")
    print(f"page (incl. layout) {rendered - laid_out:6.2f} s, {len(page) // 1024} KB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "view.html"
        path.write_text(page)
        ready = browser_ready_seconds(path)
    print(f"ready in Chromium   {ready:6.2f} s" if ready is not None else "ready in Chromium   (no chromium)")


if __name__ == "__main__":
    main()
