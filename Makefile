# The two commands of the README's quick start: `make demo` and `make test`.
.PHONY: demo test build release docs

# Installs what is missing, builds, and writes ExampleProject's site. A debug build, which
# `make test` then reuses; `make release` builds the optimized binary for real projects.
demo: build
	.build/debug/dossier build ExampleProject -o ExampleProject/site

# Dossier's own documentation (docs/), built by Dossier: docs/site/index.html.
docs: build
	.build/debug/dossier build docs

release:
	scripts/install-deps.sh
	swift build -c release --product dossier

build:
	scripts/install-deps.sh
	swift build --product dossier

# Every test: the search script's (Node), the browser tests (headless Chromium from file://: search
# on the built ExampleProject site, then no script from a hostile project's content runs), then the
# Swift suites (unit, golden, end-to-end).
test:
	scripts/install-deps.sh --test
	swift build --build-tests
	python3 scripts/check-layers.py
	scripts/tsan-check.sh
	node --test Tests/search-js/
	site=$$(mktemp -d) && .build/debug/dossier build ExampleProject -o $$site/site >/dev/null \
	  && python3 Tests/browser/search_test.py $$site/site; status=$$?; rm -rf $$site; exit $$status
	python3 Tests/browser/xss_test.py .build/debug/dossier
	swift test --skip-build
