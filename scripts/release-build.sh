#!/usr/bin/env bash
# Builds the release binary that the tarball, the wheel and the GitHub Action ship, so that it runs
# on a Linux without Swift or Dossier's build dependencies:
# - the Swift runtime and Foundation linked in (--static-swift-stdlib);
# - cmark-gfm, SQLite and libxml2 (which FoundationXML uses) linked from Debian's static archives: a folder
#   holding only those comes first on the library path (through a copy of cmark-gfm's pkg-config
#   file), and lld, unlike gold, takes archives in any order. In that folder `libxml2.a` is a
#   linker script that adds what libxml2 needs (liblzma, zlib) and binds its few ICU calls
#   (character set conversion, tried only after glibc's iconv) to the ICU that Foundation already
#   carries (the same functions, prefixed swift_) instead of linking Debian's ICU, which would add
#   a second 31 MB copy of ICU's data. The C API of these functions is the same in ICU 72 and 76;
#   should libxml2 call more of ICU, the link fails and names the symbol. Only links that use
#   libxml2 read the script, so the build's own tools link as usual.
# What the binary still needs (libc, libm, libstdc++, libgcc_s) is on every glibc Linux and on the
# manylinux allow-list. Prints swift build's output; the binary is .build/release/dossier.
set -euo pipefail
cd "$(dirname "$0")/.."
static="$PWD/.build/static-libs"
libdir=$(pkg-config --variable=libdir libcmark-gfm)
rm -rf "$static"
mkdir -p "$static/lib" "$static/pkgconfig"
for lib in cmark-gfm cmark-gfm-extensions xml2 lzma z sqlite3; do
  [ -f "$libdir/lib$lib.a" ] || { echo "release-build: $libdir/lib$lib.a is missing (scripts/install-deps.sh --release installs it)" >&2; exit 1; }
done
ln -s "$libdir/libcmark-gfm.a" "$libdir/libcmark-gfm-extensions.a" "$libdir/libsqlite3.a" "$static/lib/"
{
  echo "/* libxml2 for Dossier's release link: written by scripts/release-build.sh. */"
  echo "INPUT($libdir/libxml2.a $libdir/liblzma.a $libdir/libz.a)"
  nm -u "$libdir/libxml2.a" 2>/dev/null \
    | sed -n 's/^ *U \(u[a-z]*_[A-Za-z0-9]*\|UCNV_[A-Z_]*\)_\([0-9][0-9]*\)$/\1 \2/p' | sort -u \
    | while read -r name icu_version; do echo "PROVIDE(${name}_$icu_version = swift_$name);"; done
} > "$static/lib/libxml2.a"
sed "s|^Libs:.*|Libs: -L$static/lib -lcmark-gfm -lcmark-gfm-extensions|" \
  "$(pkg-config --variable=pcfiledir libcmark-gfm)/libcmark-gfm.pc" > "$static/pkgconfig/libcmark-gfm.pc"
# SQLite (MLflow's mlflow.db) from its static archive too; it needs only libm and libc beyond itself.
sed "s|^Libs:.*|Libs: -L$static/lib -lsqlite3 -lm|; s|^Libs.private:.*||" \
  "$(pkg-config --variable=pcfiledir sqlite3)/sqlite3.pc" > "$static/pkgconfig/sqlite3.pc"
# Dossier's own modules are always compiled afresh: SwiftPM's incremental release build can keep
# an executable compiled against an older layout of a type from another module (a serve that
# allocated DevServer at its old size corrupted the heap). The dependencies stay cached, and the
# project's modules are most of a release build's time either way.
# SwiftPM's saved build plan (description.json) names those folders' output file maps: planned
# again, or the build stops with "unable to load output file map".
rm -rf .build/*/release/dossier.build .build/*/release/Dossier*.build .build/*/release/description.json
PKG_CONFIG_PATH="$static/pkgconfig" swift build -c release --product dossier --static-swift-stdlib -Xswiftc -use-ld=lld "$@"
