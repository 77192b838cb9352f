# The README's commands. Each creates .venv when missing and installs what it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= output/timeline.db
PORT   ?= 8001

.PHONY: run test serve report bench eval eval-real eval-probe clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed  ## pipeline over corpus/ into output/timeline.db
	$(PY) -m pipeline run corpus --db $(DB)
	$(PY) -m pipeline report --db $(DB) --out output/report.html --datasette http://127.0.0.1:$(PORT)
	@echo "Browse it:  make serve   (Datasette on http://127.0.0.1:$(PORT)/)"

test: $(VENV)/.installed  ## lint, format check, type check and the whole test suite
	$(VENV)/bin/ruff check pipeline tests
	$(VENV)/bin/ruff format --check pipeline tests
	$(VENV)/bin/mypy pipeline
	$(PY) -m pytest -q

serve: $(VENV)/.installed  ## browse output/timeline.db in Datasette (read-only, 127.0.0.1)
	$(PY) -m pipeline serve --db $(DB) --port $(PORT)

report: $(VENV)/.installed
	$(PY) -m pipeline report --db $(DB) --out output/report.html --datasette http://127.0.0.1:$(PORT)

eval: $(VENV)/.installed  ## scores against the development gold corpus
	$(PY) -m pipeline eval tests/fixtures/corpus-dev

eval-real: $(VENV)/.installed  ## scores against the real-text gold set (texts rebuilt into data/realworld/)
	$(PY) -m pipeline eval data/realworld --gold tests/realworld

eval-probe: $(VENV)/.installed  ## the program verdict on the probe's pages (rebuilt into data/probe/)
	$(PY) tests/realworld/probe.py

bench: $(VENV)/.installed  ## throughput figures against peers (prints, does not assert)
	$(PY) -m pipeline bench

clean:
	rm -rf output/*.db output/*.db-* output/report.html
