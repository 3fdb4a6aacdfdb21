"""How results look in a terminal: rich tables and one-line summaries for the CLI."""

from __future__ import annotations

import json
from dataclasses import asdict

from pyoxigraph import QueryResultsFormat, QuerySolutions
from rich.table import Table
from rich.text import Text

from kg.evaluate import Evaluation
from kg.ingest import IngestReport
from kg.query import Connections, Evidence, Neighbor, Node, NodeDetails, Stats
from kg.rdf.queries import ExampleQuery
from kg.records import ConceptType, Paper, PaperConcepts

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
}


def ingest_summary(report: IngestReport) -> str:
    formats = ", ".join(f"{name} {count}" for name, count in sorted(report.formats.items()))
    return (
        f"{report.papers} papers from {report.records} records ({formats}); "
        f"{report.duplicates} duplicates merged, {report.skipped} bad records skipped"
    )


def paper_json(paper: Paper) -> str:
    return json.dumps(asdict(paper), ensure_ascii=False)


def papers_table(papers: list[Paper]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    table.add_column("published", no_wrap=True)
    table.add_column("sources")
    for paper in papers:
        table.add_row(
            Text(paper.id),
            Text(paper.title),
            Text(paper.published or ""),
            Text("\n".join(str(source) for source in paper.sources)),
        )
    return table


def queries_table(examples: list[ExampleQuery]) -> Table:
    table = Table(header_style="bold")
    table.add_column("name", no_wrap=True)
    table.add_column("answers")
    for example in examples:
        table.add_row(Text(example.name), Text(example.description))
    return table


def queries_json(examples: list[ExampleQuery]) -> str:
    rows = [{"name": e.name, "description": e.description, "path": str(e.path)} for e in examples]
    return json.dumps(rows, indent=2)


def extraction_table(extractions: list[PaperConcepts]) -> Table:
    table = Table(show_lines=True, header_style="bold")
    table.add_column("paper", ratio=3)
    for concept_type in ConceptType:
        table.add_column(concept_type.plural, ratio=2)
    table.add_column("code", ratio=2)
    for extraction in extractions:
        cells = [Text(extraction.paper.title)]
        for concept_type in ConceptType:
            names = [
                concept.name + (" *" if concept.proposed else "")
                for concept in extraction.of_type(concept_type)
            ]
            cells.append(Text("\n".join(names)))
        cells.append(Text("\n".join(url.url for url in extraction.urls)))
        table.add_row(*cells)
    table.caption = "* = proposed by the paper"
    return table


def results_table(results: QuerySolutions) -> Table:
    table = Table(header_style="bold")
    variables = [variable.value for variable in results.variables]
    for name in variables:
        table.add_column(name)
    for solution in results:
        table.add_row(*(Text(term_text(solution[name])) for name in variables))
    return table


def results_text(results: QuerySolutions, result_format: str) -> str:
    """SPARQL results serialised as ``csv``, ``tsv`` or ``json``."""
    return results.serialize(format=RESULT_FORMATS[result_format]).decode("utf-8")


def term_text(term: object) -> str:
    """A result term as a person reads it: IRIs bare, literals without quotes and datatypes."""
    if term is None:
        return ""
    return str(getattr(term, "value", term))


def neighbor_json(neighbor: Neighbor, evidence: dict[str, list[Evidence]] | None = None) -> dict[str, object]:
    extra = {"evidence": [asdict(e) for e in evidence.get(neighbor.iri, [])]} if evidence else {}
    return {
        **extra,
        "iri": neighbor.iri,
        "label": neighbor.label,
        "type": neighbor.type,
        "relation": neighbor.relation,
        "direction": neighbor.direction,
        "papers": neighbor.papers,
        "arxiv_id": neighbor.details.get("arxiv"),
        "date": neighbor.details.get("date"),
        "code": neighbor.details.get("code"),
    }


def connections_json(found: Connections, hops: int = 1) -> dict[str, object]:
    """``kg neighbors --json``: the node, its neighbours (with their evidence when asked) and
    the totals per relation; the second neighbours too with ``hops`` 2."""
    node = found.node
    document: dict[str, object] = {
        "concept": {"iri": node.iri, "label": node.label, "type": node.type, "aliases": found.aliases},
        "neighbors": [neighbor_json(n, found.evidence) for n in found.neighbors],
        "totals": [
            {"relation": name, "direction": direction, "count": count}
            for (name, direction), count in found.totals.items()
        ],
    }
    if hops == 2:
        document["second_neighbors"] = [{**neighbor_json(n), "via": via.iri} for via, n in found.second]
    return document


def nodes_table(nodes: list[Node]) -> Table:
    table = Table(header_style="bold")
    for column in ("name", "type", "iri"):
        table.add_column(column)
    for node in nodes:
        table.add_row(Text(node.label), Text(node.type), Text(node.iri, style="dim"))
    return table


def facts_table(node: Node, facts: list[tuple[str, str]]) -> Table:
    table = Table(title=f"{node.label} ({node.type})", title_justify="left", show_header=False)
    table.add_column("property", style="bold")
    table.add_column("value")
    table.add_row("iri", Text(node.iri))
    for prop, value in facts:
        table.add_row(Text(prop), Text(value))
    return table


def node_counts_table(result: Stats) -> Table:
    table = Table(title="nodes", title_justify="left", header_style="bold")
    table.add_column("type")
    table.add_column("count", justify="right")
    for kind, count in result.nodes.items():
        table.add_row(kind, str(count))
    return table


def top_concepts_table(result: Stats) -> Table:
    table = Table(title="most mentioned concepts", title_justify="left", header_style="bold")
    for column in ("concept", "type", "papers"):
        table.add_column(column)
    for label, kind, papers in result.top_concepts:
        table.add_row(Text(label), kind, str(papers))
    return table


def details_json(details: NodeDetails) -> dict[str, object]:
    """``kg show --json``: the node, its facts and its neighbours (with their evidence when asked)."""
    found = details.connections
    return {
        "node": asdict(found.node),
        "facts": [{"property": prop, "value": value} for prop, value in details.facts],
        "neighbors": [neighbor_json(n, found.evidence) for n in found.neighbors],
    }


def groupby_relation(linked: list[Neighbor]) -> list[tuple[tuple[str, str], list[Neighbor]]]:
    groups: dict[tuple[str, str], list[Neighbor]] = {}
    for neighbor in linked:
        groups.setdefault((neighbor.relation, neighbor.direction), []).append(neighbor)
    return sorted(groups.items())


def neighbors_table(
    relation: str,
    direction: str,
    shown: list[Neighbor],
    total: int,
    evidence: dict[str, list[Evidence]] | None = None,
) -> Table:
    title = f"{relation} ({'from this node' if direction == 'out' else 'to this node'}): {total}"
    table = Table(title=title, title_justify="left", header_style="bold")
    has_papers = any(n.type == "Paper" for n in shown)
    with_evidence = bool(evidence) and any(n.iri in evidence for n in shown)
    columns = ("name", "type", "papers", *(("arXiv", "date", "code") if has_papers else ()))
    for column in (*columns, *(("evidence",) if with_evidence else ())):
        table.add_column(column)
    for n in shown:
        cells = [Text(n.label), Text(n.type), Text(str(n.papers))]
        if has_papers:
            cells += [Text(n.details.get(key, "")) for key in ("arxiv", "date", "code")]
        if with_evidence:
            cells.append(evidence_text((evidence or {}).get(n.iri, [])))
        table.add_row(*cells)
    return table


SHOWN_SENTENCES = 3
"""Sentences of one edge a table shows, the most confident first (``--json`` gives every one)."""


def evidence_text(mentions: list[Evidence]) -> Text:
    """The edge's sentences, each once with its mentions in bold and the rules that found them,
    the most confident first; past ``SHOWN_SENTENCES``, how many more there are."""
    sentences: dict[tuple[str, int], list[Evidence]] = {}
    for mention in mentions:
        sentences.setdefault((mention.field, mention.sentence_start), []).append(mention)
    ranked = sorted(sentences.values(), key=lambda found: -max(m.confidence for m in found))
    text = Text()
    for found in ranked[:SHOWN_SENTENCES]:
        if text:
            text.append("\n")
        line = Text(found[0].sentence, style="italic")
        for mention in found:
            offset = mention.start - mention.sentence_start
            line.stylize("bold", offset, offset + len(mention.text))
        rules = ", ".join(dict.fromkeys(f"{m.component} {m.confidence:.2f}" for m in found))
        text.append(line)
        text.append(f" ({rules})", style="dim")
    if len(ranked) > SHOWN_SENTENCES:
        text.append(f"\n… {len(ranked) - SHOWN_SENTENCES} more (--json lists them)", style="dim")
    return text


def second_table(reached: list[tuple[Neighbor, Neighbor]]) -> Table:
    table = Table(title="two hops away", title_justify="left", header_style="bold")
    for column in ("name", "type", "papers", "path"):
        table.add_column(column)
    for via, neighbor in reached:
        path = f"{via.relation} {via.label} {neighbor.relation}"
        table.add_row(Text(neighbor.label), Text(neighbor.type), str(neighbor.papers), Text(path))
    return table


def scores_table(result: Evaluation) -> Table:
    """P/R/F1 and counts per score of an evaluation (``kg eval``, ``make cv``)."""
    table = Table(header_style="bold")
    for column in ("", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column else "left")
    for name, counts in result.scores.items():
        table.add_row(
            name,
            *(f"{v:.3f}" for v in (counts.precision, counts.recall, counts.f1)),
            *(str(v) for v in (counts.tp, counts.fp, counts.fn)),
        )
    table.caption = f"{result.papers} gold papers, {result.missing} without a prediction"
    return table
