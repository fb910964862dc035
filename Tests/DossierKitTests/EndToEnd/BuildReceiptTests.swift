@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// A build with nothing changed since the last one (issue 15): it writes nothing and reports the
/// last build's findings, and any change a build could show — a document, another project file,
/// git's history, an option, the output itself — makes the next build a real one again.
@Suite struct BuildReceiptTests {
    private func project() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write("README.md", "# Home\n\nSee [A](docs/a.md).\n")
        repo.write("docs/a.md", "# A\n\nThe page a links to [a missing page](missing.md).\n")
        repo.write("docs/b.md", "# B\n\nThe page b.\n")
        repo.write("data/sample.csv", "id,value\n1,2\n")
        repo.commit("docs", day: 0)
        return repo
    }

    private func modificationTimes(_ folder: String) throws -> [String: Date] {
        var times: [String: Date] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
        while let path = enumerator.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)
            times[path] = attributes[.modificationDate] as? Date
        }
        return times
    }

    @Test func anUnchangedProjectIsNotBuiltAgain() throws {
        let repo = try project()
        defer { repo.remove() }
        settleRacyWindow()
        let first = try Dossier.build(path: repo.root)
        #expect(!first.upToDate)
        #expect(!first.project.findings.isEmpty, "the broken link")
        let written = try modificationTimes(repo.root + "/site")
        let second = try Dossier.build(path: repo.root)
        #expect(second.upToDate)
        #expect(second.project.findings == first.project.findings)
        #expect(second.pagesWritten == first.pagesWritten && second.filesWritten == first.filesWritten)
        #expect(second.project.fails(strict: false) == first.project.fails(strict: false))
        #expect(second.summary.hasPrefix("Nothing changed since the last build: the \(first.pagesWritten) pages"))
        // Not a file of the site was written again.
        #expect(try modificationTimes(repo.root + "/site") == written)
    }

    /// Each change, made after a build that recorded a receipt, and whether it needs git.
    enum Change: String, CaseIterable, Sendable {
        case editDocument, addDocument, deleteDocument, editDataFile, addHiddenFile, commit, stageFile
        case editOutput, addToOutput, deleteFromOutput, strictOption, baseURLOption, themeOverride, moveHead
    }

    @Test(arguments: Change.allCases)
    func anyChangeMakesTheNextBuildARealOne(change: Change) throws {
        let repo = try project()
        defer {
            repo.remove()
            try? FileManager.default.removeItem(atPath: repo.root + "-cold")
        }
        settleRacyWindow()
        _ = try Dossier.build(path: repo.root)
        #expect(try Dossier.build(path: repo.root).upToDate, "the receipt was recorded")
        var options = BuildOptions()
        switch change {
        case .editDocument: repo.write("docs/b.md", "# B\n\nThe page b, edited.\n")
        case .addDocument: repo.write("docs/c.md", "# C\n\nA new page.\n")
        case .deleteDocument: repo.delete("docs/b.md")
        case .editDataFile: repo.write("data/sample.csv", "id,value\n1,3\n")
        case .addHiddenFile: repo.write("docs/.notes", "kept out of the site, but a document could name it\n")
        case .commit: repo.commit("an empty commit", day: 1)
        case .stageFile:
            repo.write("docs/c.txt", "untracked, then staged\n")
            settleRacyWindow()
            _ = try Dossier.build(path: repo.root)
            repo.git("add", "docs/c.txt")
        case .editOutput: try Data("tampered".utf8).write(to: URL(fileURLWithPath: repo.root + "/site/docs/a.html"))
        case .addToOutput: try Data("mine".utf8).write(to: URL(fileURLWithPath: repo.root + "/site/CNAME"))
        case .deleteFromOutput: try FileManager.default.removeItem(atPath: repo.root + "/site/docs/b.html")
        case .strictOption: options.strict = true
        case .baseURLOption: options.baseURL = "https://example.org/docs/"
        case .themeOverride: repo.write("overrides/assets/extra.css", "body { color: red }\n")
        case .moveHead: repo.git("checkout", "-q", "-b", "other")
        }
        settleRacyWindow()
        let after = try Dossier.build(path: repo.root, options: options)
        #expect(!after.upToDate, "\(change)")
        var cold = options
        cold.output = repo.root + "-cold"
        cold.useCache = false
        let full = try Dossier.build(path: repo.root, options: cold)
        #expect(after.project.findings == full.project.findings)
        let site = try siteFiles(in: repo.root + "/site")
        let coldSite = try siteFiles(in: repo.root + "-cold")
        // What a person adds to the output is carried over (`OutputWriter`); the rest is a cold build's.
        #expect(site.keys.filter { $0 != "CNAME" }.sorted() == coldSite.keys.sorted())
        for (path, bytes) in coldSite where site[path] != bytes { Issue.record("\(path) differs from a cold build") }
        // The build after it records the new state.
        #expect(try Dossier.build(path: repo.root, options: options).upToDate, "\(change)")
    }

    @Test func aFileChangedJustBeforeTheBuildIsNotTrustedToItsStamp() throws {
        let repo = try project()
        defer { repo.remove() }
        settleRacyWindow()
        // A modification time in the future stands for a write in the same clock tick as the stamp.
        let future = Date().addingTimeInterval(60)
        try FileManager.default.setAttributes([.modificationDate: future], ofItemAtPath: repo.root + "/docs/b.md")
        let first = try Dossier.build(path: repo.root)
        #expect(!first.upToDate)
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.dossier-cache/receipt"))
        #expect(try !Dossier.build(path: repo.root).upToDate)
    }

    @Test func racyFingerprints() {
        let now = FileStamps.now()
        let fresh = BuildFingerprint.Taken(digest: "", newestChange: now - 1_000_000_000, takenAt: now)
        #expect(!fresh.isRacy)
        let racy = BuildFingerprint.Taken(digest: "", newestChange: now - 1_000_000, takenAt: now)
        #expect(racy.isRacy)
    }

    @Test(arguments: ["garbage", "link", "other-format"])
    func aDamagedReceiptIsNoReceipt(damage: String) throws {
        let repo = try project()
        defer {
            repo.remove()
            try? FileManager.default.removeItem(atPath: repo.root + "-receipt")
        }
        settleRacyWindow()
        _ = try Dossier.build(path: repo.root)
        let receipt = repo.root + "/.dossier-cache/receipt"
        let text = try String(contentsOfFile: receipt, encoding: .utf8)
        switch damage {
        case "garbage": try "{\"format\": 3".write(toFile: receipt, atomically: true, encoding: .utf8)
        case "link":
            // A good receipt, but reached through a link: never followed.
            try text.write(toFile: repo.root + "-receipt", atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: receipt)
            try FileManager.default.createSymbolicLink(atPath: receipt, withDestinationPath: repo.root + "-receipt")
        default:
            try text.replacingOccurrences(of: BuildReceipt.format, with: "dossier-receipt 0")
                .write(toFile: receipt, atomically: true, encoding: .utf8)
        }
        #expect(try !Dossier.build(path: repo.root).upToDate)
        #expect(try Dossier.build(path: repo.root).upToDate)
    }

    @Test func aReceiptIsReadOnlyForItsOwnInputs() throws {
        let folder = NSTemporaryDirectory() + "receipt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let finding = Finding(.warning, "link.broken", "no page at missing.md", at: SourceLocation(path: "a.md"))
        let receipt = BuildReceipt(
            format: BuildReceipt.format, inputs: "0123456789abcdef0123456789abcdef", output: "out", filesWritten: 3,
            pagesWritten: 2, findings: [finding])
        receipt.write(folder: folder)
        #expect(BuildReceipt.read(folder: folder) == receipt)
        #expect(BuildReceipt.read(folder: folder, inputs: receipt.inputs) == receipt)
        #expect(BuildReceipt.read(folder: folder, inputs: "0123456789abcdef0123456789abcdee") == nil)
        #expect(BuildReceipt.read(folder: folder, inputs: "0123456789abcdef") == nil)
    }

    @Test func noCacheNeitherReadsNorWritesAReceipt() throws {
        let repo = try project()
        defer { repo.remove() }
        settleRacyWindow()
        _ = try Dossier.build(path: repo.root)
        #expect(try !Dossier.build(path: repo.root, options: BuildOptions(useCache: false)).upToDate)
        try FileManager.default.removeItem(atPath: repo.root + "/.dossier-cache")
        _ = try Dossier.build(path: repo.root, options: BuildOptions(useCache: false))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/.dossier-cache"))
    }
}
