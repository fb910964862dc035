#!/usr/bin/env bash
# Installs what Dossier needs on Debian/Ubuntu and is missing: Debian's cmark-gfm (both
# packages), SQLite (MLflow's mlflow.db), KaTeX and its fonts (pages with math), Graphviz (```dot
# diagrams) and Mermaid's script (vendored from the PyPI package artoo-mermaid into
# /usr/local/share/dossier/mermaid, checked against its published sha256); for the release build
# (--release, and --test, which builds it too) the static archives it links in and binutils, and
# Python for scripts/dist.py; for the tests Chromium (browser tests), Node (search script tests),
# Python's venv (wheel test) and axe-core's script (accessibility test; vendored from the PyPI
# package axe-playwright-python into /usr/local/share/dossier/axe, checked against its sha256).
# Usage: scripts/install-deps.sh [--release | --test]
set -euo pipefail
packages=()
dpkg -s libcmark-gfm-dev >/dev/null 2>&1 || packages+=(libcmark-gfm-dev)
dpkg -s libcmark-gfm-extensions-dev >/dev/null 2>&1 || packages+=(libcmark-gfm-extensions-dev)
# SQLite, to read MLflow's tracking store (mlflow.db).
dpkg -s libsqlite3-dev >/dev/null 2>&1 || packages+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
dpkg -s libjs-katex >/dev/null 2>&1 || packages+=(libjs-katex)
dpkg -s fonts-katex >/dev/null 2>&1 || packages+=(fonts-katex)
command -v dot >/dev/null 2>&1 || packages+=(graphviz)
if [ "${1:-}" = "--release" ] || [ "${1:-}" = "--test" ]; then
  for package in libxml2-dev liblzma-dev zlib1g-dev binutils; do
    dpkg -s "$package" >/dev/null 2>&1 || packages+=("$package")
  done
  command -v python3 >/dev/null 2>&1 || packages+=(python3)
fi
if [ "${1:-}" = "--test" ]; then
  python3 -c 'import ensurepip' >/dev/null 2>&1 || packages+=(python3-venv)
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v git >/dev/null 2>&1 || packages+=(git)
fi
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${packages[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# Mermaid 11.16.0's mermaid.min.js (MIT), as the wheel artoo-mermaid ships it.
mermaid_dir=/usr/local/share/dossier/mermaid
mermaid_sha=74d7c46dabca328c2294733910a8aa1ed0c37451776e8d5295da38a2b758fb9b
if ! echo "$mermaid_sha  $mermaid_dir/mermaid.min.js" | sha256sum -c --status 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v pip3 >/dev/null 2>&1 || { $sudo apt-get update -qq; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-pip >/dev/null; }
  wheel_dir=$(mktemp -d)
  echo "Vendoring mermaid.min.js from artoo-mermaid" >&2
  pip3 download -q --no-deps --only-binary :all: --python-version 3.12 -d "$wheel_dir" artoo-mermaid==11.16.0
  python3 - "$wheel_dir" <<'PY'
import glob, sys, zipfile
wheel = zipfile.ZipFile(glob.glob(sys.argv[1] + "/artoo_mermaid-*.whl")[0])
for name in ("mermaid.min.js", "NOTICE.md"):
    open(sys.argv[1] + "/" + name, "wb").write(wheel.read("artoo_mermaid/assets/" + name))
PY
  echo "$mermaid_sha  $wheel_dir/mermaid.min.js" | sha256sum -c --status
  $sudo mkdir -p "$mermaid_dir"
  $sudo cp "$wheel_dir/mermaid.min.js" "$wheel_dir/NOTICE.md" "$mermaid_dir/"
  rm -rf "$wheel_dir"
fi

# axe-core 4.12.1's axe.min.js (MPL-2.0), as the wheel axe-playwright-python 0.1.8 ships it, for
# Tests/browser/a11y_test.py. Only the test setup needs it; the site never loads it.
if [ "${1:-}" = "--test" ]; then
  axe_dir=/usr/local/share/dossier/axe
  axe_sha=84494fec757e4710dc751c8d7a636e457f4532f08f85c86dc9070133fbff53bc
  if ! echo "$axe_sha  $axe_dir/axe.min.js" | sha256sum -c --status 2>/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    command -v pip3 >/dev/null 2>&1 || { $sudo apt-get update -qq; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-pip >/dev/null; }
    wheel_dir=$(mktemp -d)
    echo "Vendoring axe.min.js from axe-playwright-python" >&2
    pip3 download -q --no-deps --only-binary :all: --python-version 3.12 -d "$wheel_dir" axe-playwright-python==0.1.8
    python3 - "$wheel_dir" <<'PY'
import glob, sys, zipfile
wheel = zipfile.ZipFile(glob.glob(sys.argv[1] + "/axe_playwright_python-*.whl")[0])
script = wheel.read("axe_playwright_python/axe.min.js")
open(sys.argv[1] + "/axe.min.js", "wb").write(script)
# axe-core's own notice is the comment that opens the script; the wheel's LICENSE is its wrapper's.
header = script.split(b"*/", 1)[0] + b"*/\n"
notice = (b"axe.min.js is axe-core 4.12.1 (https://github.com/dequelabs/axe-core), MPL-2.0\n"
          b"(https://mozilla.org/MPL/2.0/), taken unchanged from the PyPI wheel axe-playwright-python 0.1.8.\n\n"
          + header + b"\nThe wheel's own license (MIT):\n\n"
          + wheel.read("axe_playwright_python-0.1.8.dist-info/licenses/LICENSE"))
open(sys.argv[1] + "/NOTICE.md", "wb").write(notice)
PY
    echo "$axe_sha  $wheel_dir/axe.min.js" | sha256sum -c --status
    $sudo mkdir -p "$axe_dir"
    $sudo cp "$wheel_dir/axe.min.js" "$wheel_dir/NOTICE.md" "$axe_dir/"
    # The license's full text, as Debian's base-files carries it.
    [ ! -f /usr/share/common-licenses/MPL-2.0 ] || $sudo cp /usr/share/common-licenses/MPL-2.0 "$axe_dir/LICENSE"
    rm -rf "$wheel_dir"
  fi
fi
