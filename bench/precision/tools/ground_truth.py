#!/usr/bin/env python3
"""Independent recount of staleness for one replayed case, with SPEC 1.6 content semantics.

ground_truth.py CASE_DIR [REV] — for every document with a `kind`, lists its referenced items (code,
implements, components[].implements, sample, requirements, params_file, metrics_file, body links
to repository files), and for each item compares its content at the document's baseline (the
last first-parent commit that changed the document) with every later commit:
  path#symbol (Python)  tokens of the def/class block, comments and blank lines dropped
  *.csv/*.tsv           header (columns and order) only
  other files           bytes, line endings normalized
Prints, per document: whether it is stale at HEAD (an item differs now), the items that differ,
the commits that changed them, and the lag from the first such commit to HEAD by committer date
(error when past 180 days). Also items missing at HEAD (broken).
"""
import io, os, re, subprocess, sys, tokenize
import yaml

CASE = sys.argv[1]
REV = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
ERROR_AFTER_DAYS = 180

def git(*args, ok=False):
    r = subprocess.run(["git", "-C", CASE, *args], capture_output=True)
    if r.returncode and not ok:
        raise RuntimeError(r.stderr.decode())
    return r.stdout if r.returncode == 0 else None

def show(commit, path):
    return git("show", f"{commit}:{path}", ok=True)

def front_matter(text):
    if not text.startswith("---"):
        return None, text
    end = text.find("\n---", 3)
    if end < 0:
        return None, text
    try:
        return yaml.safe_load(text[3:end]) or {}, text[end + 4:]
    except yaml.YAMLError:
        return None, text

def as_list(v):
    if v is None: return []
    return v if isinstance(v, list) else [v]

def refs_of(doc_path, fm, body):
    refs = []
    for key in ("code", "implements"):
        refs += [str(x) for x in as_list(fm.get(key))]
    for comp in as_list(fm.get("components")):
        if isinstance(comp, dict):
            refs += [str(x) for x in as_list(comp.get("implements"))]
    for key in ("sample", "requirements", "params_file", "metrics_file", "config", "guidelines"):
        if isinstance(fm.get(key), str):
            refs.append(fm[key])
    base = os.path.dirname(doc_path)
    for m in re.finditer(r"\]\(([^)\s]+)\)", body):
        target = m.group(1)
        if re.match(r"[a-z]+:", target) or target.startswith("#") or target.split("#")[0].endswith(".md"):
            continue
        p = os.path.normpath(os.path.join(base, target))
        if not p.startswith(".."):
            refs.append(p)
    seen, out = set(), []
    for r in refs:
        if r not in seen:
            seen.add(r); out.append(r)
    return out

def python_symbol(src, name):
    lines = src.splitlines()
    pat = re.compile(rf"^(\s*)(?:async\s+def|def|class)\s+{re.escape(name)}\b|^()({re.escape(name)})\s*(?::[^=]*)?=")
    for i, line in enumerate(lines):
        m = pat.match(line)
        if not m:
            continue
        indent = len(m.group(1) or "")
        j = i + 1
        while j < len(lines):
            l = lines[j]
            if l.strip() and (len(l) - len(l.lstrip())) <= indent and not l.lstrip().startswith((")", "]", "}")):
                break
            j += 1
        block = "\n".join(lines[i:j]) + "\n"
        try:
            toks = [t.string for t in tokenize.generate_tokens(io.StringIO(block).readline)
                    if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                                      tokenize.DEDENT, tokenize.ENDMARKER)]
        except (tokenize.TokenError, IndentationError):
            toks = block.split()
        return ("symbol", tuple(toks))
    return None

def value(commit, ref):
    path, _, frag = ref.partition("#")
    blob = show(commit, path)
    if blob is None:
        # a folder?
        tree = git("ls-tree", commit, path.rstrip("/") + "/", ok=True)
        return ("dir", tree) if tree else None
    text = blob.decode("utf-8", "replace").replace("\r\n", "\n")
    if frag:
        m = re.fullmatch(r"L(\d+)(?:-L(\d+))?", frag)
        if m:
            a, b = int(m.group(1)), int(m.group(2) or m.group(1))
            return ("lines", tuple(text.splitlines()[a - 1:b]))
        if path.endswith(".py"):
            return python_symbol(text, frag)
        return ("file", text)
    if path.endswith((".csv", ".tsv")):
        return ("header", text.splitlines()[0] if text else "")
    return ("file", text)

def main():
    head = git("rev-parse", REV).decode().strip()
    commits = git("rev-list", "--first-parent", "--reverse", REV).decode().split()
    cdate = {c: int(git("show", "-s", "--format=%ct", c).decode()) for c in commits}
    subj = {c: git("show", "-s", "--format=%s", c).decode().strip() for c in commits}
    mds = [p for p in git("ls-tree", "-r", "--name-only", REV).decode().splitlines() if p.endswith(".md")]
    for doc in mds:
        fm, body = front_matter(show(REV, doc).decode("utf-8", "replace"))
        if not fm or "kind" not in fm:
            continue
        changes = git("rev-list", "--first-parent", REV, "--", doc).decode().split()
        baseline = changes[0]
        after = commits[commits.index(baseline) + 1:]  # up to REV
        print(f"\n== {doc} ({fm['kind']}) baseline {baseline[:7]} \"{subj[baseline]}\"")
        stale_items, first_dates, all_commits = [], [], set()
        for ref in refs_of(doc, fm, body):
            v0 = value(baseline, ref)
            if v0 is None:
                print(f"   {ref}: missing at baseline"); continue
            prev, changed_by = v0, []
            for c in after:
                v = value(c, ref)
                if v != prev:
                    changed_by.append(c)
                prev = v
            vh = prev
            if vh is None:
                print(f"   {ref}: MISSING at HEAD (removed by {changed_by[-1][:7]} \"{subj[changed_by[-1]]}\")")
                continue
            if vh != v0:
                first = next(c for c in after if value(c, ref) != v0)
                stale_items.append(ref); first_dates.append(cdate[first]); all_commits.update(changed_by)
                print(f"   {ref}: CHANGED — {len(changed_by)} commit(s) changed it, first {first[:7]} \"{subj[first]}\"")
            elif changed_by:
                print(f"   {ref}: same as baseline now ({len(changed_by)} commits changed it and back)")
        if stale_items:
            lag = (cdate[head] - min(first_dates)) / 86400
            sev = "error" if lag > ERROR_AFTER_DAYS else "warning"
            print(f"   => STALE ({sev}): {len(stale_items)} item(s), {len(all_commits)} commit(s), lag {lag:.0f} days")
        else:
            print("   => fresh (per content)")

main()
