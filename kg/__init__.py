"""kg: a knowledge graph of machine-learning research built from paper titles and abstracts."""

from kg.ingest import read_papers
from kg.records import ConceptType, LocalConcept, Mention, Paper, PaperConcepts, Source

__version__ = "0.1.0"
__all__ = ["ConceptType", "LocalConcept", "Mention", "Paper", "PaperConcepts", "Source", "read_papers"]
