#!/usr/bin/env python3
"""Browser test: no script from a project's content runs in its site (issue 10).

Builds a hostile project -- classic XSS payloads in Markdown bodies, raw HTML, front-matter
titles, summaries, owners, tags, code references, schema table cells, run names, code block
languages, file names and dossier.yml -- once with default settings and once with
`unsafe_html: true`, plus one build per hostile configuration URL (`repo_url`, `base_url`).
Headless Chromium then opens every page of each site from file://, types a search that finds
the hostile documents, clicks every `javascript:` link left in a page, and reads back the
globals the payloads set: each payload runs `window.PWNED_<name>=1` (or `top.…` from a frame),
so the names that appear say exactly which payloads ran.

A page also fails when it still carries what would run on a user's action: an `on…` attribute
(the theme has none), a `javascript:`/`vbscript:` URL or a non-image `data:` URL, a `<base>`
or a `<meta http-equiv>` element.

A hostile configuration URL may instead be refused: `dossier build` exiting 2 with the key's
name in its message passes.

Usage: xss_test.py DOSSIER_EXECUTABLE
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_test import DevTools  # noqa: E402

DOSSIER = None


def handler(name):
    """An attribute value that sets the payload's global when it runs."""
    return f"window.PWNED_{name}=1"


def img(name):
    """An image whose load fails, so its onerror runs at once."""
    return f'<img src=x onerror="{handler(name)}">'


# Bodies: Markdown and raw HTML that a sanitizer must disarm (with unsafe_html) or drop (without).
BODY = f"""
Hostile body text for the search.

<script>{handler("body_script")}</script>

{img("body_img")}

<img src=x onerror={handler("body_img_unquoted")}>

<svg onload="{handler("body_svg_onload")}"><circle r="1"/></svg>

<svg><script>{handler("body_svg_script")}</script></svg>

<details open ontoggle="{handler("body_details_ontoggle")}"><summary>s</summary>d</details>

<iframe src="javascript:top.PWNED_body_iframe_js=1"></iframe>

<iframe srcdoc="<script>top.PWNED_body_iframe_srcdoc=1</script>"></iframe>

<object data="javascript:top.PWNED_body_object=1"></object>

<a href="jav&#97;script:{handler("body_entity_link")}">entity link</a>

<a href="jav&#x09;ascript:{handler("body_tab_entity_link")}">tab entity link</a>

<a href=" JaVaScRiPt:{handler("body_mixed_case_link")}">mixed case link</a>

<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data link</a>

<a href="#" onclick="{handler("body_onclick")}" onmouseover="{handler("body_onmouseover")}">hover</a>

<input autofocus onfocus="{handler("body_autofocus")}">

<form action="javascript:{handler("body_form")}"><button>go</button></form>

<base href="https://evil.example/">

<meta http-equiv="refresh" content="0;url=javascript:{handler("body_meta_refresh")}">

<style>@import 'javascript:{handler("body_style")}';</style>

<math><mtext><table><mglyph><style><img src=x onerror="{handler("body_mxss")}">

[markdown link](javascript:{handler("md_link")})

[entity markdown link](jav&#97;script:{handler("md_entity_link")})

[reference link][evil]

![markdown image](x" onerror="{handler("md_image_attr")})

<javascript:{handler("md_autolink")}>

[[<img src=x onerror={handler("wikilink")}>]]

```"><img/src=x/onerror={handler("code_language")}>
print("hi")
```

```python
</code></pre><img src=x onerror="{handler("code_body")}">
```

`</code><img src=x onerror="{handler("inline_code")}">`

| a | b |
|---|---|
| {img("gfm_table")} | [t](javascript:{handler("gfm_table_link")}) |

[evil]: javascript:{handler("md_reference_link")}
"""


def front_matter(kind, doc_id, extra=""):
    return f"""---
kind: {kind}
id: {doc_id}
title: "Hostile <script>{handler(doc_id.replace('-', '_') + '_title')}</script> {doc_id}"
summary: '"><img src=x onerror="{handler(doc_id.replace('-', '_') + '_summary')}"> hostile summary'
owner: '<img src=x onerror="{handler(doc_id.replace('-', '_') + '_owner')}">'
status: '<img src=x onerror="{handler(doc_id.replace('-', '_') + '_status')}">'
tags: ['<img src=x onerror="{handler(doc_id.replace('-', '_') + '_tag')}">', hostile]
related: ['<img src=x onerror="{handler(doc_id.replace('-', '_') + '_related')}">']
code: ['"><img src=x onerror="{handler(doc_id.replace('-', '_') + '_code')}">.py']
{extra}---
"""


