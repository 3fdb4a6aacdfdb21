from kg.extract import concepts_json, extract_papers
from kg.records import ConceptType

from .conftest import make_paper


def test_awkward_text_never_crashes_and_yields_sensible_output(nlp):
    papers = [
        make_paper("Empty abstract", ""),
        make_paper("Huge abstract", "We train a Gaussian process (GP) on ImageNet. " * 5000),
        make_paper(
            "Non-English", "Nous proposons une méthode de segmentation d'images pour la télédétection."
        ),
        make_paper(
            "LaTeX", r"We bound $\|x\|_2^2 \leq \epsilon$ with \mathcal{O}(n^{-1/2}) via $\nabla f$ (GD)."
        ),
        make_paper("Unicode", "Мы 学习 🤖 ∀x∈ℝ: ∑ (Σ) — “quoted” LSTM‐based ⁂ models (✓) \u200f."),
        make_paper("Hyphen chain", "a-" * 50_000 + "7B models can be run."),
    ]
    results = list(extract_papers(papers, nlp))
    assert [result.paper.title for result in results] == [paper.title for paper in papers]
    huge = results[1]
    (gp,) = [c for c in huge.of_type(ConceptType.METHOD) if c.name == "Gaussian process"]
    assert len(gp.mentions) == 10000
    for result in results:
        assert concepts_json(result)["id"] == "t0"


def test_worker_processes_give_the_same_results_in_order(examples):
    from kg.extract import concepts_json, extract_papers
    from kg.ingest import read_papers

    papers = list(read_papers([examples / "arxiv_api.atom", examples / "references.bib"]))
    single = [concepts_json(e) for e in extract_papers(papers)]
    parallel = [concepts_json(e) for e in extract_papers(papers, batch_size=2, jobs=2)]
    assert parallel == single
