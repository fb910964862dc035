#!/usr/bin/env bash
# Installs what Dossier needs on Debian/Ubuntu and is missing: Debian's cmark-gfm (both
# packages) and SQLite; for the release build (--release, and --test, which builds it too) the static
# archives it links in and binutils, and Python for scripts/dist.py; for the tests Chromium
# (browser test), Node (search script tests) and Python's venv (wheel test).
# Usage: scripts/install-deps.sh [--release | --test]
set -euo pipefail
packages=()
dpkg -s libcmark-gfm-dev >/dev/null 2>&1 || packages+=(libcmark-gfm-dev)
dpkg -s libcmark-gfm-extensions-dev >/dev/null 2>&1 || packages+=(libcmark-gfm-extensions-dev)
# SQLite, to read MLflow's tracking store (mlflow.db).
dpkg -s libsqlite3-dev >/dev/null 2>&1 || packages+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
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
