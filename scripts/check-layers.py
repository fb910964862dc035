#!/usr/bin/env python3
"""Fails when a source file imports a target of this package that its own target does not list
as a dependency in Package.swift, the one place the allowed edges between stages are written.

SwiftPM can find an undeclared sibling module in the build folder, so the compiler alone does not
keep the layers apart; this check does. Usage: scripts/check-layers.py [PACKAGE_DIR]
"""
import json
import os
import re
import subprocess
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True,
                                     capture_output=True, text=True).stdout)
targets = {t["name"]: t for t in manifest["targets"]}


def dependency_names(target):
    names = set()
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def source_folder(target):
    if target.get("path"):
        return os.path.join(root, target["path"])
    base = "Tests" if target["type"] == "test" else "Sources"
    return os.path.join(root, base, target["name"])


IMPORT = re.compile(r"^\s*(?:@testable\s+|@_exported\s+)?import\s+(?:(?:struct|enum|class|func)\s+)?(\w+)", re.M)
problems = []
for name, target in sorted(targets.items()):
    if target["type"] == "system":
        continue
    allowed = dependency_names(target)
    folder = source_folder(target)
    for directory, _, files in os.walk(folder):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(directory, file)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            for match in IMPORT.finditer(text):
                module = match.group(1)
                if module in targets and module != name and module not in allowed:
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"{os.path.relpath(path, root)}:{line}: {name} imports {module}, "
                                    f"which is not among its dependencies in Package.swift")
for problem in problems:
    print(problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"layers: {len(targets)} targets import only what Package.swift allows")
