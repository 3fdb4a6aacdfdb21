"""The graph as one self-contained HTML page (pyvis / vis-network), usable offline from a file.

pyvis turns the networkx graph into vis-network nodes, edges and options; the page around them
is our own template (``kg/templates/view.html``) with vis-network's script and style inlined
from the pyvis package, so nothing is fetched from a network. Positions are computed in Python
(igraph's force-directed layout) and physics is off for large graphs, so thousands of nodes stay fluid.
Every text from the input reaches the page as JSON data and is put on screen with
``textContent``; only http(s) links become clickable.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import igraph
import jinja2
import networkx
import pyvis
from pyvis.network import Network

from kg.files import write_text
from kg.index import name_keys

TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_LIB = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
DEFAULT_TYPES = ("Paper", "Method", "Task", "Dataset", "CodeRepository")
DEFAULT_MAX_NODES = 2000
PHYSICS_MAX_NODES = 300

STYLE = {
    "Paper": {"color": "#8d99ae", "shape": "square"},
    "Method": {"color": "#4361ee", "shape": "dot"},
    "Task": {"color": "#f77f00", "shape": "diamond"},
    "Dataset": {"color": "#2a9d8f", "shape": "triangle"},
    "CodeRepository": {"color": "#6a4c93", "shape": "star"},
    "Author": {"color": "#bc6c25", "shape": "ellipse"},
    "Category": {"color": "#adb5bd", "shape": "box"},
}
EDGE_STYLE = {
    "usesMethod": {"color": "#4361ee"},
    "addressesTask": {"color": "#f77f00"},
    "usesDataset": {"color": "#2a9d8f"},
    "proposes": {"color": "#d62828", "width": 2},
    "hasCode": {"color": "#6a4c93"},
    "appliedTo": {"color": "#adb5bd", "dashes": True},
    "evaluatedOn": {"color": "#adb5bd", "dashes": True},
    "benchmarkedOn": {"color": "#adb5bd", "dashes": True},
    "hasAuthor": {"color": "#dda15e"},
    "inCategory": {"color": "#ced4da"},
}
_SAFE_LINK = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True)
class ViewSummary:
    nodes: int
    edges: int
    left_out: int
    physics: bool


def select_nodes(
    graph: networkx.MultiDiGraph,
    types: tuple[str, ...] = DEFAULT_TYPES,
    max_nodes: int = DEFAULT_MAX_NODES,
    min_papers: int = 1,
    focus: str | None = None,
    hops: int = 1,
) -> tuple[networkx.MultiDiGraph, int]:
    """The part of the graph to draw, and how many nodes of the chosen types were left out."""
    keep = {
        node
        for node, data in graph.nodes(data=True)
        if data["kind"] in types and data.get("papers", min_papers) >= min_papers
    }
    if focus is not None:
        around = networkx.ego_graph(graph.to_undirected(as_view=True), focus, radius=hops)
        keep &= set(around.nodes) | {focus}
    candidates = graph.subgraph(keep)
    if len(keep) > max_nodes:
        ranked = sorted(keep, key=lambda node: (-candidates.degree(node), node))
        keep = set(ranked[:max_nodes]) | ({focus} if focus in keep else set())
    return graph.subgraph(keep).copy(), len(candidates) - len(keep)


def find_node(graph: networkx.MultiDiGraph, name: str) -> str | None:
    """The node a name means (label, alias, arXiv id; any case or hyphenation), best supported first."""
    keys = name_keys(name)
    found = [
        node
        for node, data in graph.nodes(data=True)
        if any(
            name_keys(str(n)) & keys
            for n in [data["label"], *data.get("alt_labels", []), data.get("arxiv_id") or ""]
            if n
        )
    ]
    return max(found, key=lambda node: (graph.degree(node), node)) if found else None


def positions(graph: networkx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A deterministic force-directed layout in vis-network's pixel coordinates.

    igraph's grid Fruchterman-Reingold lays out 5,000 nodes in about a second, where networkx's
    spring layout takes most of a minute; a seeded random generator makes the result repeatable.
    """
    if not graph:
        return {}
    nodes = sorted(graph.nodes)
    index = {node: position for position, node in enumerate(nodes)}
    edges = sorted({tuple(sorted((index[a], index[b]))) for a, b in graph.edges() if a != b})
    layout_graph = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(7))  # start positions: seeded, so repeatable
    try:
        coordinates = layout_graph.layout_fruchterman_reingold(niter=500, grid=len(nodes) > 1000).coords
    finally:
        igraph.set_random_number_generator(random)
    scale = 70.0
    return {node: (x * scale, y * scale) for node, (x, y) in zip(nodes, coordinates, strict=True)}


