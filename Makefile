# Every target runs course.py (standard library only), which also works without make:
#   python3 course.py lab | test | reset 02      (Windows: py course.py ...)
#   make lab          set up .venv, then open JupyterLab on your workspace my-notebooks/
#   make test         set up .venv, then run every test (course.py test --fast: the unit tier)
#   make reset NB=02  start notebook 02 over in my-notebooks/ (yours is backed up first)
#   make progress     which graded functions pass, notebook by notebook
# Other targets: solutions, notebooks (re-execute and store outputs), exercises, bench, clean.

PYTHON ?= python3
COURSE := $(PYTHON) course.py
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: venv lab progress test test-py test-notebooks reset solutions notebooks exercises bench clean

venv:
	$(COURSE) venv

lab:
	$(COURSE) lab

progress:
	$(COURSE) progress

test:
	$(COURSE) test

test-py:
	$(COURSE) test --only package

test-notebooks:
	$(COURSE) test --only notebooks

reset:
ifeq ($(NB),)
	@echo "Say which notebook: make reset NB=02"; exit 1
else
	$(COURSE) reset $(NB)
endif

solutions:
	$(COURSE) solutions

# Re-execute every notebook headless (as nbval does) and store the outputs.
notebooks:
	$(COURSE) notebooks

# Learner copies (nbgrader's release format) into exercises/, for teachers.
exercises:
	$(COURSE) exercises --out exercises

# PyTorch (a CPU build, for comparison only) is installed for the benchmark alone.
# Idle and busy-core measurements, helpers against PyTorch per core; writes the tables
# into docs/performance.md, then prints the live playgrounds' frames and iterations per second.
bench: venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/playground.py

clean:
	rm -rf $(VENV) exercises test-artifacts .pytest_cache
