#!/usr/bin/env python3
"""Checks Dossier's staleness on a bench corpus (../shared/bench/make_corpus.py) against the
truth computed from git with SPEC 1.6's content semantics: a document is stale exactly when a
file it covers (`code:`, `implements:` files, `sample:`) has different content now than at the
last commit that touched the document — CRLF read as LF, a CSV sample by its header only (its
columns), never by commit counting. (`#symbol` references are counted as their whole file; the
corpus always covers that file with `code:` too, so this is exact for it.)

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
last_touch = {}
for h in order:
    for f in files_of[h]:
        last_touch[f] = h

# One `cat-file --batch` for every old version (never one git process per file).
batch = subprocess.Popen(["git", "-C", corpus, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def old_content(commit, path):
    batch.stdin.write(f"{commit}:{path}\n".encode())
    batch.stdin.flush()
    header = batch.stdout.readline().split()
    if len(header) != 3:
        return None
    data = batch.stdout.read(int(header[2]))
    batch.stdout.read(1)
    return data


def counted(path, data):
    """What counts for staleness: a CSV's header, any other file's bytes with CRLF as LF."""
    if data is None:
        return None
    data = data.replace(b"\r\n", b"\n")
    return data.split(b"\n", 1)[0] if path.endswith(".csv") else data


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
    baseline = last_touch.get(path)
    if baseline is None:
        continue
    for f in sorted(covered):
        try:
            now = open(f"{corpus}/{f}", "rb").read()
        except OSError:
            continue
        if counted(f, old_content(baseline, f)) != counted(f, now):
            expected.add(path)
            break

report = json.loads(subprocess.run([dossier, "check", "--format", "json", corpus], capture_output=True, text=True).stdout)
reported = {f["path"] for f in report["findings"] if f["rule"] == "staleness.stale"}
print(f"expected stale: {len(expected)}, reported stale: {len(reported)}")
print(f"missed: {sorted(expected - reported)[:10]}, extra: {sorted(reported - expected)[:10]}")
sys.exit(0 if expected == reported else 1)
