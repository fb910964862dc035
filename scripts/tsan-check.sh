#!/usr/bin/env bash
# Runs DossierCore's parallelMap, its parallel stamp walk and background tasks, then DossierMarkdown's
# CMarkParser (parses on several threads at once), under Thread Sanitizer; any race report, or a parallel parse that differs from a serial
# one, fails the check. A whole-package TSan build takes many minutes on two cores; this compiles
# only the code that shares memory between threads, with drivers that hammer it, in seconds.
# Debian's cmark-gfm is not built with Thread Sanitizer, so its own memory is not watched; with
# CMARK_GFM_SOURCE=DIR (a cmark-gfm source tree: src/ and extensions/) the driver links a copy
# compiled with Thread Sanitizer instead, which reports cmark-gfm's shared table of special
# characters being written while another parse reads it (as it did with one lock-free parse of
# every text).
# Usage: [CMARK_GFM_SOURCE=DIR] scripts/tsan-check.sh [PARALLEL_SWIFT_FILE]
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

# The stamp walk on every core (`TreeWalk`, which `FileStamps` replays) and the background work of
# a build (`BackgroundTask`, `BackgroundResult`).
mkdir -p "$out/walk"
cp Tests/tsan/TreeWalkDriver.swift "$out/walk/main.swift"
swiftc -sanitize=thread -package-name Dossier -module-name TSanDriver -Onone \
  Sources/DossierCore/Support/FileStamps.swift Sources/DossierCore/Support/TreeWalk.swift \
  Sources/DossierCore/Support/FolderListing.swift Sources/DossierCore/Support/SkippedPaths.swift \
  Sources/DossierCore/Support/DirectoryEntry.swift \
  Sources/DossierCore/Support/StableDigest.swift Sources/DossierCore/Support/BackgroundTask.swift \
  Sources/DossierCore/Support/BackgroundResult.swift "$out/walk/main.swift" -o "$out/walk/driver"
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$out/walk/driver"

# CMarkParser with the few files it uses. Its `import DossierCore` finds an empty stand-in module:
# the DossierCore files it needs (ByteSearch, StringTrimming, ProjectPath) are compiled into the
# driver itself.
mkdir -p "$out/cmark" "$out/stub"
: > "$out/stub/DossierCore.swift"
swiftc -emit-module -package-name Dossier -module-name DossierCore "$out/stub/DossierCore.swift" \
  -o "$out/stub/DossierCore.swiftmodule"
cp Tests/tsan/CMarkParserDriver.swift "$out/cmark/main.swift"
cmark_link=()
if [ -n "${CMARK_GFM_SOURCE:-}" ]; then
  src=$CMARK_GFM_SOURCE
  mkdir -p "$out/cmark/gen" "$out/cmark/obj" "$out/cmark/lib"
  # The headers CMake would generate: features this compiler has, no symbol visibility.
  sed 's/#cmakedefine \(.*\)/#define \1 1/' "$src/src/config.h.in" > "$out/cmark/gen/config.h"
  sed 's/@PROJECT_VERSION_[A-Z]*@/0/g' "$src/src/cmark-gfm_version.h.in" > "$out/cmark/gen/cmark-gfm_version.h"
  printf '#define CMARK_GFM_EXPORT\n#define CMARK_GFM_NO_EXPORT\n' > "$out/cmark/gen/cmark-gfm_export.h"
  printf '#define CMARK_GFM_EXTENSIONS_EXPORT\n' > "$out/cmark/gen/cmark-gfm-extensions_export.h"
  for file in "$src"/src/*.c "$src"/extensions/*.c; do
    [ "$(basename "$file")" = main.c ] && continue
    clang -c -O1 -g -fsanitize=thread -I "$out/cmark/gen" -I "$src/src" -I "$src/extensions" "$file" \
      -o "$out/cmark/obj/$(basename "$(dirname "$file")")-$(basename "$file" .c).o"
  done
  ar rcs "$out/cmark/lib/libcmark-gfm.a" "$out"/cmark/obj/src-*.o
  ar rcs "$out/cmark/lib/libcmark-gfm-extensions.a" "$out"/cmark/obj/extensions-*.o
  cmark_link=(-L "$out/cmark/lib" -Xlinker -Bstatic -lcmark-gfm-extensions -lcmark-gfm -Xlinker -Bdynamic)
fi
swiftc -sanitize=thread "${cmark_link[@]}" -package-name Dossier -module-name TSanDriver -Onone -I "$out/stub" -I Sources/CCmarkGFM \
  Sources/DossierMarkdown/Markdown/CMarkParser.swift Sources/DossierMarkdown/Markdown/MarkdownNode.swift \
  Sources/DossierMarkdown/Markdown/MarkdownInputGuard.swift Sources/DossierMarkdown/Markdown/MarkdownParseNote.swift \
  Sources/DossierMarkdown/Markdown/MarkdownAnalysis.swift Sources/DossierMarkdown/Markdown/HeadingSlugger.swift \
  Sources/DossierMarkdown/Markdown/HTMLAnchor.swift Sources/DossierMarkdown/Markdown/CMarkArena.swift \
  Sources/DossierCore/Support/ByteSearch.swift Sources/DossierCore/Support/StringTrimming.swift \
  Sources/DossierCore/Support/ProjectPath.swift \
  "$source_file" "$out/cmark/main.swift" -o "$out/cmark/driver"
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$out/cmark/driver"
