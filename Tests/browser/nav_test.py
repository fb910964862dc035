#!/usr/bin/env python3
"""Browser test (issue 12, navigation): on the built ExampleProject site opened from file://, a
page with three or more headings shows its table of contents in a column to the right of the
text at 1366 px, and as a collapsed <details> at the top of the page at 390 px; document pages
carry breadcrumbs; the sidebar opens the folders down to the current page.

Usage: nav_test.py SITE_DIR
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import search_test  # noqa: E402  (the DevTools client)

SITE = None
PAGE = "docs/models/penguin-classifier.html"


class NavigationInTheBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tools = search_test.DevTools()
        cls.session = cls.tools.new_page(("Page", "Runtime", "Log"))

    @classmethod
    def tearDownClass(cls):
        cls.tools.close()

    def evaluate(self, expression):
        result = self.tools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                 session=self.session)
        return result.get("result", {}).get("value")

    def open(self, page, width, height, mobile):
        self.tools.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                                "deviceScaleFactor": 1, "mobile": mobile},
                        session=self.session)
        url = "file://" + os.path.join(os.path.abspath(SITE), page)
        self.tools.send("Page.navigate", {"url": url}, session=self.session)
        for _ in range(100):
            if self.evaluate("document.readyState") == "complete":
                break
            time.sleep(0.1)
        time.sleep(0.2)

    def tearDown(self):
        self.tools.send("Emulation.clearDeviceMetricsOverride", session=self.session)

    def box(self, selector):
        return self.evaluate(
            "(function(){var e=document.querySelector(%r);if(!e)return null;var r=e.getBoundingClientRect();"
            "return {left:r.left,right:r.right,top:r.top,bottom:r.bottom,width:r.width,height:r.height,"
            "display:getComputedStyle(e).display,visibility:getComputedStyle(e).visibility};})()" % selector)

    def test_wide_screen_shows_the_contents_to_the_right_of_the_text(self):
        self.open(PAGE, 1366, 800, False)
        side = self.box("nav.toc-side")
        text = self.box(".document > .body")
        header = self.box(".document > .doc-header")
        self.assertIsNotNone(side, "no side table of contents")
        self.assertNotEqual(side["display"], "none", "the side table of contents is hidden at 1366 px")
        self.assertGreater(side["width"], 100)
        self.assertGreaterEqual(side["left"], text["right"], f"not right of the text: {side} {text}")
        self.assertGreaterEqual(side["left"], header["right"])
        self.assertLessEqual(side["right"], 1366, "off-screen to the right")
        self.assertLess(side["top"], 800, "below the fold")
        self.assertGreaterEqual(self.evaluate("document.querySelectorAll('nav.toc-side li a').length"), 3)
        # Its links lead to headings of the page.
        missing = self.evaluate("Array.from(document.querySelectorAll('nav.toc-side a'))"
                                ".filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1))))"
                                ".map(a => a.hash)")
        self.assertEqual(missing, [])
        self.assertEqual(self.box("details.toc-top")["display"], "none", "two tables of contents at 1366 px")
        # Prose keeps a readable measure beside the column (about 75 characters).
        paragraph = self.box(".document > .body > p")
        if paragraph:
            chars = self.evaluate("(function(){var p=document.querySelector('.document > .body > p');"
                                  "var s=document.createElement('span');s.textContent='0'.repeat(100);"
                                  "p.appendChild(s);var w=s.getBoundingClientRect().width/100;s.remove();"
                                  "return p.getBoundingClientRect().width/w;})()")
            self.assertLessEqual(chars, 80, f"{chars:.0f} characters per line")

    def test_phone_shows_a_collapsed_details_at_the_top(self):
        self.open(PAGE, 390, 844, True)
        top = self.box("details.toc-top")
        self.assertIsNotNone(top)
        self.assertNotEqual(top["display"], "none")
        self.assertFalse(self.evaluate("document.querySelector('details.toc-top').open"), "expanded by default")
        self.assertEqual(self.box("nav.toc-side")["display"], "none")
        # At the top: above the page's body text, within the first screen.
        self.assertLess(top["bottom"], self.box(".document > .body")["top"])
        self.assertLess(top["top"], 844)
        self.assertLessEqual(top["right"], 390)
        # It opens on a tap and shows its links.
        self.evaluate("document.querySelector('details.toc-top summary').click()")
        self.assertTrue(self.evaluate("document.querySelector('details.toc-top').open"))
        self.assertGreater(self.box("details.toc-top li a")["height"], 0)

    def test_breadcrumbs_and_the_open_folder(self):
        for width, mobile in ((1366, False), (390, True)):
            self.open(PAGE, width, 800, mobile)
            crumbs = self.evaluate("Array.from(document.querySelectorAll('nav[aria-label=\"Breadcrumb\"] ol li'))"
                                   ".map(li => li.textContent.trim())")
            self.assertEqual(crumbs[0], "Home")
            self.assertEqual(crumbs[-1], "Penguin species classifier")
            self.assertGreaterEqual(len(crumbs), 3, crumbs)
            self.assertGreater(self.box("nav[aria-label=\"Breadcrumb\"]")["height"], 0)
            self.assertEqual(self.evaluate("document.querySelector('nav[aria-label=\"Breadcrumb\"] [aria-current=\"page\"]')"
                                           ".textContent"), "Penguin species classifier")
        # The sidebar marks the page inside its opened folder.
        self.assertTrue(self.evaluate("document.querySelector('#sidebar .nav-folder.open a[aria-current=\"page\"]')"
                                      " !== null"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    SITE = sys.argv.pop(1)
    unittest.main(verbosity=2)
