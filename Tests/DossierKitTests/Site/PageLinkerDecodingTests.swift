@testable import DossierChecks
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// A link's path is percent-decoded before it is resolved, and only a path holding a `%` goes
/// through Foundation's decoding: both spellings of a file name lead to the same page.
@Suite struct PageLinkerDecodingTests {
    @Test func encodedAndPlainPathsLeadToTheSamePage() throws {
        let project = try TemporaryProject([
            "docs/my file.md": "# Spaced\n", "docs/a.md": "# A\n\n[s](my%20file.md) [p](my file.md)\n",
            "docs/100%.md": "# Percent\n",
        ])
        defer { project.remove() }
        let loaded = try project.load()
        let site = SiteContext(
            project: loaded, layout: loaded.layout, copiedFiles: [],
            theme: try Theme.load(name: "default", projectRoot: loaded.root))
        let a = try #require(loaded.documents.firstIndex { $0.path == "docs/a.md" })
        let linker = PageLinker(site: site, page: loaded.layout.pages[a], sourcePath: "docs/a.md")
        let plain = try #require(linker.href(for: "my file.md", isImage: false))
        #expect(linker.href(for: "my%20file.md", isImage: false) == plain)
        #expect(linker.href(for: "my%20file.md#part", isImage: false) == plain + "#part")
        // `100%.md` is no valid percent-encoding: the path is taken as written.
        let percent = try #require(loaded.documents.firstIndex { $0.path == "docs/100%.md" })
        #expect(linker.href(for: "100%.md", isImage: false) == linker.url(document: percent))
    }
}
