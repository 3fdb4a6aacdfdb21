"""How fast a large view is made and opened: ``python benchmarks/view_speed.py [--nodes 5000]``.

Builds a synthetic graph of papers linked to methods (about a quarter papers, four edges each),
times selection + layout + page rendering in Python, and, when Debian's chromium and
chromium-driver are installed, how long the page takes to be ready in headless Chromium.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx

from kg.view import positions, render_page, select_nodes


def synthetic_graph(nodes: int) -> networkx.MultiDiGraph:
    rng = random.Random(1)
    papers, methods = nodes * 3 // 10, nodes - nodes * 3 // 10
    graph = networkx.MultiDiGraph()
    for index in range(papers):
        graph.add_node(
            f"paper/t/{index}",
            kind="Paper",
            label=f"Paper {index}",
            title=f"Paper {index}",
            arxiv_id="",
            published="",
        )
    for index in range(methods):
        graph.add_node(f"method/m{index}", kind="Method", label=f"Method {index}", alt_labels=[], papers=1)
    for index in range(papers):
        for target in rng.sample(range(methods), 4):
            graph.add_edge(f"paper/t/{index}", f"method/m{target}", relation="usesMethod")
    return graph


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
    graph = synthetic_graph(arguments.nodes)
    started = time.perf_counter()
    shown, left_out = select_nodes(graph, max_nodes=arguments.nodes)
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
