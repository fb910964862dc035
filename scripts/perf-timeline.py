#!/usr/bin/env python3
"""Timeline of a `perf record -g` run of a build: which thread is busy in which Dossier stage, per
20 ms bin — where the main thread works alone while the other core idles (issue 15).

    perf record -F 4000 -g -o perf.data .build/release/dossier build -q PROJECT
    perf script -i perf.data -F tid,time,ip,sym > ps.txt
    scripts/perf-timeline.py ps.txt              # the timeline: M = main thread, W = the others
    scripts/perf-timeline.py ps.txt LO HI [D]    # the main thread's stacks between LO and HI ms

A bin's label is the innermost frame naming a Dossier stage (matched on the start of the mangled
name, where the type and function are). Under perf a build runs ~15% slower; one sample is 0.25 ms
at -F 4000. Every `DOSSIER_*` variable is part of the build's fingerprint: profile with the same
environment as the builds before, or the repository map's memo misses."""
import re, collections, sys
samples = []; cur = None
for line in open(sys.argv[1]):
    m = re.match(r'\s*(\d+)\s+([\d.]+):', line)
    if m:
        cur = [int(m.group(1)), float(m.group(2)), []]; samples.append(cur)
    elif line.strip() and cur:
        parts = line.split(None, 1)
        if len(parts) > 1: cur[2].append(parts[1].strip())
t0 = min(s[1] for s in samples); main = min(s[0] for s in samples)
if len(sys.argv) > 3:
    lo, hi = int(sys.argv[2]), int(sys.argv[3]); depth = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    c = collections.Counter()
    for tid, t, stack in samples:
        if lo <= (t - t0) * 1000 < hi and tid == main:
            c[' > '.join(x[:70] for x in list(reversed(stack))[6:6 + depth])] += 1
    for k, v in c.most_common(15): print(v, k, '\n')
    sys.exit()
keys = ['TreeWalk', 'StoredProfile', 'BuildFingerprint', 'ProjectScanner', 'DocumentMemoFile', 'SampleProfileMemo', 'boundedBytes',
        'IndexPass', 'RepositoryMapMemo', 'RepositoryMap', 'searchFiles', 'Navigation', 'NavTree', 'PageCacheKeys',
        'OutputRecord', 'OutputWriter', 'InPlaceSwap', 'BuildReceipt', 'BuildCache', 'dropSearchText', 'Staging',
        'DocumentCodec', 'StalenessChecker', 'Drift', 'GitHistory', 'LoadedProject', 'BackgroundTask', 'save',
        'ProjectLoader']
bins = collections.defaultdict(collections.Counter)
for tid, t, stack in samples:
    label = '?'
    for fr in stack:
        label = next((k for k in keys if k in fr[:60] and 'parallelMap' not in fr), '?')
        if label != '?': break
    bins[int((t - t0) * 1000 // 20)][('M:' if tid == main else 'W:') + label] += 1
for b in sorted(bins):
    print(f"{b * 20:4d}ms", ' '.join(f"{k}={v}" for k, v in bins[b].most_common(5)))
