@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The repository map kept in the build cache (`RepositoryMapMemo`): a build after a prose edit
/// reads the map back instead of walking the project, any change the map shows makes it again,
/// and the site is a cold build's, byte for byte, either way.
@Suite struct RepositoryMapMemoTests {
    private func project() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write(".gitignore", "ignored/\n")
        repo.write("README.md", "# Home\n\nSee [A](docs/a.md).\n")
        repo.write("docs/a.md", "# A\n\nThe model lives in `src/model.py`.\n")
        repo.write("docs/b.md", "---\nsummary: The page b.\n---\n# B\n\nSome prose.\n")
        repo.write("src/model.py", "\"\"\"Trains the model.\"\"\"\n\nx = 1\n")
        repo.write("src/README.md", "# Source\n\nThe code of the project.\n")
        repo.write("data/sample.csv", "id,value\n1,2\n")
        _ = repo.commit("project", day: 0)
        return repo
    }

    /// The project with a file git ignores, built until its map is saved and read back.
    private func projectWithSavedMap() throws -> GitFixture {
        let repo = try project()
        repo.write("ignored/tool.py", "\"\"\"A tool git ignores.\"\"\"\n")
        settleRacyWindow()
        try buildBothWays(repo.root)
        #expect(try buildBothWays(repo.root).repositoryMapReused)
        return repo
    }

    @Test func theFileHoldsEveryFieldOfTheMap() {
        let map = Set(Mirror(reflecting: RepositoryMap()).children.compactMap(\.label))
        #expect(map == RepositoryMapMemo.savedMapFields)
        let entry = RepositoryMap.Entry(path: "a", name: "a", depth: 0, isDirectory: false)
        #expect(Set(Mirror(reflecting: entry).children.compactMap(\.label)) == RepositoryMapMemo.savedEntryFields)
    }

    @Test func aProseEditReadsTheMapBack() throws {
        let repo = try project()
        defer { repo.remove() }
        settleRacyWindow()
        #expect(try !buildBothWays(repo.root).repositoryMapReused)
        #expect(try buildBothWays(repo.root).repositoryMapReused)
        repo.write("docs/b.md", repo.read("docs/b.md") + "\nA new sentence.\n")
        settleRacyWindow()
        #expect(try buildBothWays(repo.root).repositoryMapReused)
    }

    /// Each change the map shows, made after a build that saved it.
    enum Change: String, CaseIterable, Sendable {
        case docstring, newFile, unignoredFile, title, summary, folderReadme, codeReference, deletedFile
        /// Only git's index changes: an ignored file is tracked from now on, and shows on the map.
        case trackedIgnoredFile
        /// A file renamed the way git does it (`git mv`): the tree and the index change.
        case renamedFile
    }

    @Test(arguments: Change.allCases) func aChangeTheMapShowsMakesItAgain(_ change: Change) throws {
        let repo = try projectWithSavedMap()
        defer { repo.remove() }
        switch change {
        case .docstring: repo.write("src/model.py", "\"\"\"Trains the model again.\"\"\"\n\nx = 1\n")
        case .newFile: repo.write("src/evaluate.py", "\"\"\"Scores the model.\"\"\"\n")
        case .unignoredFile: repo.write(".gitignore", "\n")
        case .title: repo.write("docs/a.md", "# A renamed\n\nThe model lives in `src/model.py`.\n")
        case .summary: repo.write("docs/b.md", "---\nsummary: Another summary.\n---\n# B\n\nSome prose.\n")
        case .folderReadme: repo.write("src/README.md", "# Source\n\nThe code, explained otherwise.\n")
        case .codeReference:
            repo.write("docs/b.md", "---\nsummary: The page b.\ncode: [src/model.py]\n---\n# B\n\nSome prose.\n")
        case .deletedFile: repo.delete("data/sample.csv")
        case .trackedIgnoredFile: _ = repo.git("add", "-f", "ignored/tool.py")
        case .renamedFile: _ = repo.git("mv", "src/model.py", "src/train.py")
        }
        settleRacyWindow()
        let changed = try buildBothWays(repo.root)
        #expect(!changed.repositoryMapReused, "\(change)")
        #expect(try buildBothWays(repo.root).repositoryMapReused, "\(change)")
    }

    /// Git rewrites its index without changing what it lists (`git status` refreshes it after a
    /// checkout): the index's new stamp alone does not make the map again, and the map is saved
    /// under the new stamp.
    @Test func aGitIndexRewrittenAsItWasReadsTheMapBack() throws {
        let repo = try projectWithSavedMap()
        defer { repo.remove() }
        let file = repo.root + "/.dossier-cache/" + SiteGenerator.repositoryFileName
        func saved() throws -> RepositoryMapMemo.Saved {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            return try #require(RepositoryMapMemo.decode([UInt8](bytes), documents: 100))
        }
        let before = try saved()
        // The same bytes under a new inode and times, as git writes it (a lock file renamed in).
        let index = repo.root + "/.git/index"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: index))
        try bytes.write(to: URL(fileURLWithPath: index + ".lock"))
        #expect(rename(index + ".lock", index) == 0)
        settleRacyWindow()
        let rewritten = try buildBothWays(repo.root)
        #expect(rewritten.repositoryMapReused)
        #expect(!rewritten.project.repository.entries.contains { $0.path.hasPrefix("ignored") })
        let after = try saved()
        #expect(after.key == before.key)
        #expect(after.listing == before.listing)
        #expect(after.gitState != before.gitState, "the map was not saved under the index's new stamp")
        #expect(try buildBothWays(repo.root).repositoryMapReused)
    }

    /// Another `PATH` (`perf` prepends its own folder) or git's index rewritten leaves the map's
    /// settings as they were: they are the fingerprint's git state, which the whole digest keeps.
    @Test func gitsStateIsApartFromTheSettings() throws {
        let repo = try project()
        defer { repo.remove() }
        let settings = try ProjectLoader.configure(root: repo.root, options: BuildOptions())
        let theme = try Theme.load(name: settings.config.theme, projectRoot: settings.root)
        let cache = repo.root + "/.dossier-cache"
        func take(path: String) throws -> BuildFingerprint.Taken {
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = path
            return try #require(
                BuildFingerprint.take(
                    settings: settings, options: BuildOptions(), theme: theme, cacheFolder: cache,
                    environment: environment))
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let plain = try take(path: path)
        let profiled = try take(path: "/usr/lib/perf-core:" + path)
        #expect(profiled.settings == plain.settings)
        #expect(profiled.gitState != plain.gitState)
        #expect(profiled.digest != plain.digest)
        let index = repo.root + "/.git/index"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: index))
        try bytes.write(to: URL(fileURLWithPath: index + ".lock"))
        #expect(rename(index + ".lock", index) == 0)
        let rewritten = try take(path: path)
        #expect(rewritten.settings == plain.settings)
        #expect(rewritten.gitState != plain.gitState)
        #expect(rewritten.digest != plain.digest)
    }

    /// Under another git state the memo asks git which files it lists: the same answer reads the
    /// map back, and the map is saved under the new state.
    @Test func anotherGitStateWithTheSameListingReadsTheMapBack() throws {
        let folder = NSTemporaryDirectory() + "dossier-git-state-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = URL(fileURLWithPath: folder)
        func memo(_ state: String) -> RepositoryMapMemo {
            RepositoryMapMemo(
                path: folder + "/repository", identity: "test", settings: "s", gitState: state, tree: [],
                savable: true)
        }
        func build(_ memo: RepositoryMapMemo) {
            _ = memo.map(root: root, config: ProjectConfig(), documents: [], samples: [:], output: "site")
            memo.save()
        }
        let first = memo("a")
        build(first)
        #expect(!first.reused)
        let same = memo("a")
        build(same)
        #expect(same.reused && !same.listingAsked)
        let other = memo("b")
        build(other)
        #expect(other.reused && other.listingAsked)
        let again = memo("b")
        build(again)
        #expect(again.reused && !again.listingAsked, "the map was not saved under the new state")
    }

    /// A racy build (right after an edit) that reads the saved map back under a new git state
    /// still saves that state: the map and its key are the saved ones, so the next build neither
    /// asks git again nor walks.
    @Test func aRacyBuildSavesANewGitStateOfTheSavedMap() throws {
        let folder = NSTemporaryDirectory() + "dossier-git-state-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = URL(fileURLWithPath: folder)
        func build(_ state: String, savable: Bool) -> RepositoryMapMemo {
            let memo = RepositoryMapMemo(
                path: folder + "/repository", identity: "test", settings: "s", gitState: state, tree: [],
                savable: savable)
            _ = memo.map(root: root, config: ProjectConfig(), documents: [], samples: [:], output: "site")
            memo.save()
            return memo
        }
        #expect(!build("a", savable: true).reused)
        let racy = build("b", savable: false)
        #expect(racy.reused && racy.listingAsked)
        let next = build("b", savable: false)
        #expect(next.reused && !next.listingAsked, "the racy build did not save git's new state")
        // A map made (not read back) from racy stamps is still not saved.
        try "x".write(toFile: folder + "/new.txt", atomically: true, encoding: .utf8)
        let made = RepositoryMapMemo(
            path: folder + "/repository", identity: "test", settings: "other", gitState: "b", tree: [],
            savable: false)
        _ = made.map(root: root, config: ProjectConfig(), documents: [], samples: [:], output: "site")
        made.save()
        #expect(!made.reused)
        #expect(build("b", savable: false).reused, "a racy build replaced the saved map")
    }

    /// The listing's digest keeps what the walk can learn: a path through a hidden entry or the
    /// output counts only as something visible in the folder above it.
    @Test func theListingDigestKeepsWhatTheWalkLooksUp() {
        func digest(_ paths: [String], output: String? = "site") -> String {
            RepositoryMapMemo.listingDigest(Data(paths.joined(separator: "\u{0}").utf8), output: output)
        }
        #expect(digest(["a/x.py", "b/y.py"]) == digest(["b/y.py", "a/x.py"]))
        #expect(digest(["a/x.py", "site/index.html"]) == digest(["a/x.py", "site/other.html"]))
        #expect(digest(["a/x.py", ".site.dossier-1/index.html"]) == digest(["a/x.py"]))
        #expect(digest(["a/.cache/x", "a/y.py"]) == digest(["a/.other/z", "a/y.py"]))
        // Folder `a` holds something visible only through its hidden entry: that still shows.
        #expect(digest(["a/.cache/x"]) != digest([]))
        #expect(digest(["a/x.py"]) != digest(["a/z.py"]))
        #expect(digest(["site/index.html"], output: nil) != digest(["site/other.html"], output: nil))
        #expect(RepositoryMapMemo.listingDigest(nil, output: nil) != digest([]))
    }

    /// A project in a subfolder of its repository: git's ignore rules come from above it too.
    @Test func aGitignoreAboveTheProjectMakesTheMapAgain() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("project/README.md", "# Home\n\nThe project.\n")
        repo.write("project/src/model.py", "\"\"\"Trains the model.\"\"\"\n")
        _ = repo.commit("project", day: 0)
        repo.write("project/src/scratch.py", "\"\"\"Not committed.\"\"\"\n")
        let root = repo.root + "/project"
        settleRacyWindow()
        try buildBothWays(root)
        #expect(try buildBothWays(root).repositoryMapReused)
        repo.write(".gitignore", "scratch.py\n")
        settleRacyWindow()
        let changed = try buildBothWays(root)
        #expect(!changed.repositoryMapReused)
        #expect(!changed.project.repository.entries.contains { $0.path == "src/scratch.py" })
    }

    /// A map made from stamps taken right after a write is not saved: the write may be missed.
    @Test func aMapFromRacyStampsIsNotSaved() throws {
        let repo = try project()
        defer { repo.remove() }
        settleRacyWindow()
        try buildBothWays(repo.root)
        repo.write("src/model.py", "\"\"\"Trains the model again.\"\"\"\n\nx = 1\n")
        // The file's modification time a few seconds ahead keeps this build's stamps racy however
        // slow the machine is (right after the write alone, a loaded CI machine took the stamps
        // more than the racy window later, and the map was rightly saved).
        let ahead = Date().timeIntervalSince1970 + 4
        var times = [timespec](
            repeating: timespec(tv_sec: Int(ahead), tv_nsec: Int((ahead - ahead.rounded(.down)) * 1e9)), count: 2)
        #expect(utimensat(AT_FDCWD, repo.root + "/src/model.py", &times, 0) == 0)
        #expect(try !buildBothWays(repo.root).repositoryMapReused)
        Thread.sleep(forTimeInterval: max(0, ahead - Date().timeIntervalSince1970))
        settleRacyWindow()
        #expect(try !buildBothWays(repo.root).repositoryMapReused, "the racy build saved its map")
        #expect(try buildBothWays(repo.root).repositoryMapReused)
    }

    @Test func aDamagedFileIsAMiss() throws {
        let repo = try project()
        defer { repo.remove() }
        settleRacyWindow()
        try buildBothWays(repo.root)
        let file = repo.root + "/.dossier-cache/" + SiteGenerator.repositoryFileName
        let saved = try #require(FileManager.default.contents(atPath: file))
        var damaged = [UInt8](saved)
        damaged[damaged.count - 3] ^= 0x01
        for bytes in [damaged, Array(saved.prefix(saved.count / 2)), Array("garbage".utf8), []] {
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let build = try buildBothWays(repo.root)
            #expect(!build.repositoryMapReused)
        }
        // A link in its place is not followed, even to the very file a build saved (and read back).
        try buildBothWays(repo.root)
        #expect(try buildBothWays(repo.root).repositoryMapReused)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-map-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.moveItem(atPath: file, toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: outside)
        #expect(try !buildBothWays(repo.root).repositoryMapReused)
        // A document index past the project's documents, under a valid digest, is refused too.
        var map = RepositoryMap()
        var entry = RepositoryMap.Entry(path: "src", name: "src", depth: 0, isDirectory: true)
        entry.referencedBy = [5]
        map.entries = [entry]
        let encoded = RepositoryMapMemo.encode(map, key: "k")
        #expect(RepositoryMapMemo.decode(encoded, key: "k", documents: 5) == nil)
        #expect(RepositoryMapMemo.decode(encoded, key: "k", documents: 6)?.entries == map.entries)
        #expect(RepositoryMapMemo.decode(encoded, key: "other", documents: 6) == nil)
    }

    /// `prepare` (run beside the checks) then `map` gives what `map` alone gives: the file's map
    /// when the key, samples included, is the saved one; a sample's other shape is a miss.
    @Test func aPreparedMemoReadsBackOnlyUnderTheWholeKey() throws {
        let folder = NSTemporaryDirectory() + "dossier-prepared-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = URL(fileURLWithPath: folder)
        let config = ProjectConfig()
        let documents: [Document] = []
        func memo() -> RepositoryMapMemo {
            RepositoryMapMemo(path: folder + "/repository", identity: "test", settings: "s", tree: [], savable: true)
        }
        var sample = SampleProfile(path: "data/a.csv", format: .csv, columns: [], rowsRead: 3, reachedRowLimit: false)
        let first = memo()
        first.prepare(root: root, config: config, documents: documents, output: "site")
        _ = first.map(root: root, config: config, documents: documents, samples: ["data/a.csv": sample], output: "site")
        #expect(!first.reused)
        first.save()
        let again = memo()
        again.prepare(root: root, config: config, documents: documents, output: "site")
        _ = again.map(root: root, config: config, documents: documents, samples: ["data/a.csv": sample], output: "site")
        #expect(again.reused)
        let unprepared = memo()
        _ = unprepared.map(
            root: root, config: config, documents: documents, samples: ["data/a.csv": sample], output: "site")
        #expect(unprepared.reused)
        sample.rowsRead = 4
        let otherSample = memo()
        otherSample.prepare(root: root, config: config, documents: documents, output: "site")
        _ = otherSample.map(
            root: root, config: config, documents: documents, samples: ["data/a.csv": sample], output: "site")
        #expect(!otherSample.reused)
    }
}
