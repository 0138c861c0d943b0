# The two commands of the README: `make demo` and `make test`. Both build .venv/ first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsgraph.db

.PHONY: demo test setup clean-db

$(BIN)/newsgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/newsgraph

demo: setup
	$(BIN)/newsgraph ingest samples/ --db $(DB)
	$(BIN)/newsgraph list --db $(DB)

test: setup
	$(BIN)/pytest -q

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
