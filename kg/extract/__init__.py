"""Extract stage: ``Paper`` -> ``PaperConcepts`` (methods, tasks, datasets, code URLs, contributions)."""

from kg.extract.output import concepts_json
from kg.extract.pipeline import build_pipeline, default_pipeline, extract_paper, extract_papers

__all__ = ["build_pipeline", "concepts_json", "default_pipeline", "extract_paper", "extract_papers"]
