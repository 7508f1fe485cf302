# make demo  — set everything up, then brief the bundled example stories
# make test  — set everything up, then run the whole test suite
# make bench — benchmarks on ../shared/bench (figures go to docs/benchmarks.md)
# make lint  — ruff + mypy

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB := demo.db
BENCH_DATA ?= ../shared/bench

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: demo test bench lint clean setup screenshots

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(VENV)/bin/newsbrief brief examples/seeds --db $(DEMO_DB) --format html -o brief.html
	@$(VENV)/bin/newsbrief stories --db $(DEMO_DB) | grep -v '^  '
	@echo; echo "---- the brief of the most-covered story (stored: printing it again rebuilds nothing) ----"; echo
	@$(VENV)/bin/newsbrief brief --db $(DEMO_DB) --top 1
	@echo "HTML report: brief.html (open it in a browser)"
	@echo "In the terminal: $(VENV)/bin/newsbrief brief --db $(DEMO_DB)    In a browser: $(VENV)/bin/newsbrief serve --db $(DEMO_DB)"

test: $(STAMP)
	$(PY) -m pytest -q

screenshots: $(STAMP)
	NEWSBRIEF_SCREENSHOTS=$(CURDIR)/docs/images $(PY) -m pytest -q tests/test_web.py -k browser

bench: $(STAMP)
	$(PY) bench/run_all.py --data $(BENCH_DATA)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy src

clean:
	rm -rf $(VENV) $(DEMO_DB)* brief.html .pytest_cache .mypy_cache .ruff_cache
