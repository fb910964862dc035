@testable import DossierChecks
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Issue 13 item 1: notebooks become pages built from their stored outputs, never executed.
@Suite struct NotebookPageTests {
    /// A 1×1 PNG.
    static let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

    static func notebook(_ cells: [String], language: String = "python") -> String {
        "{\"cells\": [" + cells.joined(separator: ",\n") + "], \"metadata\": {\"kernelspec\": {\"language\": \""
            + language + "\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}\n"
    }

    static func code(_ id: String, _ source: String, count: Int?, outputs: [String] = []) -> String {
        let escaped = source.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "{\"cell_type\": \"code\", \"id\": \"\(id)\", \"metadata\": {}, \"execution_count\": "
            + (count.map(String.init) ?? "null") + ", \"source\": [\"\(escaped)\"], \"outputs\": ["
            + outputs.joined(separator: ",") + "]}"
    }

    static func markdown(_ id: String, _ source: String) -> String {
        let escaped = source.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "{\"cell_type\": \"markdown\", \"id\": \"\(id)\", \"metadata\": {}, \"source\": \"\(escaped)\"}"
    }

    static func exploration(count: Int = 1, text: String = "345") -> String {
        notebook([
            markdown("intro", "# Exploration\n\nThe loss is $a*b*c$; see [the guide](../docs/guide.md)."),
            code(
                "load", "def load(path):\n    return open(path).read()\n\nx = 1", count: count,
                outputs: [
                    "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"\(text) rows\\n\"]}",
                    "{\"output_type\": \"execute_result\", \"execution_count\": \(count), \"data\": {\"text/plain\": [\"(344, 8)\"]}, \"metadata\": {}}",
                ]),
            code(
                "plot", "plot()", count: count + 1,
                outputs: [
                    "{\"output_type\": \"display_data\", \"data\": {\"image/png\": \"\(png)\\n\", \"text/plain\": [\"<Figure>\"]}, \"metadata\": {}}",
                    "{\"output_type\": \"display_data\", \"data\": {\"image/svg+xml\": [\"<svg xmlns='http://www.w3.org/2000/svg'><circle r='1'/></svg>\"]}, \"metadata\": {}}",
                    "{\"output_type\": \"display_data\", \"data\": {\"image/svg+xml\": [\"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>\"]}, \"metadata\": {}}",
                    "{\"output_type\": \"display_data\", \"data\": {\"text/html\": [\"<table><tr><td>1</td></tr></table><script>alert(2)</script>\"], \"text/plain\": [\"df\"]}, \"metadata\": {}}",
                    "{\"output_type\": \"error\", \"ename\": \"ValueError\", \"evalue\": \"bad <value>\", \"traceback\": [\"\\u001b[0;31mValueError\\u001b[0m: bad\"]}",
                ]),
        ])
    }

    func project(_ extra: [String: String] = [:]) throws -> TemporaryProject {
        var files = [
            "README.md": "# Home\n\nSee [the notebook](notebooks/explore.ipynb).",
            "docs/guide.md": "# Guide\n\nCell [two](../notebooks/explore.ipynb#cell-2), by id "
                + "[load](../notebooks/explore.ipynb#load) and the function [load](../notebooks/explore.ipynb#load).",
            "notebooks/explore.ipynb": Self.exploration(),
        ]
        for (path, text) in extra { files[path] = text }
        return try TemporaryProject(files)
    }

