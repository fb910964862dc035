#!/usr/bin/env bash
# Runs DossierCore's parallelMap, then DossierMarkdown's CMarkParser (parses on several threads at
# once), under Thread Sanitizer; any race report, or a parallel parse that differs from a serial
# one, fails the check. A whole-package TSan build takes many minutes on two cores; this compiles
# only the code that shares memory between threads, with drivers that hammer it, in seconds.
# Usage: scripts/tsan-check.sh [PARALLEL_SWIFT_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
source_file=${1:-Sources/DossierCore/Support/Parallel.swift}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp Tests/tsan/ParallelMapDriver.swift "$out/main.swift"
# `package` declarations need a package name when compiled outside SwiftPM.
swiftc -sanitize=thread -package-name Dossier -module-name TSanDriver -Onone \
  "$source_file" "$out/main.swift" -o "$out/driver"
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$out/driver"

# CMarkParser with the few files it uses. Its `import DossierCore` finds an empty stand-in module:
# the one DossierCore file it needs (ByteSearch) is compiled into the driver itself.
mkdir -p "$out/cmark" "$out/stub"
: > "$out/stub/DossierCore.swift"
swiftc -emit-module -package-name Dossier -module-name DossierCore "$out/stub/DossierCore.swift" \
  -o "$out/stub/DossierCore.swiftmodule"
cp Tests/tsan/CMarkParserDriver.swift "$out/cmark/main.swift"
swiftc -sanitize=thread -package-name Dossier -module-name TSanDriver -Onone -I "$out/stub" -I Sources/CCmarkGFM \
  Sources/DossierMarkdown/Markdown/CMarkParser.swift Sources/DossierMarkdown/Markdown/MarkdownNode.swift \
  Sources/DossierMarkdown/Markdown/MarkdownInputGuard.swift Sources/DossierMarkdown/Markdown/MarkdownParseNote.swift \
  Sources/DossierCore/Support/ByteSearch.swift "$source_file" "$out/cmark/main.swift" -o "$out/cmark/driver"
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$out/cmark/driver"