def node_info(graph: networkx.MultiDiGraph, node: str, data: dict) -> dict[str, object]:
    """What the details panel shows; links only when they are http(s)."""
    info: dict[str, object] = {"type": data["kind"], "name": data["label"]}
    if data["kind"] == "Paper":
        if data.get("arxiv_id"):
            info["arxiv"] = f"https://arxiv.org/abs/{data['arxiv_id']}"
        if data.get("published"):
            info["date"] = data["published"]
        info["code"] = sorted(
            target
            for _, target, edge in graph.out_edges(node, data=True)
            if edge["relation"] == "hasCode" and _SAFE_LINK.match(target)
        )
    elif data["kind"] == "CodeRepository":
        info["link"] = node if _SAFE_LINK.match(node) else None
    else:
        info["aliases"] = list(data.get("alt_labels", []))[:12]
        info["papers"] = data.get("papers", 0)
    return info


def short_label(data: dict) -> str:
    label = str(data["label"])
    if data["kind"] == "Paper":
        return label if len(label) <= 32 else label[:30].rstrip() + "…"
    return label if len(label) <= 48 else label[:46].rstrip() + "…"


def to_network(graph: networkx.MultiDiGraph, physics: bool) -> Network:
    """The pyvis network: styled by type, sized by support, placed by ``positions``."""
    network = Network(directed=True, cdn_resources="in_line")
    placed = positions(graph)
    for node, data in graph.nodes(data=True):
        kind = data["kind"]
        size = 7 if kind == "Paper" else 9 + min(30, 4 * int(data.get("papers") or 1))
        x, y = placed.get(node, (0.0, 0.0))
        network.add_node(
            node,
            label=short_label(data),
            shape=STYLE[kind]["shape"],
            color=STYLE[kind]["color"],
            size=size,
            x=x,
            y=y,
            physics=physics,
            kind=kind,
            info=node_info(graph, node, data),
        )
    for source, target, data in graph.edges(data=True):
        relation = data["relation"]
        network.add_edge(source, target, relation=relation, arrows="to", **EDGE_STYLE.get(relation, {}))
    network.toggle_physics(physics)
    return network


def render_page(graph: networkx.MultiDiGraph, title: str, left_out: int) -> tuple[str, ViewSummary]:
    physics = len(graph) <= PHYSICS_MAX_NODES
    network = to_network(graph, physics)
    nodes, edges, *_ = network.get_network_data()
    counts = Counter(data["kind"] for _, data in graph.nodes(data=True))
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    page = environment.get_template("view.html").render(
        title=title,
        nodes=nodes,
        edges=edges,
        physics=physics,
        counts=dict(sorted(counts.items())),
        relations=sorted({data["relation"] for _, _, data in graph.edges(data=True)}),
        styles={kind: STYLE[kind] for kind in counts},
        left_out=left_out,
        vis_js=(VIS_LIB / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(VIS_LIB / "vis-network.css").read_text(encoding="utf-8"),
    )
    return page, ViewSummary(len(graph), graph.number_of_edges(), left_out, physics)


def write_view(graph: networkx.MultiDiGraph, path: Path, title: str, **selection: object) -> ViewSummary:
    """Select, lay out and write the page for ``graph`` to ``path``."""
    shown, left_out = select_nodes(graph, **selection)  # type: ignore[arg-type]
    page, summary = render_page(shown, title, left_out)
    write_text(path, page)
    return summary


def read_graph(folder: Path) -> networkx.MultiDiGraph:
    """The graph of a build, from its GraphML export (list attributes come back as lists)."""
    path = folder / "graph.graphml" if folder.is_dir() else folder
    if not path.is_file():
        raise FileNotFoundError(f"no graph in {folder}: run `kg build PATHS -o {folder}` first")
    graph = networkx.read_graphml(path, force_multigraph=True)
    for _, data in graph.nodes(data=True):
        if isinstance(data.get("alt_labels"), str):
            data["alt_labels"] = [name for name in data["alt_labels"].split(" | ") if name]
    return networkx.MultiDiGraph(graph)