    @Test func notebookBecomesAPageWithOutputsAndImageFiles() throws {
        let project = try project()
        defer { project.remove() }
        let report = try Dossier.build(path: project.path)
        _ = report
        let page = try #require(project.read("site/notebooks/explore.html"))
        // An SVG output with script is not written: opening its file would run it.
        #expect(!project.exists("site/notebooks/explore.files/cell-3-3.svg"))
        #expect(page.contains("nb-refused"))
        let refused = try project.load().findings.with(rule: "notebook.active-content")
        #expect(refused.map(\.location.path) == ["notebooks/explore.ipynb"])
        #expect(page.contains("<title>Exploration"))
        #expect(page.contains("<span class=\"math math-inline\">a*b*c</span>"))
        #expect(page.contains("In [1]:"))
        #expect(page.contains("<span class=\"kw\">def</span>") || page.contains("def</span>"))
        #expect(page.contains("345 rows"))
        // Outputs that may scroll sideways are focusable, so a keyboard can scroll them.
        #expect(page.contains("<div class=\"nb-output nb-html\" tabindex=\"0\"><table>"))
        #expect(page.contains("tabindex=\"0\">345 rows"))
        #expect(page.contains("(344, 8)"))
        // Images are files beside the page, never inline base64; SVG only as <img>.
        #expect(page.contains("<img src=\"explore.files/cell-3-1.png\""))
        #expect(page.contains("<img src=\"explore.files/cell-3-2.svg\""))
        #expect(!page.contains("base64"))
        #expect(!page.contains(Self.png))
        #expect(project.exists("site/notebooks/explore.files/cell-3-1.png"))
        #expect(project.exists("site/notebooks/explore.files/cell-3-2.svg"))
        // HTML outputs pass the sanitizer: the table stays, the script does not run.
        #expect(page.contains("<table><tr><td>1</td></tr></table>"))
        #expect(!page.contains("<script>alert(2)"))
        // Errors show as errors, ANSI escapes stripped, text escaped.
        #expect(page.contains("<strong>ValueError</strong>: bad &lt;value&gt;"))
        #expect(!page.contains("\u{1B}"))
        #expect(page.contains("id=\"cell-2\""))
        // Links from the notebook resolve; links to the notebook resolve to its page.
        #expect(page.contains("href=\"../docs/guide.html\""))
        #expect(project.read("site/index.html")?.contains("href=\"notebooks/explore.html\"") == true)
        // Navigation and search know the page.
        #expect(page.contains("href=\"explore.html\"") || page.contains("href=\"../notebooks/explore.html\""))
        let index = SiteBuilder.searchEntries(
            site: SiteContext(
                project: try project.load(), layout: try project.load().layout,
                copiedFiles: [],
                theme: try Theme.load(
                    name: "default",
                    projectRoot: URL(fileURLWithPath: project.path))))
        #expect(index.contains { $0.url == "notebooks/explore.html" && $0.text.contains("Exploration") })
    }

    /// A notebook's table of contents links to Jupyter's heading ids (`#Data-preparation`: the
    /// text, spaces to `-`, case kept) and to raw `<a id>` anchors; both are no findings and both
    /// reach their heading on the site, beside the GitHub-style ids.
    @Test func jupyterHeadingIDsAndRawAnchorsAreLinkTargets() throws {
        let toc =
            "# Training run\n\n1. [Data preparation](#Data-preparation)\n1. [Setup](#Setup)\n"
            + "1. [Next](#next-steps)\n1. [Results](#results)\n1. [Cell](#cell-2)\n1. [Broken](#Nowhere)"
        let project = try project([
            "notebooks/toc.ipynb": Self.notebook([
                Self.markdown("toc", toc),
                Self.markdown("prep", "## Data preparation\n\nText.\n\n## Setup"),
                Self.markdown("next", "<a id='results'></a>\n## Next steps"),
            ])
        ])
        defer { project.remove() }
        let loaded = try project.load()
        let missing = loaded.findings.with(rule: "reference.missing-anchor")
        #expect(missing.map(\.message) == ["`#Nowhere` is not a heading of notebooks/toc.ipynb"])
        #expect(loaded.findings.with(rule: "markdown.raw-html").isEmpty)

        _ = try Dossier.build(path: project.path)
        let page = try #require(project.read("site/notebooks/toc.html"))
        #expect(page.contains("<a id=\"Data-preparation\"></a>"))
        #expect(page.contains("<h2 id=\"data-preparation\">"))
        #expect(page.contains("<a id=\"Setup\"></a>"))
        #expect(page.contains("<a id=\"results\"></a>"))
        // A heading whose Jupyter id is its GitHub id gets no second anchor.
        #expect(!page.contains("<a id=\"next-steps\"></a>"))
        let problems = LinkChecker.check(site: URL(fileURLWithPath: project.path + "/site")).problems
        #expect(problems.filter { $0.description.contains("toc.html") && !$0.description.contains("Nowhere") }.isEmpty)
    }

