@testable import DossierChecks
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The sidebar levels shared between the pages of a folder (issue 15's render time) give every
/// page the very sidebar it would get rendered on its own.
@Suite struct SharedNavigationTests {
    @Test func sharedLevelsEqualLevelsRenderedForThePage() throws {
        var files = ["README.md": "# Site\n", "top.md": "# Top\n", "guides/index.md": "# Guides\n"]
        for i in 1...45 { files["notes/n\(i).md"] = "# Note \(i)\n" }
        files["guides/deep/a.md"] = "# A\n"
        try expectSharedEqualsWhole(files)
    }

    /// The current link is found in the shared level by bytes: names that are prefixes of one
    /// another, non-ASCII names (precomposed and decomposed), names the template escapes.
    @Test func sharedLevelsFindTheCurrentLinkAmongTrickyNames() throws {
        var files = ["README.md": "# Site\n"]
        for name in [
            "a", "a.md", "ab", "na\u{EF}ve", "cafe\u{301}", "r&d", "x y", "\u{4F01}\u{9E45}", "q\"uote", "a-b", "a_b",
        ] {
            files["tricky/\(name).md"] = "# \(name)\n"
            files["tricky/sub/\(name).md"] = "# Sub \(name)\n"
        }
        try expectSharedEqualsWhole(files)
    }

    func expectSharedEqualsWhole(_ files: [String: String]) throws {
        let project = try TemporaryProject(files)
        defer { project.remove() }
        let loaded = try project.load()
        let theme = try Theme.load(folder: nil, projectRoot: project.url)
        let navigation = Navigation(project: loaded, layout: loaded.layout, theme: theme)
        #expect(navigation.currentMarker == " aria-current=\"page\"")
        for (document, page) in loaded.layout.pages.enumerated() where document != loaded.layout.homeDocument {
            let position = navigation.position[document]
            let shared = navigation.html(page: page, currentDocument: document)
            // The same page without sharing: every level rendered whole.
            let depth = page.split(separator: "/").count - 1
            let root = String(repeating: "../", count: depth)
            var open: [Int] = []
            if let section = navigation.tree.sectionOf[document] { open = navigation.tree.chain(to: section) }
            var inner = ""
            for (at, section) in ([0] + open).enumerated().reversed() {
                if section != 0, navigation.tree.sections[section].entries.isEmpty {
                    inner = ""
                    continue
                }
                inner = navigation.level(
                    section, root: root, openChild: at < open.count ? open[at] : nil, childrenHTML: inner,
                    currentDocument: document, heading: section == 0 ? "Documents" : nil)
            }
            if navigation.tree.sectionOf[document] != 0, position >= Navigation.maxEntriesPerLevel,
                !navigation.tree.isIndex(document)
            {
                // Past the cap the page is listed on its own after the shared forty.
                #expect(
                    shared.contains(
                        "more →</a></li>\n</ul>\n<ul class=\"nav-level\">\n<li><a href=\"\(root)\(page)\" aria-current=\"page\">"
                    ))
            } else {
                #expect(shared.hasPrefix(inner), "\(page)")
            }
            #expect(shared.components(separatedBy: "aria-current=\"page\"").count == 2, "\(page)")
        }
    }
}
