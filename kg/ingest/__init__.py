"""Ingest stage: files in every supported format -> ``Paper`` records."""

from kg.ingest.detect import InputFormat
from kg.ingest.problems import IngestReport, InputError, Problem
from kg.ingest.raw import FieldNames
from kg.ingest.reader import read_papers

__all__ = ["FieldNames", "IngestReport", "InputError", "InputFormat", "Problem", "read_papers"]
