import DossierCore
import Foundation
import Testing

/// `ProjectFiles.locate` names the part of the path it walked when a link on the way is refused.
@Suite struct ProjectFilesLocateTests {
    @Test func refusedLinksNameThePartWalked() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("locate-\(UUID().uuidString)")
        let root = base.appendingPathComponent("project")
        let outside = base.appendingPathComponent("outside")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: outside.appendingPathComponent("f.csv"))
        try Data("y".utf8).write(to: root.appendingPathComponent("a/b/in.csv"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("a/b/out").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("a/gone").path,
            withDestinationPath: base.appendingPathComponent("nope").path)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("top").path,
            withDestinationPath: outside.appendingPathComponent("f.csv").path)
        let files = ProjectFiles(projectRoot: root)
        func reason(_ path: String) -> String? {
            do {
                _ = try files.locate(path)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason("a/b/in.csv") == nil)
        #expect(reason("a/./b/../b/in.csv") == nil)
        #expect(reason("a/b/out/f.csv") == "a/b/out is a symbolic link that leads outside the project")
        #expect(reason("a/gone/x") == "a/gone is a symbolic link that leads nowhere")
        #expect(reason("top") == "it is a symbolic link that leads outside the project")
        #expect(reason("a/missing.csv") == "it does not exist")
        #expect(reason("../x") == "the path leads outside the project")
    }

    /// Folders a walk found real are not looked at again by the same instance, but a link is
    /// never remembered as a folder, so a link under a remembered folder is still refused; and a
    /// new instance (one per load) sees a folder that has since become a link.
    @Test func rememberedFoldersNeverLetALinkThrough() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("locate-\(UUID().uuidString)")
        let root = base.appendingPathComponent("project")
        let outside = base.appendingPathComponent("outside")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: outside.appendingPathComponent("f.csv"))
        try Data("y".utf8).write(to: root.appendingPathComponent("a/b/in.csv"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("a/out").path, withDestinationPath: outside.path)
        let files = ProjectFiles(projectRoot: root)
        let resolvedRoot = files.resolvedRootPath
        #expect((try? files.locate("a/b/in.csv")) == resolvedRoot + "/a/b/in.csv")
        #expect((try? files.locate("a/b/in.csv")) == resolvedRoot + "/a/b/in.csv")
        #expect(throws: DriftFileProblem.self) { try files.locate("a/out/f.csv") }
        #expect(throws: DriftFileProblem.self) { try files.locate("a/out/f.csv") }

        let known = KnownFolders()
        #expect(known.isRealFolder(resolvedRoot + "/a"))
        #expect(known.contains(resolvedRoot + "/a"))
        #expect(!known.isRealFolder(resolvedRoot + "/a/out"))  // a link to a folder
        #expect(!known.contains(resolvedRoot + "/a/out"))
        #expect(!known.isRealFolder(resolvedRoot + "/a/b/in.csv"))
        #expect(!known.isRealFolder(resolvedRoot + "/a/none"))

        // The folder becomes a link: the next load's instance refuses what lies behind it.
        try FileManager.default.removeItem(at: root.appendingPathComponent("a/b"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("a/b").path, withDestinationPath: outside.path)
        #expect(throws: DriftFileProblem.self) { try ProjectFiles(projectRoot: root).locate("a/b/f.csv") }
    }
}
