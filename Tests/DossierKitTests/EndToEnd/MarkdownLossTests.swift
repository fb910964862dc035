@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// A missing image and dropped raw HTML are findings with file and line, found before rendering.
@Suite struct MarkdownLossTests {
    static let page = """
        # Page

        ![plot](missing.png) and ![ok](img/ok.png) and ![web](https://example.org/x.png)

        <details>
        <summary>More</summary>

        Hidden text.

        </details>

        <!-- a comment is not content -->
        Inline <kbd>Ctrl</kbd> key.
        """

    @Test func missingImagesAndDroppedHTMLAreFindings() throws {
        let project = try TemporaryProject(["docs/page.md": Self.page, "docs/img/ok.png": "png"])
        defer { project.remove() }
        let findings = try project.load().findings
        let images = findings.with(rule: "link.missing-image")
        #expect(images.count == 1)
        #expect(images.first?.location.path == "docs/page.md")
        #expect(images.first?.location.line == 3)
        #expect(images.first?.message.contains("`missing.png`") == true)
        let html = findings.with(rule: "markdown.raw-html")
        #expect(html.map(\.location.line) == [5, 13], "\(html)")
        #expect(html.first?.message.contains("`<details>`") == true)
        #expect(html.last?.message.contains("`<kbd>`") == true)
    }

    @Test func rawHTMLAllowedIsNoFinding() throws {
        let project = try TemporaryProject([
            "docs/page.md": Self.page, "docs/img/ok.png": "png",
            "dossier.yml": "unsafe_html: true\n",
        ])
        defer { project.remove() }
        let findings = try project.load().findings
        #expect(findings.with(rule: "markdown.raw-html").isEmpty)
        #expect(findings.with(rule: "link.missing-image").count == 1)
    }

    @Test func anImageLinkedOutOfTheProjectThroughASymlinkIsMissing() throws {
        let outside = try TemporaryProject(["secret.png": "x"])
        defer { outside.remove() }
        let project = try TemporaryProject(["docs/page.md": "# P\n\n![s](leak.png)\n"])
        defer { project.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: project.path + "/docs/leak.png",
            withDestinationPath: outside.path + "/secret.png")
        let findings = try project.load().findings
        #expect(findings.with(rule: "link.missing-image").count == 1)
    }
}
