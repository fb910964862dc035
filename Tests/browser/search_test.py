#!/usr/bin/env python3
"""Browser test: headless Chromium opens the built ExampleProject site from file://, types a
query into the search box, and checks that the expected result appears, that no console error
occurred and that nothing was requested from another host.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe), so the test
needs only Python's standard library and Debian's chromium package.

Usage: search_test.py SITE_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

SITE = None


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe (fds 3 and 4)."""

    def __init__(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not chromium:
            raise unittest.SkipTest("chromium is not installed")
        self.profile = tempfile.mkdtemp(prefix="dossier-chromium-")
        to_chrome_r, self.to_chrome_w = os.pipe()
        self.from_chrome_r, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4; 3 and 4 must be kept open
        # after preexec_fn moves the pipes there, hence both in pass_fds.
        def setup():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "--no-first-run",
             "about:blank"],
            preexec_fn=setup, pass_fds=(3, 4, to_chrome_r, from_chrome_w),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no reply from chromium")
            chunk = os.read(self.from_chrome_r, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=20):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome_w, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def new_page(self, domains=("Page", "Runtime")):
        """Opens a blank tab and returns its session id, with `domains` enabled on it."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in domains:
            self.send(f"{domain}.enable", session=session)
        return session

    def pump(self, seconds):
        """Collect events for a while (the page's scripts run meanwhile)."""
        self.send("Browser.getVersion", timeout=seconds + 10)
        end = time.time() + seconds
        while time.time() < end:
            time.sleep(0.05)
            self.send("Browser.getVersion")


class SearchInTheBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tools = DevTools()
        cls.session = cls.tools.new_page(("Page", "Runtime", "Network", "Log"))

    @classmethod
    def tearDownClass(cls):
        cls.tools.close()

    def evaluate(self, expression):
        result = self.tools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                      "awaitPromise": True}, session=self.session)
        return result.get("result", {}).get("value")

    def open(self, page):
        url = "file://" + os.path.join(os.path.abspath(SITE), page)
        self.tools.events.clear()
        self.tools.send("Page.navigate", {"url": url}, session=self.session)
        for _ in range(100):
            if self.evaluate("document.readyState") == "complete":
                break
            time.sleep(0.1)
        return url

    def type_query(self, text):
        self.evaluate("document.getElementById('search-input').focus()")
        for char in text:
            self.tools.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": char, "key": char}, session=self.session)
            self.tools.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char}, session=self.session)

    def wait_for_results(self):
        for _ in range(100):
            items = self.evaluate("Array.from(document.querySelectorAll('#search-results li')).map(li => li.textContent.trim())")
            if items:
                return items
            time.sleep(0.1)
        return []

    def problems(self):
        errors, foreign = [], []
        for event in self.tools.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(str(params.get("args")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                errors.append(params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not (url.startswith("file://") or url.startswith("data:") or url.startswith("about:")):
                    foreign.append(url)
        return errors, foreign

    def test_search_from_file_url_on_the_home_page(self):
        self.open("index.html")
        loaded_before = self.evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('/search/')).length")
        self.assertEqual(loaded_before, 0, "search data was loaded before the first keystroke")
        self.type_query("adelie")
        results = self.wait_for_results()
        self.assertTrue(results, "no search results appeared")
        self.assertTrue(any("Penguins" in r for r in results), f"expected the penguins schema among {results}")
        errors, foreign = self.problems()
        self.assertEqual(errors, [], "console errors")
        self.assertEqual(foreign, [], "requests to other hosts")

    def test_search_from_a_nested_page_links_relatively(self):
        self.open("docs/experiments/species-model-selection.html")
        self.type_query("knn")
        results = self.wait_for_results()
        self.assertTrue(any("Species model selection" in r for r in results), f"{results}")
        href = self.evaluate("document.querySelector('#search-results li a').href")
        self.assertTrue(href.startswith("file://"), href)
        # Following the first result opens a page of the site.
        self.tools.send("Page.navigate", {"url": href}, session=self.session)
        time.sleep(0.5)
        self.assertTrue(self.evaluate("document.querySelector('main') !== null"))
        errors, foreign = self.problems()
        self.assertEqual(errors, [])
        self.assertEqual(foreign, [])

    def test_sortable_runs_table(self):
        self.open("dossier/experiments.html")
        before = self.evaluate("Array.from(document.querySelectorAll('table.sortable tbody tr')).map(r => r.cells[1].textContent)")
        self.evaluate("document.querySelector('table.sortable thead th:nth-child(2)').click()")
        after = self.evaluate("Array.from(document.querySelectorAll('table.sortable tbody tr')).map(r => r.cells[1].textContent)")
        self.assertEqual(sorted(before, key=str.lower), after)
        self.evaluate("document.querySelector('table.sortable thead th:nth-child(2)').click()")
        again = self.evaluate("Array.from(document.querySelectorAll('table.sortable tbody tr')).map(r => r.cells[1].textContent)")
        self.assertEqual(list(reversed(after)), again)
        errors, _ = self.problems()
        self.assertEqual(errors, [])

    def test_a_field_link_lands_below_the_sticky_header(self):
        # A [[schema.field]] link must show its row whole, not under the top bar.
        self.tools.send("Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 800, "deviceScaleFactor": 1,
                                                                "mobile": False}, session=self.session)
        try:
            self.open("docs/data/penguins.html#field-bill_length_mm")
            time.sleep(0.3)
            header = self.evaluate("document.querySelector('.topbar').getBoundingClientRect().bottom")
            row = self.evaluate("(function(){var r=document.getElementById('field-bill_length_mm')"
                                ".getBoundingClientRect();return [r.top,r.bottom];})()")
            self.assertGreaterEqual(row[0], header, f"row top {row[0]} is under the header ending at {header}")
            self.assertLessEqual(row[1], 800)
            highlighted = self.evaluate("getComputedStyle(document.querySelector(':target')).outlineStyle")
            self.assertEqual(highlighted, "solid", "the target row is not highlighted")
        finally:
            self.tools.send("Emulation.clearDeviceMetricsOverride", session=self.session)

    def test_a_wiki_link_in_a_schema_cell_is_a_link(self):
        self.open("docs/data/penguins-raw.html")
        href = self.evaluate("(function(){var a=document.querySelector('table.schema-table td a[href*=\"field-species\"]');"
                             "return a ? a.getAttribute('href') : null;})()")
        self.assertIsNotNone(href, "Becomes [[penguins.species]] is not a link")
        raw = self.evaluate("document.querySelector('table.schema-table').textContent.includes('[[')")
        self.assertFalse(raw, "a [[…]] is shown raw in the schema table")

    def search_titles(self, query):
        self.open("index.html")
        self.type_query(query)
        return self.wait_for_results()

    def test_search_finds_front_matter_plurals_typos_and_runs(self):
        # A front-matter value (owner: ml-team on the model card).
        self.assertTrue(any("Penguin species classifier" in r or "classifier" in r.lower()
                            for r in self.search_titles("ml-team")), "ml-team")
        # A plural of a word the site uses in the singular, and a past tense of "labeling".
        self.assertTrue(any("Penguin" in r for r in self.search_titles("flippers")), "flippers")
        self.assertTrue(any("label" in r.lower() for r in self.search_titles("labeled")), "labeled")
        # One swapped pair of letters.
        self.assertTrue(any("Penguin" in r for r in self.search_titles("pengiun")), "pengiun")
        # The selected run: the experiment that defines it comes first, and the model card has it.
        results = self.search_titles("knn-k7")
        self.assertTrue(results and "Species model selection" in results[0], f"{results}")
        self.assertTrue(any("classifier" in r.lower() for r in results), f"{results}")
        # A field: the schema that defines it ranks first and the result opens at its row.
        self.search_titles("bill_length_mm")
        href = self.evaluate("document.querySelector('#search-results li a').getAttribute('href')")
        self.assertTrue(href.endswith("docs/data/penguins.html#field-bill_length_mm"), href)
        snippet = self.evaluate("document.querySelector('#search-results li a').textContent")
        self.assertIn("Field bill_length_mm", snippet)
        # Nothing to look up still answers.
        results = self.search_titles("1.9.1")
        self.assertTrue(results and results[0].startswith("No results for"), f"{results}")
        errors, foreign = self.problems()
        self.assertEqual(errors, [])
        self.assertEqual(foreign, [])

    def test_the_first_metric_column_is_visible_at_1366_px(self):
        self.tools.send("Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 800, "deviceScaleFactor": 1,
                                                                "mobile": False}, session=self.session)
        try:
            self.open("docs/experiments/species-model-selection.html")
            time.sleep(0.2)
            box = self.evaluate("(function(){var t=document.querySelector('table.runs-table');"
                                "var h=t.querySelector('th.metric');var w=t.closest('.table-wrap').getBoundingClientRect();"
                                "var r=h.getBoundingClientRect();return [r.left,r.right,w.right,window.innerWidth];})()")
            self.assertLessEqual(box[1], min(box[2], box[3]), f"first metric column off-screen: {box}")
            # The scrolling box is reachable by keyboard and named.
            wrap = self.evaluate("(function(){var w=document.querySelector('table.runs-table').closest('.table-wrap');"
                                 "return [w.getAttribute('tabindex'), w.getAttribute('aria-label')];})()")
            self.assertEqual(wrap[0], "0")
            self.assertTrue(wrap[1])
            # The experiment page has its chart of the selection metric.
            self.assertTrue(self.evaluate("document.querySelector('figure.runs-chart svg') !== null"))
        finally:
            self.tools.send("Emulation.clearDeviceMetricsOverride", session=self.session)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    SITE = sys.argv.pop(1)
    unittest.main(verbosity=2)
