#!/usr/bin/env python3
"""Browser test (issue 12): axe-core reports no serious or critical violation on the built
ExampleProject site's home, a schema, an experiment, the model and the health page, in the light
and the dark scheme, at desktop (1366 px) and phone (390 px) widths; every scrolling region is
reachable by keyboard; and every state's banner and badge, severity, alert and admonition colour
(added to the health page, as ExampleProject is healthy) passes in both schemes. Each page is
also photographed (full page) at both widths in both schemes into SCREENSHOT_DIR as
PAGE-WIDTH-SCHEME.png, e.g. home-390-dark.png.

Headless Chromium opens the pages from file:// (without --allow-file-access-from-files) over the
DevTools pipe (the client in search_test.py); the scheme is set with Emulation.setEmulatedMedia
(the theme follows prefers-color-scheme and has no toggle). axe.min.js (axe-core 4.x, which
`scripts/install-deps.sh --test` vendors) is injected with Runtime.evaluate; DOSSIER_AXE names
another copy.

Usage: a11y_test.py SITE_DIR [SCREENSHOT_DIR]
"""
import base64
import json
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import search_test  # noqa: E402  (the DevTools client)

SITE = None
SCREENSHOTS = None
AXE = os.environ.get("DOSSIER_AXE", "/usr/local/share/dossier/axe/axe.min.js")

# The five pages of the issue, by the name their screenshots take.
PAGES = [
    ("home", "index.html"),
    ("schema", "docs/data/penguins.html"),
    ("experiment", "docs/experiments/species-model-selection.html"),
    ("model", "docs/models/penguin-classifier.html"),
    ("health", "dossier/health.html"),
]
SCHEMES = ("light", "dark")
WIDTHS = ((1366, 800, False), (390, 844, True))
# WCAG 2.0 and 2.1, A and AA, and axe's best practices; only serious and critical impacts fail.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = ("serious", "critical")

# Runs axe on CONTEXT (the document, or a selector's JSON) and returns its violations, each cut to
# what the report prints.
RUN_AXE = """
axe.run(CONTEXT, {runOnly: {type: 'tag', values: TAGS}, resultTypes: ['violations']}).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {
      return {target: n.target.map(String).join(' '), impact: n.impact,
              summary: (n.failureSummary || '').replace(/\\s+/g, ' ').trim(), html: n.html.slice(0, 160)};
    })};
  });
})
""".replace("TAGS", json.dumps(TAGS))

# Elements that scroll horizontally (their content is wider than their box) and what a keyboard
# user can do about them: focus them, or focus something inside them.
SCROLLERS = """
(function () {
  var out = [];
  document.querySelectorAll('main *').forEach(function (el) {
    var style = getComputedStyle(el);
    if (!/(auto|scroll)/.test(style.overflowX + style.overflowY)) return;
    if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1) return;
    var focusable = el.tabIndex >= 0
      || el.querySelector('a[href], button, input, select, textarea, [tabindex]') !== null;
    // A focusable box with a role (region) needs a name; a focusable <pre> is read as its text.
    var name = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || '';
    out.push({tag: el.tagName.toLowerCase(), cls: typeof el.className === 'string' ? el.className : '',
              focusable: focusable, named: name !== '' || el.tabIndex < 0 || !el.hasAttribute('role')});
  });
  return out;
})()
"""


class AccessibilityInTheBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(AXE):
            raise AssertionError(f"{AXE} is missing: run scripts/install-deps.sh --test (or set DOSSIER_AXE)")
        with open(AXE, encoding="utf-8") as file:
            cls.axe_source = file.read()
        cls.tools = search_test.DevTools()
        cls.session = cls.tools.new_page()
        if SCREENSHOTS:
            os.makedirs(SCREENSHOTS, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.tools.close()

    def send(self, method, params=None, timeout=60):
        return self.tools.send(method, params, session=self.session, timeout=timeout)

    def evaluate(self, expression, timeout=60):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", "exception"))
        return result.get("result", {}).get("value")

    def show(self, path, width, height, mobile, scheme):
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": mobile})
        self.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        self.tools.events.clear()
        self.send("Page.navigate", {"url": "file://" + os.path.join(os.path.abspath(SITE), path)})
        for _ in range(100):
            if self.evaluate("document.readyState") == "complete":
                break
            time.sleep(0.1)
        self.evaluate("document.fonts.ready.then(function () { return true; })")
        actual = self.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        self.assertEqual(actual, scheme == "dark", f"{path}: the {scheme} scheme was not applied")

    def screenshot(self, name, width, scheme):
        if not SCREENSHOTS:
            return
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": min(size["height"], 16000), "scale": 1}})
        with open(os.path.join(SCREENSHOTS, f"{name}-{width}-{scheme}.png"), "wb") as file:
            file.write(base64.b64decode(shot["data"]))

    def violations(self, context="document"):
        if not self.evaluate("typeof axe !== 'undefined'"):
            self.evaluate(self.axe_source + "\n;true")
            type(self).axe_version = self.evaluate("axe.version")
        return self.evaluate(RUN_AXE.replace("CONTEXT", context), timeout=120)

    def test_five_pages_in_both_schemes_at_both_widths(self):
        failures, notes, unreachable = [], [], []
        for name, path in PAGES:
            for width, height, mobile in WIDTHS:
                for scheme in SCHEMES:
                    where = f"{name} ({path}) {width}px {scheme}"
                    self.show(path, width, height, mobile, scheme)
                    self.screenshot(name, width, scheme)
                    for violation in self.violations():
                        for node in violation["nodes"]:
                            impact = node["impact"] or violation["impact"]
                            line = (f"{where}: {violation['id']} [{impact}] {violation['help']}\n"
                                    f"    target: {node['target']}\n    html: {node['html']}\n"
                                    f"    {node['summary']}")
                            (failures if impact in FAILING else notes).append(line)
                    for scroller in self.evaluate(SCROLLERS):
                        if not (scroller["focusable"] and scroller["named"]):
                            why = "has no accessible name" if scroller["focusable"] else "cannot be focused"
                            unreachable.append(f"{where}: <{scroller['tag']} class=\"{scroller['cls']}\"> scrolls "
                                               f"but {why}")
        if notes:
            print(f"\naxe: {len(notes)} moderate or minor result(s), not failures:\n" + "\n".join(notes),
                  file=sys.stderr)
        problems = []
        if failures:
            problems.append(f"axe-core {self.axe_version}: {len(failures)} serious or critical violation(s) "
                            f"({TAGS}):\n" + "\n".join(failures))
        if unreachable:
            problems.append("scrolling regions a keyboard cannot reach:\n" + "\n".join(unreachable))
        if problems:
            self.fail("\n".join(problems))

    def test_every_state_and_callout_colour_in_both_schemes(self):
        # ExampleProject is healthy, so its pages show no warning banner, no stale badge and few
        # call-outs: each state's banner and badge, each severity and each alert and admonition kind
        # are added to the health page (the markup of the templates and the Markdown renderer) and
        # checked against the stylesheet in both schemes.
        states = ["fresh", "stale", "broken", "drift", "unknown", "warnings", "errors"]
        kinds = ["data-source", "schema", "labeling", "experiment", "environment", "pseudocode", "model", "page"]
        alerts = ["note", "tip", "important", "warning", "caution"]
        admonitions = ["note", "tip", "success", "warning", "caution", "danger", "failure", "bug"]
        html = "".join(
            f'<div class="banner state-{state}" role="status"><p class="banner-title">Title {state}</p>'
            f'<ul><li><span class="sev sev-warning">warning</span> <span class="sev sev-error">error</span> '
            f'message <code class="where">docs/a.md:3</code> <a class="rule" href="#">staleness.rule</a></li></ul>'
            f'</div><p><span class="badge state state-{state}">{state}</span> '
            f'<span class="dot state-{state}"></span></p>'
            for state in states)
        html += "<p>" + " ".join(f'<span class="badge kind kind-{kind}">{kind}</span>' for kind in kinds) + "</p>"
        html += "".join(f'<div class="alert alert-{kind}" role="note"><p class="alert-title">{kind}</p><p>Text '
                        f'with <a href="#">a link</a>.</p></div>' for kind in alerts)
        html += "".join(f'<div class="admonition {kind}"><p class="admonition-title">{kind}</p><p>Text</p></div>'
                        for kind in admonitions)
        html += ('<p><span class="badge selected">selected</span> <span class="badge best">best</span> '
                 '<span class="badge recorded">recorded</span> <span class="badge readiness-ready">9 of 9</span> '
                 '<span class="badge readiness-not-ready">3 of 9</span> <span class="badge undocumented">x</span>'
                 '<span class="all-good">No findings</span></p>')
        failures = []
        for scheme in SCHEMES:
            self.show("dossier/health.html", 1366, 800, False, scheme)
            self.evaluate("(function(){var s=document.createElement('section');s.id='a11y-swatches';"
                          f"s.innerHTML={json.dumps(html)};document.querySelector('main').appendChild(s);}})()")
            for violation in self.violations(context=json.dumps("#a11y-swatches")):
                for node in violation["nodes"]:
                    if (node["impact"] or violation["impact"]) in FAILING:
                        failures.append(f"{scheme}: {violation['id']} {node['target']}: {node['summary']}")
        if failures:
            self.fail("state, severity and call-out colours:\n" + "\n".join(failures))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    SITE = sys.argv.pop(1)
    if len(sys.argv) > 1:
        SCREENSHOTS = sys.argv.pop(1)
    unittest.main(verbosity=2)
