import os
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import native
from kg.extract.pipeline import paper_text
from kg.ingest import read_papers

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STOCK = spacy.blank("en").tokenizer  # spaCy's own tokenizer, the reference

# Special cases, affixes and infixes around them, URLs: what spaCy's cache and rules meet.
TRICKY = [
    "We use baselines, e.g. BERT, i.e. a Transformer; it cannot fail (e.g., on GLUE).",
    "Don't they? (i.e.: no) vs. others... and/or 3.5x faster at github.com/org/repo.",
    "E.g. U.S. data, approx. 10 %: see https://example.org/a_b-c (Fig. 2) etc.",
    # whitespace: runs, tabs, newlines, unicode spaces, at either end, alone
    "  Two  spaces,\ttab\t\tand\nnew lines\n\n\u00a0nbsp\u2009thin\u3000wide  ",
    " ",
    "   ",
    "\n",
    "word ",
    " word",
    "a \n b",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [paper_text(paper) for paper in read_papers([EXAMPLES])] + TRICKY


def tokens(doc) -> list[tuple[str, int, str, str]]:
    return [(token.text, token.idx, token.whitespace_, token.norm_) for token in doc]


def test_the_pipeline_tokenizes_exactly_as_spacy_on_every_pass(nlp, texts):
    for _ in range(3):  # later passes read the caches the first pass filled
        for text in texts:
            assert tokens(nlp.tokenizer(text)) == tokens(STOCK(text)), text[:60]


@pytest.mark.skipif(bool(os.environ.get("KG_PURE_PYTHON")), reason="installed uncompiled on purpose")
def test_the_pipeline_uses_the_compiled_chunk_caching_tokenizer(nlp):
    assert native.COMPILED, "setup.py did not build kg/extract/_spacy_native.pyx"
    assert type(nlp.tokenizer).__name__ == "ChunkCachingTokenizer"


@pytest.mark.skipif(not native.COMPILED, reason="needs the compiled tokenizer")
def test_chunks_after_a_special_case_are_cached():
    from kg.extract.tokenizer import create_chunk_caching_tokenizer

    tokenizer = create_chunk_caching_tokenizer()(spacy.blank("en"))
    tokenizer("e.g. alpha")
    before = tokenizer.cached_chunks
    tokenizer("e.g. beta gamma")  # spaCy's own tokenizer caches neither word after "e.g."
    assert tokenizer.cached_chunks == before + 2


PIECES = [
    "a",
    "Ab",
    "e.g.",
    "i.e.",
    "(",
    ")",
    ",",
    ".",
    "-",
    "'s",
    "n't",
    "3.5",
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_text_is_tokenized_exactly_as_spacy_does(nlp, text):
    assert tokens(nlp.tokenizer(text)) == tokens(STOCK(text))
