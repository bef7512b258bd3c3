# Thin wrappers: the logic lives in scripts/ so that it also runs without make.
PYTHON ?= python3
VENV_PY := .venv/bin/python

.PHONY: env book test lab notebooks stale chapter release bench hunt clean

env:
	@$(PYTHON) scripts/setup_env.py

book: env
	$(VENV_PY) scripts/build_book.py

test: env
	$(VENV_PY) scripts/run_tests.py

# JupyterLab on the student editions (notebooks/student/), with the course's environment.
lab: env
	.venv/bin/jupyter lab notebooks/student

notebooks: env
	$(VENV_PY) scripts/run_notebooks.py $(CHAPTER)

# Seconds: is every notebook generated from its .md as it is now? Names each stale chapter.
stale: env
	$(VENV_PY) -m pytest tests/test_repository.py tests/test_student_edition.py -q -p no:cacheprovider \
	  -k "generated_from_its_source or stored_cell_ids or regenerated_byte_for_byte"

# A new chapter from the template, in _toc.yml and chapter 00's map:
# make chapter NUMBER=12 NAME=service_design TITLE="Service design: blueprints"
chapter: env
	$(VENV_PY) scripts/new_chapter.py $(NUMBER) $(NAME) "$(TITLE)"

# Bump the version, point every Colab cell at the new tag, print the git commands: make release VERSION=0.4.0
release: env
	$(VENV_PY) scripts/release.py $(VERSION)

bench: env
	$(VENV_PY) scripts/bench.py

# Property tests with fresh random seeds (not part of make test): make hunt [ROUNDS=10]
hunt: env
	$(VENV_PY) scripts/hunt.py $(ROUNDS)

clean:
	rm -rf _build
