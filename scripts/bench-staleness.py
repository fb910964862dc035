#!/usr/bin/env python3
"""Checks Dossier's staleness on a bench corpus (../shared/bench/make_corpus.py) against the
truth computed from git: a document is stale exactly when a file it covers (`code:`,
`implements:`, `sample:`…) changed in a commit after the last commit that touched it.

Usage: scripts/bench-staleness.py DOSSIER CORPUS
Prints the expected and reported counts and any difference; exits 1 on a difference.
"""
import json
import re
import subprocess
import sys

dossier, corpus = sys.argv[1], sys.argv[2]
log = subprocess.run(["git", "-C", corpus, "log", "--first-parent", "--name-only", "--format=@%H"],
                     capture_output=True, text=True, check=True).stdout
order, files_of = [], {}
for line in log.splitlines():
    if line.startswith("@"):
        order.append(line[1:])
        files_of[order[-1]] = set()
    elif line.strip():
        files_of[order[-1]].add(line.strip())
order.reverse()  # oldest first
index = {h: i for i, h in enumerate(order)}
last_touch = {}
for h in order:
    for f in files_of[h]:
        last_touch[f] = index[h]

expected = set()
for path in subprocess.run(["git", "-C", corpus, "ls-files", "docs"], capture_output=True, text=True).stdout.split():
    if not path.endswith(".md"):
        continue
    text = open(f"{corpus}/{path}", encoding="utf-8").read()
    front = text.split("---", 2)[1] if text.startswith("---") else ""
    covered = set()
    for key in ("code", "implements"):
        m = re.search(rf"^{key}: \[(.*)\]$", front, re.M)
        if m:
            covered |= {x.strip().split("#")[0] for x in m.group(1).split(",")}
    m = re.search(r"^sample: (.*)$", front, re.M)
    if m:
        covered.add(m.group(1).strip())
    baseline = last_touch.get(path, -1)
    if any(last_touch.get(f, -1) > baseline for f in covered):
        expected.add(path)

report = json.loads(subprocess.run([dossier, "check", "--format", "json", corpus], capture_output=True, text=True).stdout)
reported = {f["path"] for f in report["findings"] if f["rule"] == "staleness.stale"}
print(f"expected stale: {len(expected)}, reported stale: {len(reported)}")
print(f"missed: {sorted(expected - reported)[:10]}, extra: {sorted(reported - expected)[:10]}")
sys.exit(0 if expected == reported else 1)
