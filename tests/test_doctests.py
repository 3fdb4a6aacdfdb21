"""Every example written in a docstring of kg runs, and holds.

doctest does not see into compiled modules (their functions are builtins to it), and pytest's
--doctest-modules collects files, which a compiled rule module is not: so the modules are
imported from their sources (``KG_PURE_PYTHON=1``) in a process of their own, and each one's
docstrings are run with doctest.
"""

import json
import os
import subprocess
import sys

RUN_ALL = """
import doctest, importlib, json, pkgutil, kg
results = {}
for _, name, _ in pkgutil.walk_packages(kg.__path__, "kg."):
    if name.endswith("__main__"):
        continue
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, name):
        runner.run(test, out=lambda text: None)
    if runner.tries:
        results[name] = [runner.tries, runner.failures]
print(json.dumps(results))
"""


def test_the_docstring_examples_of_every_module_hold():
    env = {**os.environ, "KG_PURE_PYTHON": "1"}
    done = subprocess.run(
        [sys.executable, "-c", RUN_ALL], env=env, capture_output=True, text=True, check=True
    )
    results = json.loads(done.stdout)
    failing = {name: failures for name, (_, failures) in results.items() if failures}
    assert not failing, f"docstring examples fail in {failing}"
    # the compiled rule modules' examples are among those run, not silently skipped
    assert {"kg.extract.keys", "kg.extract.gazetteer", "kg.ingest.text"} <= set(results)
    assert sum(tries for tries, _ in results.values()) >= 26
