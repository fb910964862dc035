#!/usr/bin/env bash
# The installable Dossier (issue 14), tested as a user gets it: the wheel that `make dist` wrote is
# installed into a fresh virtual environment, and that `dossier`, and the one from the release
# tarball, build ExampleProject while the Swift toolchain's folder, the checkout's Themes/ and the
# build machine's cmark-gfm and libxml2 libraries are hidden (tmpfs and /dev/null mounted over
# them in a private mount namespace), from a folder with no Themes/ beside it. A runtime library
# the binary still needs, or a theme it cannot find, fails here. The site must be byte-identical
# to the one the debug build writes from Themes/default.
#
# Usage: Tests/dist/wheel_test.sh   (after `make dist`; as root, or where `unshare -rm` works)
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

if [ "${DOSSIER_WHEEL_TEST_NAMESPACE:-}" != 1 ]; then
  flags=-m
  [ "$(id -u)" -eq 0 ] || flags=-rm
  DOSSIER_WHEEL_TEST_NAMESPACE=1 exec unshare $flags --propagation private "$0" "$@"
fi

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() {  # check NAME COMMAND...: runs COMMAND, counts it, shows its output when it fails
  local name=$1; shift
  if "$@" >"$tmp/output" 2>&1; then
    passed=$((passed + 1)); echo "ok: $name"
  else
    failed=$((failed + 1)); echo "FAILED: $name" >&2; tail -20 "$tmp/output" >&2
  fi
}
# A clean environment: no DOSSIER_THEMES, no toolchain on PATH, the wheel's bin/ first.
run() { env -i HOME="$tmp/home" PATH="$tmp/venv/bin:/usr/bin:/bin" LANG=C.UTF-8 "$@"; }
builds_like_reference() {  # builds_like_reference BINARY: builds ExampleProject, compares with the reference
  run "$1" build "$repo/ExampleProject" -o "$tmp/site" && diff -r "$tmp/reference" "$tmp/site" && rm -rf "$tmp/site"
}
is_manylinux() { [[ $wheel == *-manylinux_*_"$arch".whl ]]; }
fails() { ! "$@"; }
overrides_shadow() {
  mkdir -p "$tmp/tiny/overrides/assets" && printf '# Tiny\n\nA page.\n' > "$tmp/tiny/README.md" &&
  printf 'body { color: teal }\n' > "$tmp/tiny/overrides/assets/dossier.css" &&
  run dossier build "$tmp/tiny" && grep -q teal "$tmp/tiny/site/dossier/assets/dossier.css" &&
  cmp "$tmp/tiny/site/dossier/assets/search.js" "$tmp/search.js"
}

version=$(cat VERSION)
arch=$(uname -m)
tarball=dist/dossier-$version-linux-$arch.tar.gz
wheels=(dist/dossier_docs-"$version"-py3-none-*.whl)
wheel=${wheels[0]}
for file in "$wheel" "$tarball"; do
  [ -f "$file" ] || { echo "FAILED: $file is missing; run make dist first" >&2; echo "dist: 0 passed, 1 failed"; exit 1; }
done

# Before anything is hidden: the reference site from the debug build, a fresh virtual environment
# with the wheel, the unpacked tarball.
reference_binary=$repo/.build/debug/dossier
[ -x "$reference_binary" ] || swift build --product dossier >/dev/null
"$reference_binary" build ExampleProject -o "$tmp/reference" >/dev/null || { echo "FAILED: the debug build of ExampleProject" >&2; exit 1; }
cp Themes/default/assets/search.js "$tmp/search.js"
mkdir -p "$tmp/tar" "$tmp/empty" "$tmp/home"
python3 -m venv "$tmp/venv"
check "the wheel installs into a fresh virtual environment" \
  "$tmp/venv/bin/pip" install --no-index --no-deps --disable-pip-version-check "$wheel"
check "it puts an executable dossier in the environment's bin/" test -x "$tmp/venv/bin/dossier"
check "the wheel is tagged manylinux: it needs only allow-listed system libraries" is_manylinux
check "the tarball unpacks to the binary and the README" \
  sh -c "tar -xzf '$tarball' -C '$tmp/tar' && test -x '$tmp/tar/dossier-$version-linux-$arch/dossier' -a -f '$tmp/tar/dossier-$version-linux-$arch/README.md'"

# Hide what a user's machine does not have.
swiftc=$(command -v swiftc || true)
toolchain=/opt/swift
[ -n "$swiftc" ] && toolchain=$(cd "$(dirname "$(readlink -f "$swiftc")")/../.." && pwd)
[ -d "$toolchain" ] && mount -t tmpfs none "$toolchain"
mount -t tmpfs none "$repo/Themes"
for library in $(readlink -f /usr/lib/*/libcmark-gfm*.so* /usr/lib/*/libxml2.so* 2>/dev/null | sort -u); do
  mount --bind /dev/null "$library"
done
check "the toolchain folder ($toolchain) is hidden" test ! -e "$toolchain/usr"
check "the checkout's Themes/ is hidden" test ! -e "$repo/Themes/default"
check "the debug build, which needs the toolchain's runtime, no longer starts (so this test would notice)" \
  fails "$reference_binary" --help

cd "$tmp/empty"
check "the wheel's dossier runs" run dossier --help
check "it builds ExampleProject, byte-identical to the debug build from Themes/default" builds_like_reference dossier
check "python -m dossier_docs check ExampleProject passes" run python -m dossier_docs check "$repo/ExampleProject"
check "the tarball's dossier builds ExampleProject identically" builds_like_reference "$tmp/tar/dossier-$version-linux-$arch/dossier"
check "a project's overrides/ still shadows the built-in theme" overrides_shadow

echo "dist: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
