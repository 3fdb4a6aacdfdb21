"""The extraction pipeline: assembled from ``pipeline.cfg``, run over papers in batches.

Each paper becomes one Doc of ``title + "\\n\\n" + abstract``; components add candidates; the
canonicalisation step turns them into the paper's concepts, and URLs are read from the text.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import chain, islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories (and the tokenizer) with spaCy.
from kg.extract import (  # noqa: F401
    abbreviations,
    contributions,
    definitions,
    gazetteer,
    lists,
    model,
    noun_phrases,
    phrases,
    sentences,
    tokenizer,
)
from kg.extract.candidates import candidates_of
from kg.extract.canonical import DocLayout, canonical_concepts
from kg.extract.keys import forget_concept_keys
from kg.extract.tokens import sentence_text, text_of, token_table
from kg.extract.urls import classify_url, find_urls
from kg.memory import collector_paused
from kg.records import CodeUrl, Mention, Paper, PaperConcepts
from kg.resources import package_path

CONFIG_PATH = package_path("kg.extract", "pipeline.cfg")
TITLE_SEPARATOR = "\n\n"
EXTRACTOR_VERSION = "4"  # bump when extraction output changes: kg add re-extracts older records


def build_pipeline(lexicon_dir: Path | None = None, exclude: tuple[str, ...] = ()) -> Language:
    """A fresh pipeline from ``pipeline.cfg``; ``lexicon_dir`` swaps in other lexicons (tests),
    ``exclude`` leaves components out (training leaves out the model it trains)."""
    config = spacy.util.load_config(CONFIG_PATH)
    if lexicon_dir is not None:
        for component in ("kg_gazetteer", "kg_definitions"):
            config["components"][component]["lexicon_dir"] = str(lexicon_dir)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True, exclude=exclude)
    forget_concept_keys()  # the lexicons' names, folded while loading them
    return nlp


@cache
def default_pipeline() -> Language:
    """The pipeline with the bundled lexicons, built once per process.

    Everything made so far (the pipeline's hundreds of thousands of lexicon objects, the
    modules) lives as long as the process, so it goes out of the cyclic collector's reach
    (``gc.freeze``): each full collection of a long run would traverse it all again."""
    nlp = build_pipeline()
    gc.freeze()
    return nlp


def paper_text(paper: Paper) -> str:
    return paper.title + TITLE_SEPARATOR + paper.abstract


def extract_papers(
    papers: Iterable[Paper], nlp: Language | None = None, batch_size: int = 64, jobs: int = 1
) -> Iterator[PaperConcepts]:
    """Extract the concepts and code URLs of each paper, in input order.

    Papers go through the pipeline ``batch_size`` at a time, one component over the whole batch
    before the next. ``jobs > 1`` spreads the batches over that many worker processes, each
    loading the default pipeline once, when there is more than one batch; results come back in
    input order.
    """
    papers = iter(papers)
    first = list(islice(papers, batch_size))
    if jobs > 1 and len(first) == batch_size:  # more than one batch: worth starting workers
        yield from extract_in_workers(chain(first, papers), jobs, batch_size)
        return
    nlp = nlp or default_pipeline()
    components = [component for _, component in nlp.pipeline]
    for batch in batched(chain(first, papers), batch_size):
        yield from extract_batch_with(nlp, components, batch)


def extract_batch_with(nlp: Language, components: list, batch: list[Paper]) -> Iterator[PaperConcepts]:
    """The batch's docs through each component in turn, as ``nlp(doc)`` calls them.

    Component by component, not doc by doc: a component's code and tables (the lexicon trie,
    the tokenizer's cache) stay in the processor's caches for the whole batch, which runs about
    a quarter faster. Not through ``nlp.pipe``, which wraps each component in a generator and
    still passes docs one by one.
    """
    # No collections while the batch's docs are alive: they hold thousands of objects, and a
    # full collection would traverse every object of the loaded pipeline (0.1 s, every couple
    # of thousand papers). The docs are freed by reference counting when the batch ends.
    with collector_paused():
        docs = [paper_doc(nlp, paper) for paper in batch]
        for component in components:
            # A component with spaCy's batch method (the model) takes the batch at once.
            docs = (
                list(component.pipe(docs)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
            )
        extractions = []
        for doc, paper in zip(docs, batch, strict=True):
            extractions.append(concepts_of(doc, paper))
            # The components' Spans in user_data refer back to the doc: without this cycle the
            # doc is freed with the batch, not by a later garbage collection.
            doc.user_data.clear()
        del docs  # freed here, before the results are handed out
    yield from extractions


def extract_batch(papers: list[Paper]) -> list[PaperConcepts]:
    return list(extract_papers(papers))


def extract_in_workers(papers: Iterable[Paper], jobs: int, batch_size: int) -> Iterator[PaperConcepts]:
    default_pipeline()  # built once here; forked workers inherit it instead of rebuilding
    batches = batched(papers, batch_size)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for results in pool.imap(extract_batch, batches):
            yield from results


def batched(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    batch: list[Paper] = []
    for paper in papers:
        batch.append(paper)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def paper_doc(nlp: Language, paper: Paper) -> Doc:
    """The tokenized paper, with its text remembered so components need not rebuild it, and
    its TokenTable, read from the tokens while the tokenizer has just left them in the
    processor's caches (the first component would otherwise read them back from memory, after
    the rest of the batch was tokenized)."""
    text = paper_text(paper)
    doc = nlp.make_doc(text)
    doc.user_data["kg_text"] = text
    token_table(doc)
    return doc


def extract_paper(paper: Paper, nlp: Language | None = None) -> PaperConcepts:
    return next(extract_papers([paper], nlp))


def concepts_of(doc: Doc, paper: Paper) -> PaperConcepts:
    layout = DocLayout(len(paper.title))
    concepts = canonical_concepts(doc, candidates_of(doc), layout)
    return PaperConcepts(paper=paper, concepts=tuple(concepts), urls=tuple(code_urls(doc, layout)))


def code_urls(doc: Doc, layout: DocLayout) -> list[CodeUrl]:
    seen: dict[str, CodeUrl] = {}
    text = text_of(doc)
    for url, start, end in find_urls(text):
        if url in seen:
            continue
        field, field_start, field_end = layout.locate(start, end)
        span = doc.char_span(start, end, alignment_mode="expand")
        sentence = sentence_text(doc, span.start) if span is not None else ""
        mention = Mention(text[start:end], field, field_start, field_end, sentence, "url", 1.0)
        seen[url] = CodeUrl(url, classify_url(url), mention)
    return list(seen.values())
