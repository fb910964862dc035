@testable import DossierChecks
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The search index of a cached build is made chunk by chunk (`CachedSearchChunk`): after an edit,
/// a deletion or an addition anywhere among many chunks, the site is a cold build's, byte for byte.
@Suite struct SearchChunkCacheTests {
    /// A first build makes the index in slices and cuts them into chunks: every chunk must outlive
    /// the build's prune, or the next edit would make the whole index again.
    @Test func aFirstBuildLeavesEveryChunkInTheCache() throws {
        var files = ["README.md": "# Home\n"]
        for i in 0..<130 { files[String(format: "docs/p-%03d.md", i)] = "# P \(i)\n\nText \(i).\n" }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        let loaded = try ProjectLoader.load(root: project.path)
        let cache = MemoryBuildCache()
        _ = SiteBuilder.searchFiles(project: loaded, cache: cache, stream: nil)
        cache.prune()
        let perChunk = SearchIndex.docsPerChunk
        let count = loaded.documents.count
        let chunks = (count + perChunk - 1) / perChunk
        #expect(chunks >= 5)
        let faces = PageCacheKeys.faces(of: loaded)
        let config = PageCacheKeys.configDigest(loaded.config)
        for chunk in 0..<chunks {
            let documents = chunk * perChunk..<min(count, (chunk + 1) * perChunk)
            let parts = try #require(
                SiteWideCacheKeys.searchChunkParts(
                    chunk: chunk, documents: documents, project: loaded, faces: faces, config: config))
            #expect(cache.keep(cache.key(parts)))
        }
    }

    /// A prose edit makes the search entries of the edited document's chunk only: the chunks are
    /// keyed by their documents' source digests and faces, not by entries made for every document.
    @Test func aProseEditMakesTheEntriesOfOneChunk() throws {
        var files = ["README.md": "# Home\n\nThe project.\n"]
        for i in 0..<160 {
            files[String(format: "docs/page-%03d.md", i)] = "# Page \(i)\n\nWords about penguins \(i).\n"
        }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        let first = try buildBothWays(project.path)
        #expect(first.searchEntriesMade == 161)
        let unchanged = try buildBothWays(project.path)
        #expect(unchanged.searchEntriesMade == 0)
        try project.write("docs/page-042.md", (project.read("docs/page-042.md") ?? "") + "\nA zyzzyva appears.\n")
        let edited = try buildBothWays(project.path)
        #expect(edited.searchEntriesMade == SearchIndex.docsPerChunk)
        // A new title is part of the face: still only that document's chunk.
        try project.write("docs/page-150.md", "# Page 150 renamed\n\nWords about penguins 150.\n")
        let retitled = try buildBothWays(project.path)
        #expect(retitled.searchEntriesMade > 0 && retitled.searchEntriesMade <= SearchIndex.docsPerChunk)
    }

    @Test func editsAcrossManyChunksMatchAColdBuild() throws {
        var files = ["README.md": "# Home\n\nThe project.\n"]
        for i in 0..<160 {
            let name = String(format: "docs/page-%03d.md", i)
            files[name] =
                "# Page \(i)\n\nWords about topic\(i % 17) and penguins \(i).\n\n## Part \(i % 5)\n\nMore text.\n"
        }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        try buildBothWays(project.path)
        // A prose edit in one chunk, one in another, a new word only one page has.
        // Only a paragraph added at the end: the title, headings and snippet stay, the text changes.
        try project.write("docs/page-042.md", (project.read("docs/page-042.md") ?? "") + "\nA zyzzyva appears.\n")
        try project.write("docs/page-151.md", "# Page 151\n\nAlso rewritten.\n")
        try buildBothWays(project.path)
        // A document removed shifts every later document's number (and chunk).
        try FileManager.default.removeItem(atPath: project.path + "/docs/page-010.md")
        try buildBothWays(project.path)
        try project.write("docs/page-010.md", "# Page 10 again\n\nBack.\n")
        try buildBothWays(project.path)
        // Nothing changed: the whole index comes from the cache.
        try buildBothWays(project.path)
    }
}
