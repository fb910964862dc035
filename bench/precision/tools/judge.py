#!/usr/bin/env python3
"""Match a dossier run's findings against the hand-made verdicts of the precision study.

verdicts.tsv  case  rule  path  fragment  verdict  severity  reason
  A finding matches a row when case, rule and path are equal and the row's fragment occurs in
  the finding's message (re:PATTERN for a regular expression). A stale finding usually matches several rows, one per item it names
  (a file or path#symbol); each item is judged on its own.
  verdict: true (a real lag/contradiction a reader of the diffs would want reported) or false.
  severity: for true rows, the severity SPEC 1.6 asks for ("" = either).
  Finding verdict: all matched rows true (and severity as expected) -> true; all false -> false;
  mixed, or true with the wrong severity -> partial; no row -> unjudged.
misses.tsv    case  rule  path  fragment  description
  What a reader of the diffs wanted reported. Found when a HEAD finding has that case, rule
  (fnmatch pattern) and path and contains the fragment.
"""
import argparse, csv, fnmatch, json, os, re, sys
from collections import defaultdict, OrderedDict

def read_tsv(path, fields):
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, newline="") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            parts += [""] * (len(fields) - len(parts))
            rows.append(dict(zip(fields, parts)))
    return rows

def contains(message, fragment):
    """A fragment is a plain substring, or a regular expression when written re:PATTERN."""
    if fragment.startswith("re:"):
        return re.search(fragment[3:], message) is not None
    return fragment in message

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verdicts", required=True)
    ap.add_argument("--misses", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--quiet", action="store_true", help="summary only, no per-case findings")
    ap.add_argument("cases", nargs="+")
    a = ap.parse_args()
    verdicts = read_tsv(a.verdicts, ["case", "rule", "path", "fragment", "verdict", "severity", "reason"])
    misses = read_tsv(a.misses, ["case", "rule", "path", "fragment", "description"])
    per_rule = defaultdict(lambda: defaultdict(int))
    unjudged, partials, all_cases = [], [], OrderedDict()
    used = set()
    for case in a.cases:
        path = os.path.join(a.out, f"{case}.head.json")
        try:
            report = json.load(open(path))
        except Exception as e:  # a crash or non-JSON output is itself a result
            print(f"{case}: cannot read {path}: {e}", file=sys.stderr)
            report = {"findings": []}
        judged = []
        for f in report.get("findings", []):
            rows = [(i, v) for i, v in enumerate(verdicts)
                    if v["case"] == case and v["rule"] == f["rule"] and v["path"] == f["path"]
                    and contains(f["message"], v["fragment"])]
            used.update(i for i, _ in rows)
            kinds = {v["verdict"] for _, v in rows}
            why = [f'{v["fragment"]}: {v["verdict"]} — {v["reason"]}' for _, v in rows]
            if not rows:
                verdict = "unjudged"
            elif kinds == {"true"}:
                wrong = [v for _, v in rows if v["severity"] and v["severity"] != f["severity"]]
                verdict = "partial" if wrong else "true"
                if wrong:
                    why.append(f'severity {f["severity"]}, SPEC asks {wrong[0]["severity"]}')
            elif kinds == {"false"}:
                verdict = "false"
            else:
                verdict = "partial"
            per_rule[f["rule"]][verdict] += 1
            item = {"rule": f["rule"], "severity": f["severity"], "path": f["path"], "line": f.get("line"),
                    "message": f["message"], "verdict": verdict, "why": why}
            judged.append(item)
            if verdict == "unjudged":
                unjudged.append((case, item))
            if verdict == "partial":
                partials.append((case, item))
        all_cases[case] = judged
    found_misses, open_misses = [], []
    for m in misses:
        if m["case"] not in all_cases:
            continue
        hit = any(fnmatch.fnmatch(f["rule"], m["rule"]) and f["path"] == m["path"] and contains(f["message"], m["fragment"])
                  for f in all_cases[m["case"]])
        (found_misses if hit else open_misses).append(m)
        if not hit:
            per_rule[m["rule"]]["missed"] += 1
    stale_rows = [v for i, v in enumerate(verdicts) if i not in used and v["case"] in all_cases]
    if not a.quiet:
        print(json.dumps({"cases": all_cases}, indent=1, ensure_ascii=False))
    cols = ["true", "false", "partial", "unjudged", "missed"]
    print("\n%-45s %6s %6s %8s %9s %7s" % ("rule", *cols))
    tot = defaultdict(int)
    for rule in sorted(per_rule):
        r = per_rule[rule]
        for c in cols:
            tot[c] += r[c]
        print("%-45s %6d %6d %8d %9d %7d" % (rule, *(r[c] for c in cols)))
    print("%-45s %6d %6d %8d %9d %7d" % ("TOTAL", *(tot[c] for c in cols)))
    judged_n = tot["true"] + tot["false"] + tot["partial"]
    if judged_n:
        print(f"precision (true / judged findings): {tot['true']}/{judged_n} = {100 * tot['true'] / judged_n:.0f}%")
    if partials:
        print("\npartial findings:")
        for case, f in partials:
            print(f"  [{case}] {f['path']}: {f['message'][:140]}\n      " + "\n      ".join(f["why"]))
    if unjudged:
        print("\nunjudged findings (judge them and add rows to verdicts.tsv):")
        for case, f in unjudged:
            print(f"  [{case}] {f['rule']} {f['path']}:{f['line']}: {f['message']}")
    print(f"\nmisses now reported: {len(found_misses)}; still missed: {len(open_misses)}")
    for m in open_misses:
        print(f"  [{m['case']}] {m['rule']} {m['path']}: {m['description']}")
    if stale_rows:
        print(f"\nverdict rows no finding matched ({len(stale_rows)}; fine when the binary no longer reports them):")
        for v in stale_rows:
            print(f"  [{v['case']}] {v['rule']} {v['path']} '{v['fragment']}' ({v['verdict']})")
    json.dump({"per_rule": per_rule, "cases": all_cases, "open_misses": open_misses,
               "found_misses": found_misses}, open(os.path.join(a.out, "summary.json"), "w"), indent=1, ensure_ascii=False)

if __name__ == "__main__":
    main()
