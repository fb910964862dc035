#!/usr/bin/env bash
# Installs what Dossier needs on Debian/Ubuntu and is missing: Debian's cmark-gfm (both
# packages), and for the tests Chromium (browser test) and Node (search script tests).
# Usage: scripts/install-deps.sh [--test]
set -euo pipefail
packages=()
dpkg -s libcmark-gfm-dev >/dev/null 2>&1 || packages+=(libcmark-gfm-dev)
dpkg -s libcmark-gfm-extensions-dev >/dev/null 2>&1 || packages+=(libcmark-gfm-extensions-dev)
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
if [ "${1:-}" = "--test" ]; then
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
