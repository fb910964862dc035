@testable import DossierChecks
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// `dossier build` writes the search index before the pages and then drops the documents' search
/// text, which nothing else reads (issue 15): the site must be byte for byte the one built with the
/// text kept throughout.
@Suite struct SearchTextDropTests {
    @Test func droppingEmptiesEverySearchTextAndNothingElse() throws {
        let root = try exampleCopy(prefix: "dossier-drop")
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try ProjectLoader.load(root: root.path, options: BuildOptions(useCache: false))
        #expect(loaded.documents.filter { !$0.analysis.text.isEmpty }.count > 3)
        var dropped = loaded
        dropped.dropSearchText()
        #expect(dropped.documents.allSatisfy { $0.analysis.text.isEmpty })
        #expect(dropped.index.documents.allSatisfy { $0.analysis.text.isEmpty })
        #expect(dropped.documents.map(\.path) == loaded.documents.map(\.path))
        #expect(dropped.documents.map(\.title) == loaded.documents.map(\.title))
        #expect(dropped.documents.map(\.analysis.headings) == loaded.documents.map(\.analysis.headings))
        #expect(dropped.index.byPath == loaded.index.byPath)
    }

    /// Texts that hold less than the minimum in all are kept (dropping them would copy the whole
    /// document array, more than they hold); the reader of passed-over texts is let go of anyway.
    @Test func textsUnderTheMinimumAreKept() throws {
        let root = try exampleCopy(prefix: "dossier-drop")
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try ProjectLoader.load(root: root.path, options: BuildOptions(useCache: false))
        let held = loaded.documents.reduce(0) { $0 + $1.analysis.text.utf8.count }
        #expect(held > 0)
        #expect(loaded.searchTextWorthDropping == loaded.documents.count * MemoryLayout<Document>.stride)
        var kept = loaded
        kept.dropSearchText(minimumBytes: held + 1)
        #expect(kept.documents.map(\.analysis.text) == loaded.documents.map(\.analysis.text))
        #expect(kept.index.documents.map(\.analysis.text) == loaded.documents.map(\.analysis.text))
        #expect(kept.deferredTexts == nil)
        var dropped = loaded
        dropped.dropSearchText(minimumBytes: held)
        #expect(dropped.documents.allSatisfy { $0.analysis.text.isEmpty })
        #expect(dropped.index.documents.allSatisfy { $0.analysis.text.isEmpty })
    }

    @Test func aBuildThatDropsTheTextWritesTheSiteOfOneThatKeepsIt() throws {
        let root = try exampleCopy(prefix: "dossier-drop")
        let built = root.path + "-built"
        let kept = root.path + "-kept"
        defer {
            for folder in [root.path, built, kept] { try? FileManager.default.removeItem(atPath: folder) }
        }
        _ = try Dossier.build(path: root.path, options: BuildOptions(output: built, useCache: false))
        // The same project rendered in one pass with its text kept (no `search:`), as `serve` does.
        let project = try ProjectLoader.load(root: root.path, options: BuildOptions(output: kept, useCache: false))
        let theme = try Theme.load(name: project.config.theme, projectRoot: project.root)
        try OutputWriter.write(SiteBuilder.build(project: project, theme: theme), to: URL(fileURLWithPath: kept))
        try expectSameSite(built, asColdBuild: kept)
        // The index was made from the text: a word of a page's body finds that page.
        let shards = try siteFiles(in: built + "/dossier/search").filter { $0.key.hasPrefix("t-") }
        #expect(shards.values.contains { String(decoding: $0, as: UTF8.self).contains("\"penguin\":[") })
    }
}
