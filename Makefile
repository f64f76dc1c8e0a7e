# make demo: create .venv, install, run piu-filter on the bundled example shards, then write the report.
# make test: create .venv, install with the test tools, run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test examples report-png clean

# constraints.txt: the versions the tests pass with (pip freeze), so that pip resolves in seconds.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]' -c constraints.txt
	$(BIN)/python -m pip install -q --no-deps 'autofaiss>=2.17,<3' -c constraints.txt
	touch $@

venv: $(STAMP)

demo: $(STAMP)
	rm -rf demo-out
	$(BIN)/piu-filter run examples/shards --output demo-out --action redact --ocr-scope all --missing-models skip
	$(BIN)/piu-filter report demo-out --out demo-out/report
	@echo "outputs: demo-out/shards demo-out/records demo-out/blocklist demo-out/stats.json demo-out/report/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest

# docs/report.png: the README's picture of the report, from `make demo`'s output (needs chromium).
report-png: demo
	$(BIN)/python tests/headless_chromium.py demo-out/report/index.html docs/report.png

examples: $(STAMP)
	$(BIN)/python examples/make_examples.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache
