# Two commands do all the set-up (see README):
#   make lab    create/refresh .venv, then open JupyterLab on notebooks/
#   make test   create/refresh .venv, then run every test
# Other targets: notebooks (re-execute and store outputs), exercises, bench, clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The stamp is newer than requirements.txt and pyproject.toml once they are installed.
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NBVAL_FLAGS := --nbval --nbval-current-env -p no:cacheprovider

.PHONY: venv lab test test-py test-notebooks notebooks exercises bench clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@if ! $(BIN)/python -c "import sys" >/dev/null 2>&1; then \
	    echo "Creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# JupyterLab refuses to run as root unless told; containers and CI often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True)

lab: venv
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(ALLOW_ROOT)

test: venv test-py test-notebooks

test-py: venv
	MPLBACKEND=Agg $(BIN)/python -m pytest tests

test-notebooks: venv
ifeq ($(NOTEBOOKS),)
	@echo "nbval: no notebooks in notebooks/ yet; nothing to validate"
else
	$(BIN)/python -m pytest $(NBVAL_FLAGS) $(NOTEBOOKS)
endif

# Re-execute every notebook headless (as nbval does) and store the outputs.
notebooks: venv
	$(BIN)/python -m helpers.store_outputs $(NOTEBOOKS)

# Learner copies with solutions stripped (nbgrader format) into exercises/.
exercises: venv
	$(BIN)/python -m helpers.exercises --out exercises $(NOTEBOOKS)

# PyTorch (a CPU build, for comparison only) is installed for the benchmark alone.
# Idle and busy-core measurements; writes benchmarks/results.md and README's table.
bench: venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/run.py --readme

clean:
	rm -rf $(VENV) exercises test-artifacts .pytest_cache
