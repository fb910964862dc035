#!/usr/bin/env bash
# make_case.sh NAME — re-create one precision-study case from the fetched mirror.
#
#   docs/NAME/case.conf   MIRROR (bare git dir from the search tool's fetch), OLD (the commit the
#                         docs are written at), TIP (the last real commit replayed), optional REPLAY
#                         (explicit list of commits; default: first-parent OLD..TIP).
#   docs/NAME/tree/       files a new user adds at OLD (docs/*.md, dossier.yml, or an edited
#                         model card), copied over the work tree at OLD; FILE.front-matter is
#                         prepended to the repository's own FILE.
#
# Result: cases/NAME, a git work copy on branch `dossier-study`:
#   OLD  ->  "Add Dossier docs" (tag docs-baseline)  ->  every replayed commit, one by one
#   (each tagged up/<7-char upstream id>).
# Each replayed commit applies the real change between consecutive snapshots (previous replayed
# commit, or OLD, -> this commit) with `git apply --3way`, and keeps the original message,
# author, author date, committer and committer date. Merges are flattened to their first-parent
# change (the branch's view), so history is linear.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME="${1:?usage: make_case.sh NAME}"
CONF="$HERE/docs/$NAME/case.conf"
[ -f "$CONF" ] || { echo "no $CONF" >&2; exit 2; }
# shellcheck disable=SC1090
. "$CONF"
REPO="$HERE/repos/$NAME"
CASE="$HERE/cases/$NAME"
[ -d "$REPO/.git" ] || git clone -q "$MIRROR" "$REPO"
rm -rf "$CASE"
git clone -q --no-checkout "$REPO" "$CASE"
cd "$CASE"
git config user.name "Dossier precision study"
git config user.email "study@example.invalid"
git config core.autocrlf false
git checkout -q -b dossier-study "$OLD"

# The docs commit: just after OLD by committer date.
base_ts=$(git show -s --format=%ct "$OLD")
docs_date="@$((base_ts + 60)) +0000"
cp -a "$HERE/docs/$NAME/tree/." .
# FILE.front-matter: front matter a new user adds on top of the repository's own FILE (a real model
# card needs only `kind: model`), kept apart so no upstream text is stored here.
find . -name '*.front-matter' -not -path './.git/*' | while read -r fm; do
  target="${fm%.front-matter}"
  { cat "$fm"; cat "$target"; } > "$target.new" && mv "$target.new" "$target" && rm "$fm"
done
git add -A
GIT_AUTHOR_DATE="$docs_date" GIT_COMMITTER_DATE="$docs_date" \
  git commit -q -m "Add Dossier docs (precision study)"
git tag -f docs-baseline >/dev/null

if [ -z "${REPLAY:-}" ]; then
  REPLAY=$(git rev-list --reverse --first-parent "$OLD..$TIP")
fi
prev="$OLD"
n=0
for c in $REPLAY; do
  c=$(git rev-parse "$c^{commit}")
  if ! git diff --quiet "$prev" "$c"; then
    if ! git diff --binary "$prev" "$c" | git apply --index --3way --whitespace=nowarn - 2>/tmp/apply.$$; then
      cat /tmp/apply.$$ >&2; rm -f /tmp/apply.$$
      echo "replay of $c failed (conflict with the docs commit)" >&2; exit 1
    fi
    rm -f /tmp/apply.$$
  fi
  GIT_COMMITTER_NAME="$(git show -s --format=%cn "$c")" \
  GIT_COMMITTER_EMAIL="$(git show -s --format=%ce "$c")" \
  GIT_COMMITTER_DATE="$(git show -s --format=%cI "$c")" \
    git commit -q --allow-empty --no-verify -C "$c"
  git tag -f "up/$(git rev-parse --short=7 "$c")" >/dev/null   # replayed copy of upstream commit c
  prev="$c"; n=$((n + 1))
done
# The replayed tree must equal TIP's tree apart from what the docs commit added/changed.
extra=$(git diff --name-only "$TIP" HEAD)
echo "case $NAME: docs at $(git rev-parse --short "$OLD"), replayed $n commits up to $(git rev-parse --short "$TIP"); files differing from TIP:" $extra
