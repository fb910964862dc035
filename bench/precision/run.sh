#!/usr/bin/env bash
# run.sh BINARY [CASE…] — re-run the precision study with a given dossier binary.
#
# For each case (default: every docs/*/case.conf) it re-creates cases/NAME with make_case.sh when
# missing (or when REBUILD=1), runs `BINARY check --format json` at the replayed HEAD (and at the
# docs commit, tag docs-baseline), stores the reports in out/BINARY-LABEL/NAME.{head,baseline}.json,
# prints the findings per case as JSON, then matches every HEAD finding against verdicts.tsv and
# the expected findings in misses.tsv and prints a per-rule summary (true / false / partial /
# unjudged / missed). Unjudged findings are listed so they can be judged and appended to
# verdicts.tsv.
#
# Env: QUIET=1 prints the summary only; LABEL names the output folder (default: the
# binary's file name).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BIN="${1:?usage: run.sh BINARY [CASE…]}"; shift
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
[ -n "${DOSSIER_THEMES:-}" ] && export DOSSIER_THEMES
LABEL="${LABEL:-$(basename "$BIN")}"
OUT="$HERE/out/$LABEL"; mkdir -p "$OUT"
if [ $# -gt 0 ]; then CASES="$*"; else CASES=$(cd "$HERE/docs" && for d in */case.conf; do echo "${d%/case.conf}"; done); fi
for c in $CASES; do
  if [ "${REBUILD:-0}" = 1 ] || [ ! -d "$HERE/cases/$c/.git" ]; then "$HERE/make_case.sh" "$c" >&2; fi
  ( cd "$HERE/cases/$c"
    git checkout -q docs-baseline
    "$BIN" check . --format json > "$OUT/$c.baseline.json" 2>"$OUT/$c.baseline.stderr" || true
    git checkout -q dossier-study
    "$BIN" check . --format json > "$OUT/$c.head.json" 2>"$OUT/$c.head.stderr" || true
    # Optional checkpoints (CHECKPOINTS in case.conf): intermediate upstream commits, judged as case NAME@ID.
    CHECKPOINTS=""; . "$HERE/docs/$c/case.conf"
    for k in $CHECKPOINTS; do
      git checkout -q "up/$k"
      "$BIN" check . --format json > "$OUT/$c@$k.head.json" 2>"$OUT/$c@$k.head.stderr" || true
    done
    git checkout -q dossier-study )
  CHECKPOINTS=""; . "$HERE/docs/$c/case.conf"
  for k in $CHECKPOINTS; do ALL="${ALL:-} $c@$k"; done
  ALL="${ALL:-} $c"
done
python3 "$HERE/tools/judge.py" ${QUIET:+--quiet} --verdicts "$HERE/verdicts.tsv" --misses "$HERE/misses.tsv" --out "$OUT" $ALL
