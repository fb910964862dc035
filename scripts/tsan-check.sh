#!/usr/bin/env bash
# Runs DossierCore's parallelMap under Thread Sanitizer; any race report fails the check.
# A whole-package TSan build takes many minutes on two cores; this compiles only the code that
# shares memory between threads, with a driver that hammers it, in a few seconds.
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
