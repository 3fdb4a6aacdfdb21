"""Build: the extraction rules are compiled to C with mypyc, which runs them about twice as fast,
and the helpers that read spaCy's C structures (``kg/extract/_spacy_native.pyx``) with Cython.

The rule modules are plain, type-annotated Python; mypyc turns each into an extension module
next to its source. ``KG_PURE_PYTHON=1`` (or a failed C build) installs them uncompiled, and
``kg.extract.native`` then uses spaCy's public API instead, with identical results. Everything else is in
``pyproject.toml``.
"""

import importlib.util
import json
import os
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py


def freshness_module():
    """``kg/extract/freshness.py`` read on its own (importing the package would import spaCy)."""
    spec = importlib.util.spec_from_file_location("freshness", Path("kg", "extract", "freshness.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


freshness = freshness_module()
# The per-paper rules; kg.extract.pipeline (process pools, spaCy's loader) gains nothing from it.
COMPILED = freshness.COMPILED_RULES


def compiled_rules() -> list:
    from mypyc.build import mypycify

    sources = [str(Path("kg", "extract", f"{name}.py")) for name in COMPILED]
    # Imported project modules are read for their types, not checked; installed packages are not
    # read at all (their objects are Any), so a build does not depend on what else is installed.
    options = ["--no-site-packages", "--ignore-missing-imports", "--follow-imports=silent"]
    return mypycify([*options, *sources], opt_level="3", group_name="kg_rules")


def compiled_spacy_helpers() -> list:
    """Built against the spaCy of this build (they read spaCy's .pxd declarations), and used by
    kg.extract.native only with that same version."""
    import numpy
    import spacy
    from Cython.Build import cythonize

    extension = Extension(
        "kg.extract._spacy_native",
        [str(Path("kg", "extract", "_spacy_native.pyx"))],
        language="c++",
        include_dirs=[numpy.get_include()],
        define_macros=[("KG_SPACY_VERSION", f'"{spacy.__version__}"')],
    )
    return cythonize([extension], include_path=[str(Path(spacy.__file__).parent.parent)], quiet=True)


def extensions() -> list:
    if os.environ.get("KG_PURE_PYTHON"):
        return []
    built = compiled_rules() + compiled_spacy_helpers()
    # What the extensions are compiled from: kg.extract imports a module from its source when
    # the source no longer matches (kg/extract/freshness.py).
    digests = json.dumps(freshness.source_digests(), indent=1, sort_keys=True)
    freshness.COMPILED_DIGESTS.write_text(digests + "\n")
    for extension in built:
        extension.optional = True  # no C compiler: the modules stay pure Python
    return built


# What kg reads at run time from the top-level ontology/ (kg.resources), copied into the package.
ONTOLOGY_FILES = ("kg.ttl", "shapes.ttl", "queries/*.rq", "lexicon/*.tsv", "lexicon/words/*.txt")


class BuildWithOntology(build_py):
    """Puts a copy of ``ontology/`` into the built package as ``kg/ontology/``, so that a wheel
    carries it; an editable install reads the checkout's own folder instead."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for pattern in ONTOLOGY_FILES:
            for source in sorted(Path("ontology").glob(pattern)):
                target = Path(self.build_lib, "kg", source)
                self.mkpath(str(target.parent))
                self.copy_file(str(source), str(target))


setup(ext_modules=extensions(), cmdclass={"build_py": BuildWithOntology})
