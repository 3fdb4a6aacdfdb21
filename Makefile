# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# No build isolation: the C extensions are built against the spaCy installed in the venv.
INSTALL := $(BIN)/python -m pip install --quiet --no-build-isolation

.PHONY: demo test compile lexicon model cv bench dev-score clean

GOLD ?= ../shared/gold/dev.jsonl
SEEDS ?= ../shared/seeds/

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools>=77'
	KG_PURE_PYTHON=1 $(INSTALL) -e '.[test,build]'  # compiled just below
	touch $(STAMP)

# The extraction rules and the tokenizer run as C extensions built by mypyc and Cython (setup.py),
# rebuilt when one changes.
COMPILED := $(VENV)/.compiled

$(COMPILED): $(STAMP) $(wildcard kg/extract/*.py kg/extract/*.pyx)
	$(INSTALL) --no-deps -e .
	touch $(COMPILED)

compile: $(COMPILED)  ## rebuild the compiled extraction rules after editing kg/extract/ (make test does it too)

demo: $(COMPILED)  ## build the knowledge graph of the bundled examples into exports/
	$(BIN)/kg build examples/ -o exports/

BROWSER := /usr/bin/chromium /usr/bin/chromedriver

$(BROWSER):  ## the browser tests drive Debian's Chromium through its driver
	apt-get update -qq && apt-get install -y -qq chromium chromium-driver > /dev/null

test: $(COMPILED) $(BROWSER)  ## run the whole test suite (browser tests included) and the linters
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check kg tests benchmarks scripts
	$(BIN)/ruff format --check kg tests benchmarks scripts

DATA ?= ../shared/data

lexicon: $(STAMP)  ## rebuild ontology/lexicon/ from the public data sets (DATA=folder)
	$(INSTALL) -e '.[lexicon]'
	$(BIN)/python scripts/build_lexicon.py --data $(DATA) --out ontology/lexicon

TRAIN ?= ../shared/gold/train.jsonl
TRAIN_PAPERS ?= ../shared/gold/train-papers.jsonl

# scikit-learn, which fits the model, comes with the test extra (and the model extra).
model: $(COMPILED)  ## retrain kg/extract/trained/candidates.json from the training gold (settings: config.json beside it)
	$(BIN)/python scripts/train_model.py --gold $(TRAIN) --papers $(TRAIN_PAPERS)

FOLDS ?= 5

cv: $(COMPILED)  ## k-fold cross-validation of the candidate model over the training gold (FOLDS=)
	$(BIN)/python benchmarks/cross_validate.py --gold $(TRAIN) --papers $(TRAIN_PAPERS) --folds $(FOLDS)

SIZES ?= 10000 100000

bench: $(COMPILED)  ## extraction speed, then build throughput, memory and query latency per corpus size (table and plot)
	$(INSTALL) -e '.[bench]'
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/scale.py --sizes $(SIZES) --add 1000
	$(BIN)/python benchmarks/plot.py benchmarks/results/scale.json

dev-score: $(COMPILED)  ## extraction scores on the development gold standard (GOLD=, SEEDS=)
	$(BIN)/kg eval --gold $(GOLD) $(SEEDS)

clean:
	rm -rf $(VENV) exports/*.ttl exports/*.jsonl build *.egg-info *.so kg/extract/*.so kg/extract/*.cpp
