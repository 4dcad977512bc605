# thidua_xl — hai lệnh trên máy mới: `make demo` và `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,server]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/thidua demo

test: $(STAMP)
	$(BIN)/python -m ruff check thidua_xl tests benchmarks
	XLWINGS_LICENSE_KEY=noncommercial $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) out build *.egg-info
