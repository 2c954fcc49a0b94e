# `make run` opens the app on the sample collection; `make test` runs the tests.
# Both set themselves up on first use (scripts/setup.sh).
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test setup lint format screenshots bench clean

setup:
	@./scripts/setup.sh

run: setup
	$(VENV)/bin/reading-room

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy reading_room/core

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# the scale benchmarks at 10k, 100k and 1M documents against SQLite FTS5 and Recoll (hours, and
# about 40 GB under benchmarks/work); writes benchmarks/RESULTS.md and benchmarks/scale.png
SIZES ?= --docs 10000 --docs 100000 --docs 1000000
bench: setup
	$(PY) -m pip install -q -e ".[bench]"
	@command -v recollindex >/dev/null || echo "recoll is not installed (apt-get install recoll python3-recoll): measured without it"
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.run $(SIZES)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache
