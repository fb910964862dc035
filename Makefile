# The two commands of the README's quick start: `make demo` and `make test`; `make dist` for the
# release archives; `make docs` for Dossier's own documentation; `make bench` for the performance
# table.
.PHONY: demo test build release dist docs bench

# Installs what is missing, builds, and writes ExampleProject's site. A debug build, which
# `make test` then reuses; `make release` builds the optimized binary for real projects.
demo: build
	.build/debug/dossier build ExampleProject -o ExampleProject/site

# Dossier's own documentation (docs/), built by Dossier: docs/site/index.html.
docs: build
	.build/debug/dossier build docs

# The optimized binary that releases ship, .build/release/dossier: the Swift runtime, cmark-gfm
# and libxml2 linked in, so it runs where no Swift is installed (scripts/release-build.sh).
release:
	scripts/install-deps.sh --release
	scripts/release-build.sh

# dist/dossier-VERSION-linux-ARCH.tar.gz and dist/dossier_docs-VERSION-py3-none-PLATFORM.whl,
# VERSION from the VERSION file (scripts/dist.py).
dist: release
	python3 scripts/dist.py .build/release/dossier dist

build:
	scripts/install-deps.sh
	swift build --product dossier

# Every test: the formatter's lint (.swift-format), the layer and Thread Sanitizer checks, the
# search script's (Node), the browser tests (headless Chromium from file://: search, then typeset
# formulas, drawn diagrams and notebook figures, then the navigation's table of contents and
# breadcrumbs at desktop and phone widths, then the lineage and drifted runs cells at phone width and
# in both colour schemes, then axe-core's accessibility check of five pages in light and dark at
# 1366 and 390 px, which also writes their screenshots to screenshots/, all on the built
# ExampleProject site; then no script from a hostile project's content runs), the release archives
# (the wheel in a fresh virtual environment with the Swift toolchain hidden; the GitHub Action's
# steps against them), then the Swift suites (unit, golden, end-to-end).
test:
	scripts/install-deps.sh --test
	swift build --build-tests
	swift format lint --strict -r Sources Tests Plugins Package.swift
	python3 scripts/check-layers.py
	scripts/tsan-check.sh
	node --test Tests/search-js/
	site=$$(mktemp -d) && .build/debug/dossier build ExampleProject -o $$site/site >/dev/null \
	  && python3 Tests/browser/search_test.py $$site/site \
	  && python3 Tests/browser/math_diagram_test.py $$site/site \
	  && python3 Tests/browser/nav_test.py $$site/site \
	  && python3 Tests/browser/lineage_test.py $$site/site .build/debug/dossier \
	  && python3 Tests/browser/a11y_test.py $$site/site screenshots; status=$$?; rm -rf $$site; exit $$status
	python3 Tests/browser/xss_test.py .build/debug/dossier
	$(MAKE) --no-print-directory dist
	Tests/dist/wheel_test.sh
	Tests/dist/action_test.sh
	swift test --skip-build

# Issue 15's table on synthetic corpora of 1,000 and 10,000 documents (cold, warm and one-edit
# builds, check, and Hugo when installed), measured with the release binary. Takes minutes.
bench: release
	scripts/bench.py --dossier .build/release/dossier
