# The two commands of the README: `make demo` and `make test`. Both build .venv/ first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsgraph.db
SHARED ?= $(or $(NEWSGRAPH_SHARED),../shared)
REFERENCE := $(SHARED)/data/articles/seed/us-mexico-fentanyl-labs.txt
DEMO_INPUTS := $(REFERENCE) $(SHARED)/data/articles/wikinews/wikinews-2019.jsonl \
	$(SHARED)/data/articles/whitehouse/usmx.jsonl.gz samples/

.PHONY: demo test setup clean-db

$(BIN)/newsgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/newsgraph

# Ingests the reference article, the Wikinews sample and the White House Mexico texts, then
# prints the reference article's brief and the USA-MEX timeline by month.
demo: setup
	$(BIN)/newsgraph ingest $(DEMO_INPUTS) --workers 2 --db $(DB)
	$(BIN)/newsgraph brief $(REFERENCE) --db $(DB)
	$(BIN)/newsgraph timeline USA MEX --since 2021 --until 2026 --db $(DB)

test: setup
	$(BIN)/pytest -q

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
