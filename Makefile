# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint lexicon bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## build the knowledge graph of the bundled examples into exports/
	$(BIN)/kg build examples/ -o exports/

test: $(STAMP)  ## run the whole test suite and the linter
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check kg tests benchmarks scripts

lexicon: $(STAMP)  ## rebuild ontology/lexicon/ from the public data in ../shared/data
	$(BIN)/python scripts/build_lexicon.py --data ../shared/data --out ontology/lexicon

bench: $(STAMP)  ## measure extraction throughput
	$(BIN)/python benchmarks/extract_speed.py

clean:
	rm -rf $(VENV) exports/*.ttl exports/*.jsonl build *.egg-info
