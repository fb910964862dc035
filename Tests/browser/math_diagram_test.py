#!/usr/bin/env python3
"""Browser test (issue 13): on the built ExampleProject site opened from file://, formulas are
typeset by the KaTeX copied into the site, Mermaid diagrams are drawn (an <svg> inside the
mermaid container), Graphviz diagrams are inline SVG, a notebook's stored figure loads from its
file — with no console error and no request to another host.

Usage: math_diagram_test.py SITE_DIR
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import search_test  # noqa: E402  (the DevTools client and page helpers)


class MathAndDiagramsInTheBrowser(search_test.SearchInTheBrowser):
    # Only this class's tests; the search tests run from their own script.
    test_search_from_file_url_on_the_home_page = None
    test_search_from_a_nested_page_links_relatively = None
    test_sortable_runs_table = None

    def wait_for(self, expression, tries=100):
        for _ in range(tries):
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        return self.evaluate(expression)

    def assert_clean(self):
        errors, foreign = self.problems()
        self.assertEqual(errors, [], "console errors")
        self.assertEqual(foreign, [], "requests to other hosts")

    def test_formulas_are_typeset_and_mermaid_is_drawn(self):
        self.open("docs/pseudocode/species-pipeline.html")
        typeset = self.wait_for("document.querySelectorAll('.math .katex').length")
        formulas = self.evaluate("document.querySelectorAll('.math').length")
        self.assertGreater(formulas, 0)
        self.assertEqual(typeset, formulas, "every formula typeset by KaTeX")
        self.assertTrue(self.evaluate("document.querySelector('.math-display .katex-display') !== null"))
        drawn = self.wait_for("document.querySelector('.diagram-mermaid svg') !== null")
        self.assertTrue(drawn, "the Mermaid diagram was not drawn")
        self.assertTrue(self.evaluate("document.querySelector('.diagram-mermaid svg').textContent.includes('7-NN')"))
        fonts = self.wait_for("document.fonts.check('12px KaTeX_Main') && document.fonts.status === 'loaded'")
        self.assertTrue(fonts, "KaTeX fonts did not load from the site")
        self.assert_clean()

    def test_graphviz_diagram_is_inline_svg(self):
        self.open("docs/experiments/species-model-selection.html")
        self.assertTrue(self.evaluate("document.querySelector('.diagram-dot svg g.node') !== null"))
        self.assertEqual(self.evaluate("document.querySelectorAll('script[src*=\"katex\"], script[src*=\"mermaid\"]').length"),
                         0, "a page without math or Mermaid loads neither")
        self.assert_clean()

    def test_notebook_page_shows_its_stored_figure(self):
        self.open("notebooks/01-exploration.html")
        loaded = self.wait_for("Array.from(document.querySelectorAll('.nb-image img'))"
                               ".every(img => img.complete && img.naturalWidth > 0)"
                               " && document.querySelectorAll('.nb-image img').length > 0")
        self.assertTrue(loaded, "the notebook's figure did not load")
        self.assertTrue(self.evaluate("document.querySelector('.nb-html table') !== null"))
        self.assert_clean()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    search_test.SITE = sys.argv.pop(1)
    unittest.main(verbosity=2)
