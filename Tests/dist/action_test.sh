#!/usr/bin/env bash
# The GitHub Action (action.yml), run step by step the way a runner would: each step's script is
# taken from action.yml and run with the environment the runner gives it, against a release
# "server" made of the dist/ folder (curl reads file:// URLs as it reads the real release page).
#
# Usage: Tests/dist/action_test.sh   (after `make dist`)
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
version=$(cat VERSION)
arch=$(uname -m)
name=dossier-$version-linux-$arch
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
check() {  # check NAME COMMAND...
  local label=$1; shift
  if "$@" >"$tmp/output" 2>&1; then
    passed=$((passed + 1)); echo "ok: $label"
  else
    failed=$((failed + 1)); echo "FAILED: $label" >&2; tail -20 "$tmp/output" >&2
  fi
}
[ -f "dist/$name.tar.gz" ] || { echo "FAILED: dist/$name.tar.gz is missing; run make dist first" >&2; echo "action: 0 passed, 1 failed"; exit 1; }
[ "$arch" = x86_64 ] && runner_arch=X64 || runner_arch=ARM64

# The script of the step named $1, as the runner would run it.
step_script() {
  awk -v step="$1" '
    /^    - name: / { in_step = ($0 == "    - name: " step); in_run = 0; next }
    in_step && /^      run: \|$/ { in_run = 1; next }
    in_run && /^        / { print substr($0, 9); next }
    in_run && /^$/ { print ""; next }
    in_run { in_run = 0 }
  ' "$repo/action.yml" > "$tmp/step.sh"
  [ -s "$tmp/step.sh" ] || { echo "no step named $1 in action.yml" >&2; return 1; }
}
# run_step NAME [VAR=VALUE...]: runs a step with a fresh GITHUB_OUTPUT, in the workspace.
run_step() {
  local step=$1; shift
  step_script "$step" || return 1
  : > "$tmp/github_output"
  (cd "$tmp/workspace" && env GITHUB_OUTPUT="$tmp/github_output" GITHUB_PATH="$tmp/github_path" \
    GITHUB_STEP_SUMMARY="$tmp/summary.md" GITHUB_WORKSPACE="$tmp/workspace" GITHUB_REPOSITORY=Penguin-Lab/Classifier \
    RUNNER_OS=Linux RUNNER_ARCH=$runner_arch RUNNER_TEMP="$tmp/runner-temp" "$@" bash -e "$tmp/step.sh")
}
output() { sed -n "s/^$1=//p" "$tmp/github_output"; }

# The release "server" and a workspace: a clone of this repository, as actions/checkout makes.
mkdir -p "$tmp/server/org/dossier/releases/download/v$version" "$tmp/runner-temp" "$tmp/_actions/org/dossier/v$version"
cp "dist/$name.tar.gz" "dist/$name.tar.gz.sha256" "$tmp/server/org/dossier/releases/download/v$version/"
cp VERSION "$tmp/_actions/org/dossier/v$version/"
git clone --quiet --no-local "$repo" "$tmp/workspace"

install_from_release() {
  run_step "Install Dossier" INPUT_VERSION= INPUT_DOSSIER= ACTION_PATH="$repo" ACTION_REPOSITORY=org/dossier SERVER_URL="file://$tmp/server" &&
  [ "$(output dossier)" = "$tmp/runner-temp/dossier-$version/$name/dossier" ] && "$(output dossier)" --help &&
  grep -qx "$tmp/runner-temp/dossier-$version/$name" "$tmp/github_path"
}
check "Install Dossier downloads the release for the runner, checks its sha256 and puts it on PATH" install_from_release
install_tampered() {
  rm -rf "$tmp/runner-temp/dossier-$version"
  echo "0000000000000000000000000000000000000000000000000000000000000000  $name.tar.gz" > "$tmp/bad.sha256"
  cp "$tmp/bad.sha256" "$tmp/server/org/dossier/releases/download/v$version/$name.tar.gz.sha256"
  ! run_step "Install Dossier" INPUT_VERSION= INPUT_DOSSIER= ACTION_PATH="$repo" ACTION_REPOSITORY=org/dossier SERVER_URL="file://$tmp/server"
  local status=$?
  cp "dist/$name.tar.gz.sha256" "$tmp/server/org/dossier/releases/download/v$version/"
  return $status
}
check "a download whose sha256 does not match fails" install_tampered
install_repository_from_path() {
  rm -rf "$tmp/runner-temp/dossier-$version"
  run_step "Install Dossier" INPUT_VERSION="v$version" INPUT_DOSSIER= ACTION_PATH="$tmp/_actions/org/dossier/v$version" ACTION_REPOSITORY= SERVER_URL="file://$tmp/server" &&
  test -x "$(output dossier)"
}
check "without github.action_repository, the repository comes from the action's path" install_repository_from_path
binary=$tmp/runner-temp/dossier-$version/$name/dossier

check_example() {
  run_step "Check the docs" DOSSIER="$binary" PROJECT=ExampleProject STRICT=false BASELINE= &&
  [ "$(output status)" = 0 ] && grep -q "Dossier documentation check" "$tmp/summary.md" && ! grep -q "shallow clone" "$tmp/output"
}
check "Check the docs passes ExampleProject and writes the job summary" check_example
check_shallow() {
  git clone --quiet --depth 1 "file://$repo" "$tmp/shallow" &&
  run_step "Check the docs" DOSSIER="$binary" PROJECT="$tmp/shallow/ExampleProject" STRICT=false BASELINE= &&
  grep -q "::warning title=Dossier: shallow clone::.*fetch-depth: 0" "$tmp/output" && grep -q "staleness.no-history\|unknown" "$tmp/output"
}
check "on a shallow clone it explains fetch-depth: 0" check_shallow
check_broken() {
  mkdir -p "$tmp/workspace/broken" && printf -- '---\nkind: schema\nsource: nowhere\n---\n# S\n' > "$tmp/workspace/broken/s.md" &&
  run_step "Check the docs" DOSSIER="$binary" PROJECT=broken STRICT=false BASELINE= &&
  [ "$(output status)" = 1 ] && grep -q "^::error file=s.md,line=3" "$tmp/output"
}
check "a dangling reference is an annotation and status 1 (the last step then fails the job)" check_broken
bad_invocation() {
  ! run_step "Check the docs" DOSSIER="$binary" PROJECT=no-such-folder STRICT=false BASELINE= && [ "$(output status)" = 2 ]
}
check "a bad invocation fails the check step itself" bad_invocation
build_site() {
  run_step "Build the site" DOSSIER="$binary" PROJECT=ExampleProject OUTPUT=_site BASE_URL= &&
  [ "$(output site)" = _site ] && test -f "$tmp/workspace/_site/index.html" -a -f "$tmp/workspace/_site/.nojekyll" &&
  grep -q "https://penguin-lab.github.io/Classifier/index.html" "$tmp/workspace/_site/sitemap.xml"
}
check "Build the site writes _site for Pages with the repository's Pages address" build_site
build_broken() {
  run_step "Build the site" DOSSIER="$binary" PROJECT=broken OUTPUT=_broken BASE_URL=https://docs.example.org/ &&
  test -f "$tmp/workspace/_broken/index.html" && grep -q "https://docs.example.org/index.html" "$tmp/workspace/_broken/sitemap.xml"
}
check "failing findings still give a site, at base-url" build_broken

readme_pins_this_version() { grep -q "uses: your-org/dossier@v$version\$" README.md && grep -q "rev: v$version\$" README.md; }
check "the README's workflow and pre-commit config pin the version in VERSION ($version)" readme_pins_this_version

echo "action: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
