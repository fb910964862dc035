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
}
