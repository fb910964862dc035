#!/usr/bin/env bash
# Builds the release binary that the tarball, the wheel and the GitHub Action ship, so that it runs
# on a Linux without Swift or Dossier's build dependencies:
# - the Swift runtime and Foundation linked in (--static-swift-stdlib);
# - cmark-gfm, and libxml2 (which FoundationXML uses) with liblzma and zlib, linked from Debian's
#   static archives: a folder holding only the archives comes first on the library path (through
#   a copy of cmark-gfm's pkg-config file), and lld, unlike gold, takes archives in any order;
# - libxml2's few ICU calls (character set conversion, which it tries only after glibc's iconv)
#   bound to the ICU that Foundation already carries (its functions are ICU's, prefixed swift_),
#   instead of linking Debian's ICU: that would add a second 31 MB copy of ICU's data. The C API
#   of these functions has not changed between ICU 72 and 76; should libxml2 call another ICU
#   function, or should ICU's version change, the link fails and names it.
# What it still needs (libc, libm, libstdc++, libgcc_s) is on every glibc Linux and on the
# manylinux allow-list. Prints nothing but swift build's output; the binary is .build/release/dossier.
set -euo pipefail
cd "$(dirname "$0")/.."
static="$PWD/.build/static-libs"
libdir=$(pkg-config --variable=libdir libcmark-gfm)
mkdir -p "$static/lib" "$static/pkgconfig"
for lib in cmark-gfm cmark-gfm-extensions xml2 lzma z; do
  [ -f "$libdir/lib$lib.a" ] || { echo "release-build: $libdir/lib$lib.a is missing (scripts/install-deps.sh --release installs it)" >&2; exit 1; }
  ln -sf "$libdir/lib$lib.a" "$static/lib/lib$lib.a"
done
sed "s|^Libs:.*|Libs: -L$static/lib -lcmark-gfm -lcmark-gfm-extensions|" \
  "$(pkg-config --variable=pcfiledir libcmark-gfm)/libcmark-gfm.pc" > "$static/pkgconfig/libcmark-gfm.pc"
icu=$(nm -u "$libdir/libxml2.a" 2>/dev/null | sed -n 's/^ *U \(u[a-z]*_[A-Za-z0-9]*\)_\([0-9][0-9]*\)$/\1_\2/p; s/^ *U \(UCNV_[A-Z_]*\)_\([0-9][0-9]*\)$/\1_\2/p' | sort -u)
icu_flags=()
for symbol in $icu; do icu_flags+=(-Xlinker "--defsym=$symbol=swift_${symbol%_*}"); done
PKG_CONFIG_PATH="$static/pkgconfig" swift build -c release --product dossier --static-swift-stdlib \
  -Xswiftc -use-ld=lld "${icu_flags[@]}" -Xlinker -llzma -Xlinker -lz "$@"
