@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// Issue 3's bad inputs, all in one project: each is a finding (or handled safely), nothing
/// crashes, every other page builds, and nothing is written outside the output folder.
@Suite struct BadInputTests {
    @Test func everyBadInputIsAFindingAndTheRestBuilds() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n\nSee [[good]].\n",
            "docs/good.md": "---\nkind: data-source\n---\n# Good\n",
            "docs/empty.md": "",
            "docs/list.md": "---\n- not\n- a mapping\n---\n# List\n",
            "docs/escape.md": "---\nid: ../../etc/x\n---\n# Escape\n",
            "docs/xss.md":
                "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"<img src=x onerror=alert(1)>\"\nkind: data-source\nlocation: \"javascript:alert(1)\"\n---\n[x](javascript:alert(2)) <b onclick=alert(3)>b</b>\n",
            "docs/deep.md": "---\na: " + String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000)
                + "\n---\n# Deep\n",
        ])
        defer { project.remove() }
        try project.write("docs/binary.md", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A])
        try project.write("docs/latin1.md", bytes: Array("# Caf".utf8) + [0xE9])
        var bomb = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        try project.write("docs/bomb.md", bomb + "---\n# Bomb\n")
        var huge = "# Huge\n\n"
        let line = String(repeating: "lorem ipsum dolor sit amet ", count: 40) + "\n"
        while huge.utf8.count < 20 * 1024 * 1024 { huge += line }
        try project.write("docs/huge.md", huge)
        try FileManager.default.createSymbolicLink(
            atPath: project.path + "/docs/loop", withDestinationPath: project.path + "/docs")

        let output = project.url.appendingPathComponent("out")
        let report = try Dossier.build(path: project.path, options: BuildOptions(output: output.path))
        let findings = report.project.findings
        func rule(_ path: String) -> [String] { findings.filter { $0.location.path == path }.map(\.rule) }
        #expect(rule("docs/binary.md") == ["document.binary"])
        #expect(rule("docs/latin1.md") == ["document.encoding"])
        #expect(rule("docs/huge.md") == ["document.too-large"])
        #expect(rule("docs/list.md") == ["front-matter.not-mapping"])
        #expect(rule("docs/escape.md") == ["document.invalid-id"])
        #expect(rule("docs/bomb.md") == ["front-matter.aliases"])
        #expect(rule("docs/deep.md") == ["front-matter.yaml"])
        #expect(rule("docs/empty.md").isEmpty)
        for finding in findings { #expect(finding.location.line >= 1) }

        // Every other page still builds; the escaping id wrote nothing outside the output.
        for page in [
            "index.html", "docs/good.html", "docs/empty.html", "docs/list.html", "docs/escape.html", "docs/xss.html",
            "docs/bomb.html", "docs/deep.html",
        ] {
            #expect(ProjectFiles.exists(output.appendingPathComponent(page).path), "\(page)")
        }
        #expect(!ProjectFiles.exists(project.url.deletingLastPathComponent().appendingPathComponent("etc").path))
        let written = LinkChecker.allFiles(project.url)
        // Besides the output, only the build cache, which is Dossier's own folder in the project.
        #expect(
            written.allSatisfy {
                $0.hasPrefix("out/") || $0.hasPrefix("docs/") || $0 == "README.md"
                    || $0.hasPrefix(".dossier-cache/")
            }, "\(written.sorted())")

        // Titles and front-matter values are escaped; script URLs never reach a page.
        let xss = try #require(ProjectFiles.readText(output.appendingPathComponent("docs/xss.html").path))
        #expect(!xss.contains("<script>alert"))
        #expect(!xss.contains("<img src=x"))
        #expect(!xss.lowercased().contains("href=\"javascript:"))
        #expect(xss.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(LinkChecker.check(site: output).problems.isEmpty)
    }
}
