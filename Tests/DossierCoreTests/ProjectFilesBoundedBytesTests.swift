import DossierCore
import Foundation
import Testing

/// `ProjectFiles.boundedBytes` (one walk of the path per loaded document) answers as `size` and
/// then `bytes` did, refusals included: links out of the project, folders, pipes, missing files.
@Suite struct ProjectFilesBoundedBytesTests {
    /// What the loader did before: `size`, then `bytes` when the size is within the limit.
    private func twoWalks(
        _ files: ProjectFiles, _ path: String, limit: Int
    ) -> Result<
        ProjectFiles.BoundedRead, DriftFileProblem
    > {
        do throws(DriftFileProblem) {
            let size = try files.size(path)
            if size > limit { return .success(.tooLarge(size: size)) }
            return .success(.bytes(try files.bytes(path, limit: limit)))
        } catch {
            return .failure(error)
        }
    }

    private func oneWalk(
        _ files: ProjectFiles, _ path: String, limit: Int
    ) -> Result<
        ProjectFiles.BoundedRead, DriftFileProblem
    > {
        do throws(DriftFileProblem) {
            return .success(try files.boundedBytes(path, limit: limit))
        } catch {
            return .failure(error)
        }
    }

    @Test func agreesWithSizeThenBytes() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-\(UUID().uuidString)")
        let root = base.appendingPathComponent("project")
        let outside = base.appendingPathComponent("outside")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("docs/folder.md"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("# Small\n".utf8).write(to: root.appendingPathComponent("docs/small.md"))
        try Data(repeating: 0x61, count: 100).write(to: root.appendingPathComponent("docs/large.md"))
        try Data("# Secret\n".utf8).write(to: outside.appendingPathComponent("secret.md"))
        try Data(repeating: 0x61, count: 100).write(to: outside.appendingPathComponent("huge.md"))
        let link = { (name: String, target: String) in
            try FileManager.default.createSymbolicLink(
                atPath: root.appendingPathComponent(name).path, withDestinationPath: target)
        }
        try link("docs/out.md", outside.appendingPathComponent("secret.md").path)
        try link("docs/out-huge.md", outside.appendingPathComponent("huge.md").path)
        try link("docs/in.md", root.appendingPathComponent("docs/small.md").path)
        try link("docs/in-large.md", root.appendingPathComponent("docs/large.md").path)
        try link("linked", outside.path)
        try link("docs/gone.md", base.appendingPathComponent("nope").path)
        #expect(mkfifo(root.appendingPathComponent("docs/pipe.md").path, 0o644) == 0)

        let files = ProjectFiles(projectRoot: root)
        let paths = [
            "docs/small.md", "docs/large.md", "docs/folder.md", "docs/out.md", "docs/out-huge.md", "docs/in.md",
            "docs/in-large.md", "linked/secret.md", "linked/huge.md", "docs/gone.md", "docs/pipe.md",
            "docs/missing.md", "../outside/secret.md",
        ]
        for path in paths {
            let expected = twoWalks(files, path, limit: 50)
            let actual = oneWalk(files, path, limit: 50)
            switch (expected, actual) {
            case let (.success(a), .success(b)): #expect(a == b, "\(path)")
            case let (.failure(a), .failure(b)):
                #expect(a.reason == b.reason, "\(path)")
                #expect(a.path == b.path, "\(path)")
            default: Issue.record("\(path): \(expected) then, \(actual) now")
            }
        }
        // The refusals themselves, so agreement is not agreement on reading everything.
        #expect(try files.boundedBytes("docs/small.md", limit: 50) == .bytes(Array("# Small\n".utf8)))
        #expect(try files.boundedBytes("docs/in-large.md", limit: 50) == .tooLarge(size: 100))
        for refused in ["docs/out.md", "docs/out-huge.md", "linked/huge.md", "docs/pipe.md"] {
            #expect(throws: DriftFileProblem.self, "\(refused)") { try files.boundedBytes(refused, limit: 50) }
        }
        // A folder's own size may be over a small limit; under a large one it is refused as a folder.
        #expect(throws: DriftFileProblem.self) { try files.boundedBytes("docs/folder.md", limit: 1 << 20) }
    }
}
