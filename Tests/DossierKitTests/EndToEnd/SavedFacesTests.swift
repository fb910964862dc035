@testable import DossierChecks
import DossierCore
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Each saved document's loaded face (`DocumentMemoFile`, `PageCacheKeys.loadedFace`): a build
/// after an edit takes it instead of making it again, so it must be the face the document decoded
/// from the same entry has, and a saved face must be what the keys are made of.
@Suite struct SavedFacesTests {
    @Test func theSavedFacesAreTheLoadedDocumentsFaces() throws {
        let root = try exampleCopy(prefix: "dossier-faces")
        defer { try? FileManager.default.removeItem(at: root) }
        try buildBothWays(root.path)
        try editFile(root, "docs/guides/getting-started.md") {
            $0.replacingOccurrences(of: "This guide takes you", with: "This guide walks you")
        }
        let project = try buildBothWays(root.path).project

        // Every Markdown document's entry holds its face, made again from the document it decodes to.
        let key = DocumentMemoFile.key(
            identity: BuildCache.executableIdentity, root: root, options: pageCacheOptions())
        let memo = DocumentMemoFile.load(path: root.path + "/.dossier-cache/" + DocumentMemoFile.fileName, key: key)
        let files = ProjectFiles(projectRoot: root)
        var paths: [String] = []
        var faces: [StableDigest] = []
        for document in project.documents where !Notebook.isNotebook(document.path) {
            let (loaded, _, _) = ProjectLoader.loadDocument(document.path, files: files, saved: memo)
            paths.append(document.path)
            faces.append(PageCacheKeys.loadedFace(of: try #require(loaded)))
        }
        #expect(paths.count > 10)
        #expect(memo.reused == paths.count)
        #expect(memo.savedFaces(paths) == faces.map { Optional($0) })
        #expect(memo.savedFaces(["docs/none.md"]) == [nil])
    }

    @Test func theKeysAreMadeOfTheSavedFaces() throws {
        let root = try exampleCopy(prefix: "dossier-faces")
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try buildBothWays(root.path).project
        let made = PageCacheKeys.faces(of: project, saved: nil)
        #expect(made.faces.map(\.hex) == PageCacheKeys.faces(of: project).map(\.hex))
        #expect(made.loaded.map(\.hex) == project.documents.map { PageCacheKeys.loadedFace(of: $0).hex })
        // The saved faces are taken as they are (a different one gives a different face), and
        // the runs the checks joined are added to them.
        var saved: [StableDigest?] = made.loaded
        saved[0] = StableDigest()
        let taken = PageCacheKeys.faces(of: project, saved: saved)
        #expect(taken.faces[0].hex != made.faces[0].hex)
        #expect(Array(taken.faces.dropFirst()).map(\.hex) == Array(made.faces.dropFirst()).map(\.hex))
        // Saved faces for another number of documents are not used.
        #expect(PageCacheKeys.faces(of: project, saved: [StableDigest()]).faces.map(\.hex) == made.faces.map(\.hex))
    }
}