    @Test func cellAndSymbolReferencesResolve() throws {
        let project = try project([
            "docs/broken.md":
                "# Broken\n\n[x](../notebooks/explore.ipynb#cell-9) and [y](../notebooks/explore.ipynb#nothing)"
        ])
        defer { project.remove() }
        let loaded = try project.load()
        let missing = loaded.findings.with(rule: "code.missing-symbol")
        #expect(missing.map(\.location.path) == ["docs/broken.md", "docs/broken.md"])
        #expect(
            loaded.findings.filter { $0.location.path == "docs/guide.md" && $0.rule != "staleness.no-history" }.isEmpty)
    }

    @Test func rerunningANotebookDoesNotChangeItsFingerprints() throws {
        let before = Array(Self.exploration(count: 1, text: "345").utf8)
        let after = Array(Self.exploration(count: 7, text: "999").utf8)
        for anchor: CodeReference.Anchor in [.whole, .symbol("cell-2"), .symbol("load"), .symbol("plot")] {
            let one = ContentFingerprint.make(anchor, path: "n.ipynb", bytes: before)
            let two = ContentFingerprint.make(anchor, path: "n.ipynb", bytes: after)
            #expect(one == two)
            if case .symbol("load") = anchor { #expect(one != nil) }
        }
        #expect(ContentFingerprint.make(.lines(1, 2), path: "n.ipynb", bytes: before) != nil)
        let edited = Array(
            Self.exploration().replacingOccurrences(of: "open(path).read()", with: "open(path).readlines()").utf8)
        #expect(
            ContentFingerprint.make(.symbol("load"), path: "n.ipynb", bytes: before)
                != ContentFingerprint.make(.symbol("load"), path: "n.ipynb", bytes: edited))
    }

    @Test func invalidNotebookIsAFindingWithALineAndTheRestBuilds() throws {
        let project = try project([
            "notebooks/bad.ipynb": "{\n  \"cells\": [\n    {\"cell_type\": \"code\",,}\n  ]\n}\n"
        ])
        defer { project.remove() }
        let loaded = try project.load()
        let invalid = loaded.findings.with(rule: "notebook.invalid")
        #expect(invalid.count == 1)
        #expect(invalid.first?.location.path == "notebooks/bad.ipynb")
        #expect(invalid.first?.location.line == 3)
        _ = try Dossier.build(path: project.path)
        #expect(project.exists("site/notebooks/explore.html"))
        #expect(!project.exists("site/notebooks/bad.html"))
    }

    @Test func tooLargeNotebookIsAFinding() throws {
        let project = try project()
        defer { project.remove() }
        let padding = String(repeating: "x", count: Notebook.maxBytes)
        try project.write("notebooks/huge.ipynb", Self.notebook([Self.code("a", padding, count: 1)]))
        let loaded = try project.load()
        #expect(loaded.findings.with(rule: "notebook.too-large").map(\.location.path) == ["notebooks/huge.ipynb"])
        #expect(loaded.index.byPath["notebooks/explore.ipynb"] != nil)
    }

    @Test func hugeTextOutputIsCut() throws {
        let big = String(repeating: "loss 0.1\\n", count: 20_000)
        let text = Self.notebook([
            Self.code(
                "a", "train()", count: 1,
                outputs: [
                    "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"\(big)\"}"
                ])
        ])
        let (document, findings) = DocumentLoader.load(path: "n.ipynb", bytes: Array(text.utf8))
        #expect(findings.isEmpty)
        let html = try #require(document).body.parsed().children.filter { $0.kind == .generatedHTML }.map(\.literal)
            .joined()
        #expect(html.contains("output cut"))
        #expect(html.utf8.count < NotebookPage.maxTextOutput + 1_000)
    }

    @Test func scriptInHTMLOutputIsDisarmed() {
        let html = NotebookOutput.sanitize(
            "<table><tr><td onclick=\"a()\">1</td></tr></table><img src=x onerror=b()>"
                + "<svg/onload=c()><object data=\"data:text/html,x\"></object><script>d()</script>"
                + "<math><mtext><table><mglyph><style><img src=x onerror=\"e()\"></style></mglyph></table></mtext></math>"
        )
        for payload in ["onclick", "onerror", "onload", "<object", "<script", "a()\"", "e()\""] {
            #expect(!html.contains(payload), "\(payload) in \(html)")
        }
        #expect(html.contains(">1</td>"))
        let links = NotebookOutput.sanitize(
            "<a href=\"jav&#97;script:x()\">a</a><a href=\"jav&#x09;ascript:y()\">b</a>"
                + "<a href=\"data:text/html,z\">c</a><a href=\"https://example.org/\">d</a><img src=\"data:image/png;base64,AA\">"
        )
        #expect(!links.contains("script:") && !links.contains("text/html"), "\(links)")
        // Only http(s), mailto and relative URLs survive; an inline data: image is dropped too.
        #expect(links.contains("href=\"https://example.org/\"") && !links.contains("data:"))
    }

    @Test func notJSONStructureIsAFinding() {
        let (document, findings) = DocumentLoader.load(path: "n.ipynb", bytes: Array("[1, 2]".utf8))
        #expect(document == nil)
        #expect(findings.rules() == ["notebook.invalid"])
    }
}
