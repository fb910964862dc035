@testable import DossierChecks
@testable import DossierSite
import DossierCore
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

    /// The linker keeps its page's root prefix: a URL is the one `ProjectPath.relativeURL` makes
    /// from the page, for pages at the root, one and several folders down, and outside ASCII.
    @Test func urlsAreRelativeToThePage() throws {
        let project = try TemporaryProject(["docs/a.md": "# A\n"])
        defer { project.remove() }
        let loaded = try project.load()
        let site = SiteContext(
            project: loaded, layout: loaded.layout, copiedFiles: [],
            theme: try Theme.load(name: "default", projectRoot: loaded.root))
        for page in ["index.html", "docs/a.html", "docs/deep/er/b.html", "dé/jà/vu.html", "a//b.html"] {
            let linker = PageLinker(site: site, page: page, sourcePath: "docs/a.md")
            for target in ["index.html", "docs/x.html", "dossier/health.html"] {
                #expect(linker.url(target) == ProjectPath.relativeURL(from: page, to: target), "\(page) \(target)")
            }
        }
    }
}