SCHEMA = front_matter("schema", "hostile-schema") + f"""
# Hostile schema

## Columns

| Column | Type | Level | Nullable | Values | Description |
|---|---|---|---|---|---|
| species | categorical | nominal | no | {img("schema_values")} | {img("schema_description")} |
| <img/src=x/onerror={handler("schema_column")}> | float | ratio | yes | | A column. |
| island | "><img/src=x/onerror={handler("schema_type")}> | nominal | no | | [c](javascript:{handler("schema_link")}) |
""" + BODY

EXPERIMENT = front_matter("experiment", "hostile-experiment", """schemas: [hostile-schema]
metric:
  name: accuracy
  goal: maximize
metrics: [accuracy]
selected: '<img src=x onerror="window.PWNED_selected_run=1">'
""") + f"""
# Hostile experiment

## Runs

| Run | Model | depth | accuracy |
|---|---|---|---|
| <img/src=x/onerror={handler("run_name")}> | {img("run_model")} | 3 | 0.9 |
| plain-run | tree | "><img/src=x/onerror={handler("run_param")}> | 0.8 |
| [r](javascript:{handler("run_link")}) | tree | 4 | 0.7 |
""" + BODY

GUIDE = front_matter("guide", "hostile-guide") + "\n# Hostile guide\n" + BODY

README = f"""# Hostile home <img src=x onerror="{handler("readme_heading")}">
{BODY}
"""

def notebook():
    """A notebook whose saved outputs carry the payloads: HTML (passed through the sanitizer
    whatever unsafe_html says), SVG with script (never published), an error, a Markdown cell."""
    html = BODY + img("nb_html") + f'<svg onload="{handler("nb_svg_inline")}"></svg>'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" onload="{handler("nb_svg_file")}"><script>{handler("nb_svg")}</script></svg>'
    cells = [
        {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Hostile notebook\n" + BODY},
        {"cell_type": "code", "id": "c", "metadata": {}, "execution_count": 1, "source": "show()", "outputs": [
            {"output_type": "display_data", "metadata": {}, "data": {"text/html": html, "text/plain": "x"}},
            {"output_type": "display_data", "metadata": {}, "data": {"image/svg+xml": svg}},
            {"output_type": "error", "ename": img("nb_ename"), "evalue": img("nb_evalue"), "traceback": [img("nb_tb")]},
            {"output_type": "stream", "name": "stdout", "text": img("nb_stream")},
        ]},
    ]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4,
                       "nbformat_minor": 5})


FILES = {
    "README.md": README,
    "notebooks/hostile.ipynb": notebook(),
    "docs/hostile-schema.md": SCHEMA,
    "docs/hostile-experiment.md": EXPERIMENT,
    "docs/hostile-guide.md": GUIDE,
    f'docs/"><img src=x onerror={handler("file_name")}>.md': "# Hostile file name\n\nHostile text.\n",
}

CONFIG = f"""title: '<img src=x onerror="{handler("config_title")}"> hostile'
docs: [README.md, docs/**, notebooks/**]
"""

# Each hostile configuration URL gets a build of its own: it may be refused (exit 2) instead.
CONFIG_URLS = {
    "repo_url_javascript": f'repo_url: "javascript:{handler("repo_url_javascript")}//"\n',
    "repo_url_entity": f'repo_url: "jav&#97;script:{handler("repo_url_entity")}//"\n',
    "repo_url_attribute":
        f'repo_url: \'https://example.org/"><img src=x onerror="{handler("repo_url_attribute")}">\'\n',
    "base_url_javascript": f'base_url: "javascript:{handler("base_url_javascript")}//"\n',
}

INSPECT = """(() => {
  const armed = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) armed.push(el.tagName + ' ' + name + '=' + attr.value.slice(0, 60));
      const urls = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background'];
      if (!urls.includes(name)) continue;
      let protocol = '';
      try { protocol = new URL(attr.value, document.baseURI).protocol; } catch (e) { continue; }
      if (protocol === 'javascript:' || protocol === 'vbscript:' ||
          (protocol === 'data:' && !(el.tagName === 'IMG' && name === 'src')))
        armed.push(el.tagName + ' ' + name + '=' + attr.value.slice(0, 60));
    }
    if (el.tagName === 'BASE' || (el.tagName === 'META' && el.hasAttribute('http-equiv')))
      armed.push(el.outerHTML.slice(0, 80));
  }
  const ran = Object.keys(window).filter(k => k.startsWith('PWNED_')).sort();
  // What a click would run: follow every javascript: link left in the page (the script runs in
  // a later task, so CLICKED reads the result after a pause).
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    try { if (new URL(a.getAttribute('href'), document.baseURI).protocol === 'javascript:') a.click(); } catch (e) {}
  }
  window.DOSSIER_TEST_RAN = ran;
  return {ran: ran, armed: armed};
})()"""

