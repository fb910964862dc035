#!/usr/bin/env python3
"""Browser test (issue 12): the lineage graph and drifted runs cells as readers meet them, on the
built ExampleProject site opened from file:// in headless Chromium.

- On a 390 px phone the lineage's documents are a visible list of links by kind at 12 px or
  more, instead of the drawing; on wide screens the drawing's text is never below 11 px (its box
  scrolls instead of shrinking further).
- The drawing is no image holding links: it is a named group whose nodes are focusable links,
  each also in the phone's list; only one of the two is displayed (and so read) at a time.
- The legend's and the nodes' text has a contrast of at least 4.5:1 against the background in the
  light and the dark scheme.
- Given the dossier binary, a copy of ExampleProject whose metrics file contradicts the selected
  run is built: the drifted cell is marked, and keyboard focus shows the recorded value.

Usage: lineage_test.py SITE_DIR [DOSSIER_BINARY]
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import search_test  # noqa: E402  (the DevTools client)

SITE = None
DOSSIER = None
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

MODEL_PAGE = "docs/models/penguin-classifier.html"
PAGES = ["index.html", MODEL_PAGE, "docs/data/penguins.html", "docs/experiments/species-model-selection.html"]

# The relative luminance contrast (WCAG 2.x) of two computed CSS colours, "rgb(r, g, b)".
CONTRAST = """
(function (fg, bg) {
  function channels(text) { return text.match(/[\\d.]+/g).slice(0, 3).map(Number); }
  function luminance(rgb) {
    var c = rgb.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  var a = luminance(channels(fg)), b = luminance(channels(bg));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})
"""

# The colour painted behind an element: the first ancestor's opaque background colour.
BACKGROUND = """
(function (element) {
  for (var e = element; e; e = e.parentElement) {
    if (e instanceof SVGElement && !(e instanceof SVGSVGElement)) continue;
    var colour = getComputedStyle(e).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(colour)) return colour;
  }
  return 'rgb(255, 255, 255)';
})
"""


class LineageInTheBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tools = search_test.DevTools()
        cls.session = cls.tools.new_page()

    @classmethod
    def tearDownClass(cls):
        cls.tools.close()

    def setUp(self):
        self.scheme("light")

    def evaluate(self, expression):
        result = self.tools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                      "awaitPromise": True}, session=self.session)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def viewport(self, width):
        self.tools.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 844, "deviceScaleFactor": 1,
                                                                "mobile": width < 600}, session=self.session)

    def scheme(self, value):
        self.tools.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": value}]},
                        session=self.session)

    def open(self, page, site=None):
        url = "file://" + os.path.join(os.path.abspath(site or SITE), page)
        self.tools.send("Page.navigate", {"url": url}, session=self.session)
        for _ in range(100):
            if self.evaluate("document.readyState") == "complete":
                break
            time.sleep(0.1)

    def test_on_a_phone_the_lineage_is_a_legible_list_instead_of_the_drawing(self):
        self.viewport(390)
        for page in [p for p in PAGES if p != "docs/experiments/species-model-selection.html"]:
            self.open(page)
            links = self.evaluate("""Array.from(document.querySelectorAll('.lineage-links a')).map(function (a) {
                var box = a.getBoundingClientRect();
                return [a.textContent, parseFloat(getComputedStyle(a).fontSize), box.width, box.height];
            })""")
            self.assertTrue(links, f"{page}: no list of lineage links")
            for text, size, width, height in links:
                self.assertGreaterEqual(size, 12, f"{page}: {text!r} is {size}px")
                self.assertGreater(width, 1, f"{page}: {text!r} is not visible")
                self.assertGreaterEqual(height, 12, f"{page}: {text!r} is {height}px tall")
            self.assertEqual(self.evaluate("getComputedStyle(document.querySelector('.lineage .graph')).display"),
                             "none", f"{page}: the drawing shows on a phone")

    def test_on_wide_screens_the_drawing_text_is_never_below_11_px(self):
        for width in (1366, 1024, 820):
            self.viewport(width)
            for page in ("index.html", MODEL_PAGE):
                self.open(page)
                smallest = self.evaluate("""Math.min.apply(null, Array.from(document.querySelectorAll('.lineage svg .node-title'))
                    .map(function (t) { return t.getBoundingClientRect().height; }))""")
                self.assertGreaterEqual(smallest, 11, f"{page} at {width}px: lineage titles drawn {smallest}px tall")
                self.assertEqual(self.evaluate("getComputedStyle(document.querySelector('.lineage-links')).display"),
                                 "none", f"{page} at {width}px: the list shows beside the drawing")

    def test_the_drawing_is_no_image_holding_links_and_every_link_is_listed(self):
        self.viewport(1366)
        for page in PAGES:
            self.open(page)
            if not self.evaluate("document.querySelector('.lineage') !== null"):
                continue
            self.assertEqual(self.evaluate("document.querySelectorAll('[role=img] a').length"), 0,
                             f"{page}: an img role holds links")
            svg = self.evaluate("(function (s) { return [s.getAttribute('role'), s.getAttribute('aria-label')]; })"
                                "(document.querySelector('.lineage svg'))")
            self.assertEqual(svg[0], "group")
            self.assertTrue(svg[1].startswith("Lineage"), svg[1])
            problems = self.evaluate("""(function () {
                var listed = Array.from(document.querySelectorAll('.lineage-links a')).map(function (a) { return a.href; });
                return Array.from(document.querySelectorAll('.lineage svg a')).filter(function (a) {
                    var href = new URL(a.getAttribute('href'), document.baseURI).href;
                    a.focus();
                    return document.activeElement !== a
                        || (!a.classList.contains('current') && listed.indexOf(href) < 0);
                }).map(function (a) { return a.getAttribute('href'); });
            })()""")
            self.assertEqual(problems, [], f"{page}: drawn links not focusable or not listed")

    def test_the_legend_is_legible_in_both_schemes(self):
        self.viewport(1366)
        for scheme in ("light", "dark"):
            self.scheme(scheme)
            for page in ("index.html", MODEL_PAGE):
                self.open(page)
                ratios = self.evaluate(f"""Array.from(document.querySelectorAll('.lineage svg .legend text, .lineage svg .node text'))
                    .map(function (t) {{
                        return [t.textContent, ({CONTRAST})(getComputedStyle(t).fill, ({BACKGROUND})(t))];
                    }})""")
                self.assertTrue(ratios, f"{page}: no legend")
                for text, ratio in ratios:
                    self.assertGreaterEqual(ratio, 4.5, f"{page} {scheme}: {text!r} at {ratio:.2f}:1")

    def test_a_drifted_cell_shows_the_recorded_value_on_keyboard_focus(self):
        if not DOSSIER:
            self.skipTest("no dossier binary given")
        folder = tempfile.mkdtemp(prefix="dossier-drift-")
        try:
            project = os.path.join(folder, "project")
            shutil.copytree(os.path.join(REPOSITORY, "ExampleProject"), project,
                            ignore=shutil.ignore_patterns("site", ".dossier-cache"))
            metrics = os.path.join(project, "metrics.json")
            with open(metrics) as file:
                text = file.read()
            self.assertIn('"cv_f1_macro": 0.9951', text)
            with open(metrics, "w") as file:
                file.write(text.replace('"cv_f1_macro": 0.9951', '"cv_f1_macro": 0.9712'))
            site = os.path.join(folder, "site")
            subprocess.run([DOSSIER, "build", project, "-o", site], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            for scheme in ("light", "dark"):
                self.scheme(scheme)
                self.viewport(1366)
                self.open("docs/experiments/species-model-selection.html", site)
                cells = self.evaluate("Array.from(document.querySelectorAll('.runs-table span.drifted'))"
                                      ".map(function (s) { return s.closest('tr').id + ' ' + s.firstChild.textContent; })")
                self.assertEqual(cells, ["run-knn-k7 0.9951"])
                before = self.evaluate("document.querySelector('.runs-table .drift-note').getBoundingClientRect().width")
                self.assertLessEqual(before, 1, "the note shows before hover or focus")
                # In the tab order, right after the table's scrolling box; focused as a keyboard would.
                self.assertEqual(self.evaluate("document.querySelector('.runs-table span.drifted').tabIndex"), 0)
                self.evaluate("document.querySelector('.runs-table span.drifted').focus()")
                self.assertEqual(self.evaluate("document.activeElement.className"), "drifted")
                note = self.evaluate(f"""(function () {{
                    var note = document.querySelector('.runs-table .drift-note'), box = note.getBoundingClientRect();
                    var style = getComputedStyle(note);
                    return [note.textContent, box.width, box.height, ({CONTRAST})(style.color, style.backgroundColor)];
                }})()""")
                self.assertIn("recorded: 0.9712 in metrics.json", note[0])
                self.assertGreater(note[1], 100, "the focused cell does not show its note")
                self.assertGreaterEqual(note[2], 12)
                self.assertGreaterEqual(note[3], 4.5, f"{scheme}: the note's contrast is {note[3]:.2f}:1")
                # The page of all runs marks the same cell.
                self.open("dossier/experiments.html", site)
                marked = self.evaluate("Array.from(document.querySelectorAll('.runs-table span.drifted'))"
                                       ".map(function (s) { return s.closest('tr').cells[0].textContent.split(' ')[0]"
                                       " + ' ' + s.firstChild.textContent; })")
                self.assertIn("knn-k7 0.9951", marked)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    SITE = sys.argv.pop(1)
    if len(sys.argv) > 1:
        DOSSIER = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
