import DossierChecks
import DossierCore
import DossierModel
import Foundation

/// A real git repository in a temporary folder, with commits at fixed dates.
package struct GitFixture {
    /// 2026-01-01T00:00:00Z.
    package static let epoch: Int64 = 1_767_225_600

    package let root: String

    package init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dossier-staleness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.standardizedFileURL.path
        git("-c", "init.defaultBranch=main", "init", "-q")
    }

    /// A folder that is not a repository.
    package static func plainFolder() throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base.standardizedFileURL.path
    }

    package func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    package func write(_ path: String, _ text: String) {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
    }

    package func read(_ path: String) -> String {
        (try? String(contentsOfFile: root + "/" + path, encoding: .utf8)) ?? ""
    }

    package func delete(_ path: String) {
        try? FileManager.default.removeItem(atPath: root + "/" + path)
    }

    /// Stages everything and commits on day `day` after `epoch`; returns the new HEAD hash.
    @discardableResult
    package func commit(_ message: String, day: Int) -> String {
        git("add", "-A")
        git(
            "-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false",
            "commit", "-q", "--allow-empty", "-m", message, date: Self.epoch + Int64(day) * 86_400)
        return git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    package func git(_ arguments: String..., date: Int64 = GitFixture.epoch, in directory: String? = nil) -> String {
        Self.run(arguments, in: directory ?? root, date: date)
    }

    @discardableResult
    package static func run(_ arguments: [String], in directory: String, date: Int64 = epoch) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GitProcess.locate() ?? "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_DATE"] = "\(date) +0000"
        environment["GIT_COMMITTER_DATE"] = "\(date) +0000"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try? process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// `text` parsed as a code reference written in `doc`.
    package static func reference(_ text: String, in doc: String = "docs/page.md", line: Int = 2) -> CodeReference {
        guard case let .success(reference) = CodeReferenceParser.parse(text, at: SourceLocation(path: doc, line: line))
        else {
            fatalError("not a reference: \(text)")
        }
        return reference
    }

    package func history() -> GitHistory { GitHistory(projectRoot: root) }

    package func check(
        _ references: [String], doc: String = "docs/page.md", verified: String? = nil,
        thresholds: StalenessThresholds = StalenessThresholds(), projectRoot: String? = nil
    ) -> StalenessReport {
        let history = GitHistory(projectRoot: projectRoot ?? root)
        let checker = StalenessChecker(history: history, thresholds: thresholds)
        return checker.check(
            DocumentCoverage(
                path: doc,
                verified: verified,
                verifiedLocation: verified.map { _ in SourceLocation(path: doc, line: 3) },
                references: references.map { Self.reference($0, in: doc) }))
    }
}
