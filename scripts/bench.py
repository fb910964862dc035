#!/usr/bin/env python3
"""`make bench`: the table of issue 15 on the synthetic corpora of ../shared/bench/make_corpus.py.

For each corpus size it runs, interleaved in every round so machine load hits all alike:
Hugo (when installed, with git info, the peer), a cold `dossier build` (cache folder deleted
first), a warm build (nothing changed), a build after one document's prose was edited, and
`dossier check`. Each is timed with /usr/bin/time (wall, user+sys CPU, peak RSS) and the
median of the rounds is printed as a Markdown table.

    scripts/bench.py [--dossier .build/release/dossier] [--docs 1000 10000] [--runs 3] [--large]

`--large` adds a site of 100,000 documents (issue 15: it must build in at most 2 GB, in wall
time growing no faster than linearly from 10,000). It is slow — generating the corpus takes
minutes and each build several — so it runs one round, without Hugo, and is not the default.
The last table gives each size's cold build per 1,000 documents, so growth shows at a glance.

Corpora are generated once under $BENCH_DIR (default /tmp/dossier-bench), in the same layout
as compare.sh, so both reuse them. Set MAKE_CORPUS to the generator if it is not at
../shared/bench/make_corpus.py from the repository.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


LARGE_DOCS = 100_000


def make_corpus(root, docs, hugo_copy=True):
    corpus = os.path.join(root, f"corpus-{docs}")
    if os.path.exists(os.path.join(corpus, ".complete")):
        return corpus
    generator = os.environ.get("MAKE_CORPUS", os.path.join(REPO, "..", "shared", "bench", "make_corpus.py"))
    if not os.path.exists(generator):
        sys.exit(f"bench: no corpus generator at {generator}; set MAKE_CORPUS")
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(corpus + "-hugo", ignore_errors=True)
    print(f"bench: generating {docs} documents in {corpus}", file=sys.stderr)
    subprocess.run([sys.executable, generator, "--docs", str(docs), "--out", corpus], check=True)
    if not hugo_copy:
        open(os.path.join(corpus, ".complete"), "w").close()
        return corpus
    # Hugo reserves the front-matter key `outputs`; it gets a copy without it (as compare.sh does).
    shutil.copytree(corpus, corpus + "-hugo", symlinks=True)
    for folder, _, names in os.walk(os.path.join(corpus + "-hugo", "docs")):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if "\noutputs:" in text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text.replace("\noutputs:", "\nio_outputs:"))
    open(os.path.join(corpus, ".complete"), "w").close()
    return corpus


def timed(command):
    """(wall s, cpu s, peak MB) of one run; the command's output is discarded."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", out.name] + command,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, user, system, peak = out.read().split()[-4:]
    return float(wall), float(user) + float(system), int(peak) / 1024


def first_document(corpus):
    for folder, dirs, names in sorted(os.walk(os.path.join(corpus, "docs"))):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".md") and name != "_index.md":
                return os.path.join(folder, name)
    sys.exit("bench: no document to edit")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", default=os.path.join(REPO, ".build", "release", "dossier"))
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--large", action="store_true",
                    help=f"also {LARGE_DOCS:,} documents: one round, no Hugo (slow: tens of minutes)")
    a = ap.parse_args()
    sizes = [(docs, a.runs, True) for docs in a.docs]
    if a.large and LARGE_DOCS not in a.docs:
        sizes.append((LARGE_DOCS, 1, False))
    dossier = os.path.abspath(a.dossier)
    if not os.access(dossier, os.X_OK):
        sys.exit(f"bench: no dossier at {dossier}; run `make release` first")
    root = os.environ.get("BENCH_DIR", "/tmp/dossier-bench")
    os.makedirs(root, exist_ok=True)
    hugo = shutil.which("hugo")
    rows = []
    growth = []
    for docs, runs, with_hugo in sizes:
        corpus = make_corpus(root, docs, hugo_copy=with_hugo)
        out = os.path.join(root, f"bench-out-{docs}")
        cache = os.path.join(corpus, ".dossier-cache")
        edited = first_document(corpus)
        with open(edited, encoding="utf-8") as f:
            original = f.read()
        results = {}
        build = [dossier, "build", corpus, "-o", out]
        try:
            subprocess.run(build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the page cache
            for i in range(runs):
                if hugo and with_hugo:
                    results.setdefault("hugo", []).append(
                        timed([hugo, "--quiet", "--enableGitInfo", "-s", corpus + "-hugo"]))
                shutil.rmtree(cache, ignore_errors=True)
                results.setdefault("cold", []).append(timed(build))
                results.setdefault("warm", []).append(timed(build))
                with open(edited, "w", encoding="utf-8") as f:
                    f.write(original + f"\nAn edited sentence, round {i}.\n")
                results.setdefault("edit", []).append(timed(build))
                results.setdefault("check", []).append(timed([dossier, "check", corpus]))
        finally:
            with open(edited, "w", encoding="utf-8") as f:
                f.write(original)
        med = {k: tuple(statistics.median(r[j] for r in v) for j in range(3)) for k, v in results.items()}
        cold = med["cold"][0]
        growth.append(f"| {docs:,} | {runs} | {1000 * cold / docs:.3f} | {1000 * med['cold'][1] / docs:.3f} "
                      f"| {med['cold'][2]:.0f} |")
        labels = {"hugo": "Hugo, `hugo --enableGitInfo`", "cold": "`dossier build`, cold (cache folder deleted)",
                  "warm": "`dossier build`, nothing changed (cache)", "edit": "`dossier build`, one document edited (cache)",
                  "check": "`dossier check`"}
        for key in ["hugo", "cold", "warm", "edit", "check"]:
            if key not in med:
                continue
            wall, cpu, peak = med[key]
            if key == "cold" and "hugo" in med:
                note = f"{wall / med['hugo'][0]:.2f} of Hugo's wall, {peak / med['hugo'][2]:.2f} of its memory"
            elif key in ("warm", "edit"):
                note = f"{wall / cold:.0%} of the cold build's wall"
            else:
                note = ""
            rows.append(f"| {docs:,} | {labels[key]} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {note} |")
    print(f"Medians of {a.runs} interleaved rounds; wall and CPU (user+sys) in seconds, peak RSS in MB.\n")
    print("| docs | what | wall s | CPU s | peak MB | ratio |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    print("\nCold builds per 1,000 documents (linear growth keeps these flat).\n")
    print("| docs | rounds | wall s / 1,000 docs | CPU s / 1,000 docs | peak MB |")
    print("|---|---|---|---|---|")
    print("\n".join(growth))


if __name__ == "__main__":
    main()
