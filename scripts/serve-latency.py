#!/usr/bin/env python3
"""Measures `dossier serve`'s edit-to-updated-page latency (issue 15).

Starts `dossier serve --port 0 PROJECT`, then edits one document the way an editor saves
(write a temporary file beside it, rename it over the original) and times, per edit, from the
rename to the moment the page that a browser would reload is served with the new text: the
long poll the live-reload script makes (`/__dossier/version?after=N`) answering, then the page
fetched. The browser's own reload and paint are not included. A prose edit's page is published
before the rest of the site is rebuilt; the time until that rebuild is done too (its summary
line printed) is reported as "site", and the next edit waits for it.

  python3 scripts/serve-latency.py --dossier .build/release/dossier --project /tmp/c1k --edits 10

`--kind prose` appends a sentence (only that page re-renders); `--kind title` changes the
document's title (every page that lists it re-renders). The document is restored at the end.
"""
import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def get(port, target, timeout=120):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", target)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


def save_like_an_editor(path, text):
    folder = os.path.dirname(path)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".edit-")
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.rename(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossier", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--document", default=None, help="project-relative .md (default: the first model)")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--kind", choices=["prose", "title"], default="prose")
    args = parser.parse_args()

    project = os.path.abspath(args.project)
    document = args.document
    if document is None:
        models = sorted(os.listdir(os.path.join(project, "docs/models")))
        document = "docs/models/" + models[len(models) // 2]
    page = "/" + document[:-3] + ".html"
    source = os.path.join(project, document)
    original = open(source).read()

    log = open(os.path.join(tempfile.gettempdir(), "serve-latency.log"), "w")
    server = subprocess.Popen(
        [args.dossier, "serve", "--port", "0", project], stdout=subprocess.PIPE, stderr=log, text=True)
    lines = []
    port = None
    started = time.monotonic()
    for line in server.stdout:
        lines.append(line)
        match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
        if match:
            port = int(match.group(1))
            break
    if port is None:
        sys.exit("serve did not start: " + "".join(lines))
    print(f"first build and start: {time.monotonic() - started:.2f} s")
    # Keep reading the server's summaries so its pipe never fills.
    summaries = []
    summarized = []  # when each summary line arrived

    def read_summaries():
        for line in server.stdout:
            summaries.append(line)
            summarized.append(time.monotonic())

    threading.Thread(target=read_summaries, daemon=True).start()

    samples = []
    settled = []
    try:
        _, version = get(port, "/__dossier/version")
        version = int(version)
        time.sleep(1.0)  # let the watch loop start
        for i in range(args.edits):
            marker = f"Edit number {i} of the latency run."
            if args.kind == "prose":
                text = original + f"\n{marker}\n"
            else:
                # The front matter's title when there is one (the first heading then is not the title).
                text = re.sub(r"^title: (.*)$", f"title: {marker}", original, count=1, flags=re.M)
                if text == original:
                    text = re.sub(r"^# (.*)$", lambda m: f"# {marker} {m.group(1)}", original, count=1, flags=re.M)
            builds = len(summaries)
            begin = time.monotonic()
            save_like_an_editor(source, text)
            answered = str(version)
            while answered == str(version):  # the long poll answers unchanged after its own bound
                _, answered = get(port, f"/__dossier/version?after={version}")
            status, body = get(port, page)
            elapsed = time.monotonic() - begin
            if marker not in body:
                print(f"edit {i}: page {page} ({status}) lacks the edit after {elapsed:.3f} s", file=sys.stderr)
            version = int(answered)
            samples.append(elapsed)
            # The rebuild that follows an early page: the next edit starts from a quiet server.
            deadline = time.monotonic() + 120
            while len(summaries) <= builds and time.monotonic() < deadline:
                time.sleep(0.01)
            site = (summarized[builds] - begin) if len(summarized) > builds else float("nan")
            settled.append(site)
            print(f"edit {i}: page {elapsed * 1000:.0f} ms, site {site * 1000:.0f} ms")
            time.sleep(0.3)
    finally:
        save_like_an_editor(source, original)
        time.sleep(0.5)
        server.terminate()
        server.wait()
    print(
        f"{args.kind} edits of {document}: median {statistics.median(samples) * 1000:.0f} ms, "
        f"min {min(samples) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms over {len(samples)}; "
        f"whole site rebuilt: median {statistics.median(settled) * 1000:.0f} ms")
    for line in summaries[-3:]:
        print("server: " + line.rstrip())


if __name__ == "__main__":
    main()
