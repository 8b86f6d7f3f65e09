# Two entry points: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_TERRITORY ?= gruissan

.PHONY: demo test lint venv clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,dev,postgres,crypto,simulation,parquet,plot,distributed]'
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(BIN)/transitions import scenarios/occitanie-2024.yaml
	$(BIN)/transitions replay $(DEMO_TERRITORY)

lint: venv
	$(BIN)/ruff check src plugins tests
	$(BIN)/ruff format --check src plugins tests
	$(BIN)/mypy

test: venv lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

docs: venv
	$(BIN)/python -m transitions_core.reference
