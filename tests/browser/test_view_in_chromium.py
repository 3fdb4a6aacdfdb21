"""The HTML view in a real headless Chromium (Debian's chromium + chromium-driver, via Selenium).

`make test` installs both; without them these tests skip locally but fail in CI.
"""

import os
import shutil
import time
from pathlib import Path

import networkx
import pytest

from kg.index import INDEX_FILE, IndexWriter, LinkRow, NodeRow
from kg.view import index_graph, render_page

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://kg.example.org/id/"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()

if not HAVE_BROWSER and os.environ.get("CI"):
    pytest.fail("CI needs chromium and chromium-driver for the browser tests", pytrace=False)
pytestmark = pytest.mark.skipif(not HAVE_BROWSER, reason="chromium and chromium-driver are not installed")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path):
    browser.get(path.resolve().as_uri())
    for _ in range(50):
        if browser.execute_script("return typeof window.kgView === 'object'"):
            return
        time.sleep(0.1)
    pytest.fail("the page did not start")


def test_example_page_loads_offline_and_works(browser, example_build):
    page = example_build / "graph.html"
    open_page(browser, page)
    assert browser.get_log("browser") == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    graph = networkx.read_graphml(example_build / "graph.graphml")
    drawn = sum(1 for _, data in graph.nodes(data=True) if data["kind"] not in ("Author", "Category"))
    assert browser.execute_script("return kgView.nodes.length") == drawn
    found = browser.execute_script("return kgView.search('Gaussian processes')")
    assert found == "https://kg.example.org/id/method/gaussian-process"
    assert browser.execute_script("return kgView.network.getSelectedNodes()") == [found]
    details = browser.find_element("id", "details").text
    assert "Gaussian processes" in details
    if os.environ.get("KG_SCREENSHOT"):  # refresh the README picture: KG_SCREENSHOT=1 pytest tests/browser
        time.sleep(1)  # let the focus animation finish
        browser.save_screenshot(str(ROOT / "docs" / "graph-view.png"))
    before = browser.execute_script("return kgView.visibleNodes()")
    browser.find_element("css selector", "input[data-kind='Paper']").click()
    after = browser.execute_script("return kgView.visibleNodes()")
    assert before - after == sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "Paper")
    browser.find_element("id", "reset").click()
    assert browser.execute_script("return kgView.visibleNodes()") == before
    assert browser.find_element("id", "details").text == "Hover or click a node."
    browser.execute_script("kgView.search('Poseidon: Efficient Foundation Models for PDEs')")
    links = [a.get_attribute("href") for a in browser.find_elements("css selector", "#details a")]
    assert "https://github.com/camlab-ethz/poseidon" in links


def test_hostile_titles_run_nothing(browser, tmp_path):
    hostile = [
        "<script>window.__xss = 1</script>",
        '"><img src=x onerror="window.__xss = 2">',
        "`${window.__xss = 3}` \u202e emoji 🤖",
    ]
    index = IndexWriter(tmp_path / INDEX_FILE)
    code = "javascript:window.__xss=4"
    for number, title in enumerate(hostile):
        paper, method = f"{BASE}paper/t/{number}", f"{BASE}method/m{number}"
        index.add(NodeRow(paper, title, "Paper"))
        index.add(NodeRow(method, title, "Method", (title,), papers=1))
        index.add(LinkRow(paper, "usesMethod", method))
    index.add(NodeRow(code, code, "CodeRepository"))
    index.add(LinkRow(f"{BASE}paper/t/0", "hasCode", code))
    index.close()
    shown, left_out = index_graph(tmp_path)
    page, _ = render_page(shown, "<img src=x onerror='window.__xss=5'>", left_out)
    path = tmp_path / "hostile.html"
    path.write_text(page)
    open_page(browser, path)
    for index in range(len(hostile)):
        browser.execute_script(f"kgView.search({hostile[index]!r})")
    browser.execute_script("kgView.search('javascript')")
    assert browser.execute_script("return window.__xss === undefined")
    assert browser.find_elements("css selector", "#details a") == []
    assert browser.find_element("id", "title").text == "<img src=x onerror='window.__xss=5'>"
