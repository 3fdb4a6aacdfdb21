"""The JSON shape of one paper's extraction (``kg extract --format jsonl``)."""

from __future__ import annotations

from typing import Any

from kg.records import ConceptType, LocalConcept, Mention, PaperConcepts


def mention_json(mention: Mention) -> dict[str, Any]:
    """The mention's fields in order (what ``dataclasses.asdict`` gives, at a fraction of its
    cost: it copies each value through ``deepcopy``)."""
    return {
        "text": mention.text,
        "field": mention.field,
        "start": mention.start,
        "end": mention.end,
        "sentence": mention.sentence,
        "component": mention.component,
        "confidence": mention.confidence,
    }


def concept_json(concept: LocalConcept, with_mentions: bool = True) -> dict[str, Any]:
    result: dict[str, Any] = {"name": concept.name, "aliases": list(concept.aliases)}
    if with_mentions:
        result["type_rule"] = concept.type_rule
        if concept.lexicon_id:
            result["lexicon_id"] = concept.lexicon_id
        result["mentions"] = [mention_json(mention) for mention in concept.mentions]
    return result


def concepts_json(extraction: PaperConcepts, with_mentions: bool = True) -> dict[str, Any]:
    """``{"id", "title", "methods", "tasks", "datasets", "code_urls", "proposed", ...}``."""
    result: dict[str, Any] = {"id": extraction.paper.id, "title": extraction.paper.title}
    for concept_type in ConceptType:
        result[concept_type.plural] = [
            concept_json(concept, with_mentions) for concept in extraction.of_type(concept_type)
        ]
    result["code_urls"] = [url.url for url in extraction.urls]
    result["urls"] = (
        [
            {
                "url": url.url,
                "kind": url.kind.value,
                **({"mention": mention_json(url.mention)} if url.mention else {}),
            }
            for url in extraction.urls
        ]
        if with_mentions
        else []
    )
    result["proposed"] = [
        {"name": concept.name, "aliases": list(concept.aliases), "type": concept.type.value}
        for concept in extraction.proposed
    ]
    return result
