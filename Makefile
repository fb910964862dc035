# The two commands of the README's quick start: `make demo` and `make test`.
.PHONY: demo test build release

# Installs what is missing, builds, and writes ExampleProject's site.
demo: release
	.build/release/dossier build ExampleProject -o ExampleProject/site

release:
	scripts/install-deps.sh
	swift build -c release --product dossier

build:
	scripts/install-deps.sh
	swift build

# Every test: the Swift suites (unit, golden, end-to-end, browser) and the search script's.
test:
	scripts/install-deps.sh --test
	swift build --build-tests
	node --test Tests/search-js/
	swift test --skip-build
