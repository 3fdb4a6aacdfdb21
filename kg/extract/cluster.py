"""Extraction on a Dask distributed cluster, for corpora one machine extracts too slowly.

Batches of papers are submitted to the scheduler as they are read; each worker process builds
the pipeline once and keeps it. Results come back in input order, and only a bounded window of
batches is in flight, so neither this process nor the cluster ever holds the corpus. Workers
need kg installed (the same version: the pipeline and lexicons ship in the package).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from kg.extract.pipeline import batched, extract_batch
from kg.records import Paper, PaperConcepts

BATCHES_PER_WORKER = 4
CONNECT_SECONDS = 5


class ClusterError(RuntimeError):
    """The cluster cannot be reached or used."""


def extract_on_cluster(
    papers: Iterable[Paper], scheduler: str, batch_size: int = 256
) -> Iterator[PaperConcepts]:
    """Extract ``papers`` on the cluster whose scheduler listens at ``scheduler``
    (``tcp://HOST:PORT``), yielding the extractions in input order."""
    from distributed import Client

    try:
        client = Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    with client:
        workers = max(1, len(client.scheduler_info()["workers"]))
        window: deque = deque()
        for batch in batched(papers, batch_size):
            window.append(client.submit(extract_batch, batch, pure=False))
            if len(window) >= workers * BATCHES_PER_WORKER:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