CLICKED = "Object.keys(window).filter(k => k.startsWith('PWNED_') && !window.DOSSIER_TEST_RAN.includes(k)).sort()"


def write_project(root, config):
    for path, text in {**FILES, "dossier.yml": config}.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)


def build(config):
    """Builds the hostile project with `config`; (exit status, stderr, site folder)."""
    folder = tempfile.mkdtemp(prefix="dossier-xss-")
    project = os.path.join(folder, "project")
    write_project(project, config)
    site = os.path.join(folder, "site")
    result = subprocess.run([DOSSIER, "build", project, "-o", site], capture_output=True, text=True, timeout=300)
    return result.returncode, result.stderr, folder, site


class NoScriptFromContent(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tools = DevTools()
        cls.session = cls.tools.new_page()
        cls.folders = []

    @classmethod
    def tearDownClass(cls):
        cls.tools.close()
        for folder in cls.folders:
            shutil.rmtree(folder, ignore_errors=True)

    def evaluate(self, expression):
        result = self.tools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                      "awaitPromise": True}, session=self.session)
        return result.get("result", {}).get("value")

    def open(self, url):
        self.tools.send("Page.navigate", {"url": url}, session=self.session)
        for _ in range(100):
            if self.evaluate("document.readyState") == "complete":
                break
            time.sleep(0.1)
        # Late handlers (a failed image's onerror, ontoggle) get a moment to run.
        self.tools.pump(0.3)

    def search(self, text):
        """Types into the search box so that the hostile titles are rendered as results; how many."""
        if not self.evaluate("!!document.getElementById('search-input')"):
            return 0
        self.evaluate("document.getElementById('search-input').focus()")
        for char in text:
            self.tools.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": char, "key": char}, session=self.session)
            self.tools.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char}, session=self.session)
        count = "document.querySelectorAll('#search-results li.search-result').length"
        for _ in range(50):
            if self.evaluate(count):
                break
            time.sleep(0.1)
        self.tools.pump(0.3)
        return self.evaluate(count) or 0

    def problems_in_site(self, site):
        """Page → what ran or is armed there, for every page of `site`."""
        pages = sorted(os.path.relpath(os.path.join(d, f), site)
                       for d, _, files in os.walk(site) for f in files if f.endswith(".html"))
        self.assertTrue(pages, f"no pages in {site}")
        found = {}
        for page in pages:
            self.open("file://" + os.path.join(os.path.abspath(site), page))
            # The hostile documents must be among the results, or their titles went unrendered
            # (a page's injected <base> sends the search data's requests elsewhere, say).
            results = self.search("hostile") if page == "index.html" else 3
            report = self.evaluate(INSPECT) or {}
            self.tools.pump(0.3)
            report["clicked"] = self.evaluate(CLICKED) or []
            problems = [f"ran {name}" for name in report.get("ran", [])]
            problems += [f"ran on click {name}" for name in report.get("clicked", [])]
            problems += [f"armed {what}" for what in report.get("armed", [])]
            if results < 3:
                problems.append(f"search for the hostile documents found {results} of 3")
            if problems:
                found[page] = problems
        return found

    def check(self, config, refusable_key=None):
        status, stderr, folder, site = build(config)
        self.folders.append(folder)
        if refusable_key and status == 2:
            self.assertIn(refusable_key, stderr, "a refused configuration names its key")
            return
        self.assertIn(status, (0, 1), f"dossier build failed ({status}): {stderr[-2000:]}")
        found = self.problems_in_site(site)
        report = "\n".join(f"  {page}: {problem}" for page, problems in sorted(found.items()) for problem in problems)
        self.assertEqual(found, {}, "script from content ran or is armed:\n" + report)

    def test_default_settings(self):
        self.check(CONFIG)

    def test_unsafe_html(self):
        self.check(CONFIG + "unsafe_html: true\n")

    def test_config_urls(self):
        for name, line in sorted(CONFIG_URLS.items()):
            with self.subTest(name):
                self.check(CONFIG + line, refusable_key=line.split(":")[0])


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    DOSSIER = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
