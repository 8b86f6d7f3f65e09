# Two entry points: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_TERRITORY ?= gruissan

.PHONY: demo test lint venv clean docs locale bench bench-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The demo needs the core alone; the tests and the tools need every extra.
$(VENV)/.core-installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed: $(VENV)/.core-installed
	$(BIN)/pip install --quiet -e '.[test,dev,postgres,crypto,simulation,parquet,plot,distributed,browser]'
	touch $@

venv: $(VENV)/.installed

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

demo: $(VENV)/.core-installed
	$(BIN)/transitions import scenarios/occitanie-2024.yaml
	$(BIN)/transitions replay $(DEMO_TERRITORY)

# docs/figures holds the scripts that draw the docs' figures: linted with the code, run by the tests.
LINTED := src plugins tests benchmarks docs/figures

lint: venv
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/mypy docs/figures

test: venv lint bench-smoke
	$(BIN)/pytest

# Every benchmark at full size; each writes its section of docs/performance.md, then the summary at its
# top. The large generated stores are built first and cached in benchmarks/.stores/.
bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/run.py

# Every benchmark at tiny sizes: they run and print their table; no timing is asserted (CI, via test).
bench-smoke: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/run.py --smoke

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

docs: venv
	$(BIN)/python -m transitions_core.reference

# click's messages in French: compile the catalogue after editing click.fr.po (a test compares the two).
locale: $(VENV)/.core-installed
	$(BIN)/pybabel compile --statistics -i src/transitions_core/cli/i18n/click.fr.po -o src/transitions_core/cli/i18n/click.fr.mo
