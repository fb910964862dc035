@testable import DossierChecks
@testable import DossierCore
import DossierTestSupport
import Foundation
import Testing

@Suite struct StalenessCheckerTests {
    private static let page = "---\ntitle: Model\n---\n# Model\n"

    /// A project with a doc and two code files, all committed on day 0.
    private func project() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write("docs/page.md", Self.page)
        repo.write("models/train.py", "def train():\n    return 1\n")
        repo.write("models/features.py", "FEATURES = ['a']\n")
        repo.write("data/sample.csv", "a,b\n1,2\n")
        repo.commit("Initial", day: 0)
        return repo
    }

    private func staleFinding(_ report: StalenessReport) -> Finding? {
        report.findings.first { $0.rule == "staleness.stale" }
    }

    // MARK: Fresh and stale

    @Test func freshWhenNothingChangedAfterTheDocument() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 2\n")
        repo.commit("Change code", day: 1)
        repo.write("docs/page.md", Self.page + "Updated.\n")
        let docCommit = repo.commit("Update docs", day: 2)
        repo.write("unrelated.py", "x = 1\n")
        repo.commit("Unrelated", day: 3)

        let report = repo.check(["models/train.py", "models/features.py"])
        #expect(report.state == .fresh)
        #expect(report.findings.isEmpty)
        #expect(report.baseline?.hash == docCommit)
        #expect(report.lastChange?.hash == docCommit)
        #expect(report.lastChange?.isoDate == "2026-01-03")
        #expect(report.lastChange?.subject == "Update docs")
    }

    @Test func staleCountsCommitsListsFilesAndMeasuresTheLag() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 2\n")
        repo.commit("Split data", day: 10)
        repo.write("models/features.py", "FEATURES = ['a', 'b']\n")
        repo.commit("Add features", day: 20)
        repo.write("models/train.py", "def train():\n    return 3\n")
        let latest = repo.commit("Tune the forest", day: 41)

        let report = repo.check(["models/train.py", "models/features.py", "data/sample.csv"])
        #expect(report.state == .stale)
        let finding = try #require(staleFinding(report))
        #expect(finding.severity == .warning)
        #expect(finding.state == .stale)
        #expect(finding.location == SourceLocation(path: "docs/page.md", line: 1))
        let baseHash = try #require(repo.history().lastChange(of: "docs/page.md")).shortHash
        #expect(
            finding.message.hasPrefix(
                "stale: 3 commits changed models/train.py, models/features.py since this page was last updated (\(baseHash), 2026-01-01); latest: \(latest.prefix(7)) \"Tune the forest\" (2026-02-11); behind HEAD for 31 days since the first change"
            ))
        #expect(finding.message.contains("dossier verify docs/page.md"))
        #expect(!finding.message.contains("data/sample.csv"))
    }

    @Test func warnAfterCommitsIsAThreshold() throws {
        let repo = try project()
        defer { repo.remove() }
        for day in 1...2 {
            repo.write("models/train.py", "def train():\n    return \(day + 10)\n")
            repo.commit("Edit \(day)", day: day)
        }
        #expect(repo.check(["models/train.py"], thresholds: StalenessThresholds(warnAfterCommits: 3)).state == .fresh)
        #expect(repo.check(["models/train.py"], thresholds: StalenessThresholds(warnAfterCommits: 2)).state == .stale)
        #expect(repo.check(["models/train.py"], thresholds: StalenessThresholds(warnAfterCommits: 0)).state == .stale)
    }

    @Test func staleBecomesAnErrorPastErrorAfterDays() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 9\n")
        repo.commit("Much later", day: 200)
        // The lag runs from the first change to HEAD: none yet.
        #expect(try #require(staleFinding(repo.check(["models/train.py"]))).severity == .warning)
        repo.write("README.md", "unrelated\n")
        repo.commit("Unrelated", day: 390)
        let warning = try #require(staleFinding(repo.check(["models/train.py"])))
        #expect(warning.severity == .error)
        #expect(warning.message.contains("behind HEAD for 190 days"))
        #expect(warning.message.contains("more than 180 days behind"))
        let relaxed = try #require(
            staleFinding(repo.check(["models/train.py"], thresholds: StalenessThresholds(errorAfterDays: 365))))
        #expect(relaxed.severity == .warning)
    }

    @Test func singularWordingAndSameDay() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 5\n")
        repo.commit("Quick fix", day: 0)
        let finding = try #require(staleFinding(repo.check(["models/train.py"])))
        #expect(finding.message.contains("stale: 1 commit changed models/train.py"))
        #expect(finding.message.contains("behind HEAD for 0 days"))
    }

    @Test func uncommittedEditsMakeItStale() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/features.py", "FEATURES = ['changed']\n")
        let report = repo.check(["models/train.py", "models/features.py"])
        #expect(report.state == .stale)
        let finding = try #require(staleFinding(report))
        #expect(
            finding.message.hasPrefix(
                "stale: uncommitted changes to models/features.py since this page was last updated ("))

        repo.write("models/train.py", "def train():\n    return 7\n")
        repo.commit("Committed change", day: 5)
        repo.write("models/features.py", "FEATURES = ['changed again']\n")
        let both = try #require(staleFinding(repo.check(["models/train.py", "models/features.py"])))
        #expect(both.message.contains("stale: 1 commit changed models/train.py"))
        #expect(both.message.contains("; also uncommitted changes to models/features.py"))
    }

    /// When git cannot give back a blob (a partial clone's missing object, a failing
    /// `cat-file`), a clean file's commits still make the page stale, but its working copy is not
    /// called an uncommitted change: `git status` says it is clean.
    @Test func anUnreadableBlobIsNotAnUncommittedChange() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 2\n")
        repo.commit("Change code", day: 3)
        let wrapper = repo.root + "/.git/git-without-cat-file"
        let real = try #require(GitProcess.locate())
        try Data("#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = cat-file ] && exit 128; done\nexec '\(real)' \"$@\"\n".utf8)
            .write(to: URL(fileURLWithPath: wrapper))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        let reference = GitFixture.reference("models/train.py")
        let page = DocumentCoverage(path: "docs/page.md", references: [reference])
        let history = GitHistory(projectRoot: repo.root, gitExecutable: wrapper)
        let finding = try #require(staleFinding(StalenessChecker(history: history).check(page)))
        #expect(finding.message.contains("stale: 1 commit changed models/train.py"))
        #expect(!finding.message.contains("uncommitted"))

        // An edit git status sees is still reported with the same broken blob reader.
        repo.write("models/train.py", "def train():\n    return 3\n")
        let edited = GitHistory(projectRoot: repo.root, gitExecutable: wrapper)
        let dirty = try #require(staleFinding(StalenessChecker(history: edited).check(page)))
        #expect(dirty.message.contains("; also uncommitted changes to models/train.py"))
    }

    @Test func foldersCoverEverythingUnderThem() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("data/extra/new.csv", "x\n")
        repo.commit("More data", day: 4)
        let finding = try #require(staleFinding(repo.check(["data"])))
        #expect(finding.message.contains("1 commit changed data"))
        #expect(repo.check(["models"]).state == .fresh)
    }

    @Test func aDocumentNeverCommittedIsFresh() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 8\n")
        repo.commit("Change", day: 3)
        repo.write("models/features.py", "FEATURES = []\n")
        repo.write("docs/new.md", "# New\n")
        let report = repo.check(["models/train.py", "models/features.py"], doc: "docs/new.md")
        #expect(report.state == .fresh)
        #expect(report.lastChange == nil)
        #expect(report.baseline == nil)
    }

    // MARK: Renames

    @Test func aRenamedFileIsNotBrokenAndKeepsItsHistory() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.git("mv", "models/train.py", "models/fit.py")
        repo.write("docs/page.md", Self.page + "See models/fit.py.\n")
        repo.commit("Rename train to fit", day: 1)

        let fresh = repo.check(["models/fit.py"])
        #expect(fresh.state == .fresh)
        #expect(repo.history().commits(touching: "models/fit.py").map(\.subject) == ["Rename train to fit", "Initial"])

        repo.write("models/fit.py", "def train():\n    return 4\n")
        repo.commit("Edit after rename", day: 2)
        #expect(repo.check(["models/fit.py"]).state == .stale)

        let old = repo.check(["models/train.py"])
        let broken = try #require(old.findings.first { $0.rule == "code.missing-path" })
        #expect(old.state == .broken)
        #expect(broken.severity == .error)
        #expect(broken.location == SourceLocation(path: "docs/page.md", line: 2))
        #expect(broken.message.contains("renamed to `models/fit.py`"))
    }

    // MARK: Baselines

    @Test func verifiedBaselineFullAndAbbreviated() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 2\n")
        let verified = repo.commit("Reviewed code", day: 5)
        repo.write("models/train.py", "def train():\n    return 3\n")
        repo.commit("Change after review", day: 9)
        // The page is edited afterwards (a typo), but its verified: commit is what counts.
        repo.write("docs/page.md", Self.page + "Typo fixed.\n")
        repo.commit("Fix typo", day: 12)

        #expect(repo.check(["models/train.py"]).state == .fresh)
        for written in [verified, String(verified.prefix(7)), String(verified.prefix(10)).uppercased()] {
            let report = repo.check(["models/train.py"], verified: written)
            #expect(report.state == .stale)
            #expect(report.baseline?.hash == verified)
            let finding = try #require(staleFinding(report))
            #expect(finding.location == SourceLocation(path: "docs/page.md", line: 3))
            #expect(
                finding.message.contains(
                    "1 commit changed models/train.py since this page was last verified (\(verified.prefix(7)), 2026-01-06)"
                ))
            #expect(finding.message.contains("(2026-01-10); behind HEAD for 3 days"))
        }
        let head = try #require(repo.history().head?.hash)
        #expect(repo.check(["models/train.py"], verified: head).state == .fresh)
    }

    @Test func unknownBaselineHash() throws {
        let repo = try project()
        defer { repo.remove() }
        for written in ["0123456789abcdef0123456789abcdef01234567", "deadbeef", "last-tuesday"] {
            let report = repo.check(["models/train.py"], verified: written)
            #expect(report.state == .unknown)
            let finding = try #require(report.findings.first)
            #expect(finding.rule == "staleness.unknown-baseline")
            #expect(finding.severity == .warning)
            #expect(finding.state == .unknown)
            #expect(finding.location == SourceLocation(path: "docs/page.md", line: 3))
            #expect(finding.message.contains("`verified: \(written)`"))
            #expect(finding.message.contains("dossier verify docs/page.md"))
        }
    }

    @Test func shallowCloneIsUnknownAndSaysHowToFixIt() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 2\n")
        let head = repo.commit("Change", day: 3)
        let folder = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        GitFixture.run(["clone", "-q", "--depth", "1", "file://" + repo.root, folder + "/clone"], in: folder)

        let report = repo.check(["models/train.py"], projectRoot: folder + "/clone")
        #expect(report.state == .unknown)
        let finding = try #require(report.findings.first)
        #expect(finding.rule == "staleness.shallow")
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("shallow clone"))
        #expect(finding.message.contains("git fetch --unshallow"))
        #expect(finding.message.contains("fetch-depth: 0"))
        #expect(report.lastChange == nil)
        // An older verified: commit is not in the clone either.
        let verifiedOld = repo.check(
            ["models/train.py"], verified: String(repo.history().commits[1].hash), projectRoot: folder + "/clone")
        #expect(verifiedOld.findings.first?.rule == "staleness.shallow")
        // A verified: commit that is in the clone decides exactly.
        #expect(repo.check(["models/train.py"], verified: head, projectRoot: folder + "/clone").state == .fresh)
        // References are still checked against the working tree.
        #expect(repo.check(["models/gone.py"], projectRoot: folder + "/clone").state == .broken)
    }

    @Test func notARepositoryIsUnknown() throws {
        let folder = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.py"))
        let checker = StalenessChecker(history: GitHistory(projectRoot: folder))
        let report = checker.check(DocumentCoverage(path: "README.md", references: [GitFixture.reference("a.py")]))
        #expect(report.state == .unknown)
        let finding = try #require(report.findings.first)
        #expect(finding.rule == "staleness.no-history")
        #expect(finding.message.contains("not in a git repository"))
        #expect(finding.location == SourceLocation(path: "README.md", line: 1))

        let missingGit = StalenessChecker(history: GitHistory(projectRoot: folder, gitExecutable: "/nonexistent/git"))
        let noGit = missingGit.check(DocumentCoverage(path: "README.md", references: [GitFixture.reference("a.py")]))
        #expect(noGit.findings.first?.rule == "staleness.no-history")
        #expect(noGit.findings.first?.message.contains("install git") == true)
    }

    @Test func projectInASubfolderOfTheRepository() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("ExampleProject/docs/page.md", Self.page)
        repo.write("ExampleProject/models/train.py", "def train():\n    return 1\n")
        repo.write("Sources/app.swift", "let x = 1\n")
        repo.commit("Initial", day: 0)
        repo.write("Sources/app.swift", "let x = 2\n")
        repo.commit("Outside the project", day: 1)
        let root = repo.root + "/ExampleProject"
        #expect(repo.check(["models/train.py"], projectRoot: root).state == .fresh)

        repo.write("ExampleProject/models/train.py", "def train():\n    return 2\n")
        repo.commit("Inside the project", day: 2)
        let finding = try #require(staleFinding(repo.check(["models/train.py"], projectRoot: root)))
        #expect(finding.message.contains("1 commit changed models/train.py"))
        #expect(finding.message.contains("\"Inside the project\" (2026-01-03)"))
        #expect(repo.check(["train.py#train"], projectRoot: root).state == .broken)
        #expect(repo.check(["models/train.py#train"], projectRoot: root).state == .stale)
    }

    // MARK: Broken references

    @Test func lineRanges() throws {
        let repo = try project()
        defer { repo.remove() }
        #expect(repo.check(["models/train.py#L1-L2"]).state == .fresh)
        #expect(repo.check(["models/train.py#L2"]).state == .fresh)
        for text in ["models/train.py#L2-L3", "models/train.py#L9", "models/train.py#L2-L1", "models#L1"] {
            let report = repo.check([text])
            #expect(report.state == .broken, "\(text)")
            #expect(report.findings.first?.rule == "code.line-range", "\(text)")
            #expect(report.findings.first?.severity == .error)
        }
        #expect(repo.check(["models/train.py#L2-L3"]).findings.first?.message.contains("has 2 lines") == true)
    }

    @Test func lineRangesGoStaleOnlyWhenTheirLinesChange() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 1\n# appended\n")
        repo.commit("Append", day: 1)
        #expect(repo.check(["models/train.py#L1-L2"]).state == .fresh)
        #expect(repo.check(["models/train.py"]).state == .stale)
        repo.write("models/train.py", "def train():\n    return 2\n# appended\n")
        repo.commit("Edit line 2", day: 2)
        #expect(repo.check(["models/train.py#L1-L2"]).state == .stale)
    }

    @Test func pathsOutsideTheProjectAndMissingFiles() throws {
        let repo = try project()
        defer { repo.remove() }
        let outside = CodeReferenceParser.parse("../x.py", at: SourceLocation(path: "docs/page.md", line: 4))
        guard case let .failure(finding)? = outside else {
            Issue.record("expected a finding")
            return
        }
        #expect(finding.rule == "code.outside-project")
        #expect(finding.location == SourceLocation(path: "docs/page.md", line: 4))
        let missing = repo.check(["models/nothing.py"])
        #expect(missing.state == .broken)
        #expect(missing.findings.map(\.rule) == ["code.missing-path"])
        #expect(missing.findings.first?.message == "code reference `models/nothing.py` points to a missing file")
    }

    @Test func symbolicLinksOutOfTheProjectAreRefused() throws {
        let repo = try project()
        defer { repo.remove() }
        let elsewhere = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: elsewhere + "/secret.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/link.txt", withDestinationPath: elsewhere + "/secret.txt")
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/inside.py", withDestinationPath: "models/train.py")
        #expect(repo.check(["link.txt"]).findings.first?.rule == "code.outside-project")
        #expect(repo.check(["inside.py"]).findings.allSatisfy { $0.rule != "code.outside-project" })
    }

    @Test func aFolderLinkOutIsRefusedAndARootReachedThroughALinkIsInside() throws {
        let repo = try project()
        defer { repo.remove() }
        let elsewhere = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: elsewhere + "/secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/vendor", withDestinationPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/code", withDestinationPath: "models")
        #expect(repo.check(["vendor/secret.txt"]).findings.first?.rule == "code.outside-project")
        #expect(repo.check(["code/train.py"]).findings.allSatisfy { $0.rule != "code.outside-project" })
        // The root itself named through a link: its files are still inside, a link out still out.
        let door = elsewhere + "/door"
        try FileManager.default.createSymbolicLink(atPath: door, withDestinationPath: repo.root)
        let viaLink = repo.check(["models/train.py", "code/train.py"], projectRoot: door)
        #expect(viaLink.findings.allSatisfy { $0.rule != "code.outside-project" })
        #expect(repo.check(["vendor/secret.txt"], projectRoot: door).findings.first?.rule == "code.outside-project")
    }

    /// The link-free fast path (`holdsNoLink`) answers only for paths without links; a link deep
    /// in the path is still resolved in full: out is refused, out and back in is inside.
    @Test func linksDeepInAPathAreResolvedInFull() throws {
        let repo = try project()
        defer { repo.remove() }
        let elsewhere = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.createDirectory(
            atPath: elsewhere + "/deep", withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: elsewhere + "/deep/secret.py"))
        try FileManager.default.createSymbolicLink(
            atPath: elsewhere + "/deep/back.py", withDestinationPath: repo.root + "/models/train.py")
        try FileManager.default.createDirectory(
            atPath: repo.root + "/a/b", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/a/b/c", withDestinationPath: elsewhere + "/deep")
        #expect(repo.check(["a/b/c/secret.py"]).findings.first?.rule == "code.outside-project")
        #expect(repo.check(["a/b/c/back.py"]).findings.allSatisfy { $0.rule != "code.outside-project" })
        #expect(StalenessChecker.holdsNoLink("models/train.py", under: repo.root))
        #expect(!StalenessChecker.holdsNoLink("a/b/c/back.py", under: repo.root))
        #expect(!StalenessChecker.holdsNoLink("a/b/../../..", under: repo.root))
        #expect(!StalenessChecker.holdsNoLink("models/missing.py", under: repo.root))
        // With the folders of earlier walks remembered, the answers are the same.
        let known = KnownFolders()
        for _ in 0..<2 {
            #expect(StalenessChecker.holdsNoLink("models/train.py", under: repo.root, knownFolders: known))
            #expect(!StalenessChecker.holdsNoLink("a/b/c/back.py", under: repo.root, knownFolders: known))
            #expect(!StalenessChecker.holdsNoLink("a/b/c/secret.py", under: repo.root, knownFolders: known))
            #expect(!StalenessChecker.holdsNoLink("a/b/../../..", under: repo.root, knownFolders: known))
        }
    }

    /// A file no commit touched since the page's baseline and without uncommitted edits cannot
    /// have changed: it is not read (every build read every referenced file before). An edit,
    /// committed or not, is still read and found.
    @Test func filesUntouchedSinceTheBaselineAreNotRead() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("docs/page.md", Self.page + "Updated.\n")
        repo.commit("Update docs", day: 1)
        let references = ["models/train.py", "models/features.py#FEATURES", "data/sample.csv", "models"]
        let fresh = StalenessChecker(history: repo.history())
        let report = fresh.check(
            DocumentCoverage(
                path: "docs/page.md", verified: nil,
                references: references.map { GitFixture.reference($0, in: "docs/page.md") }))
        #expect(report.state == .fresh)
        #expect(fresh.workingFilesFingerprinted == 0)

        repo.write("models/train.py", "def train():\n    return 2\n")
        let edited = StalenessChecker(history: repo.history())
        let uncommitted = edited.check(
            DocumentCoverage(
                path: "docs/page.md", verified: nil,
                references: references.map { GitFixture.reference($0, in: "docs/page.md") }))
        #expect(uncommitted.state == .stale)
        #expect(edited.workingFilesFingerprinted == 1)
        repo.commit("Change code", day: 2)
        #expect(repo.check(references).state == .stale)
    }

    /// `plainEntry` answers with one `lstat` only for plain paths whose every part is real; any
    /// other path (a link anywhere, `.`, `..`, empty parts, a trailing `/`, nothing there) gets
    /// nil and the full look, so links are judged as before.
    @Test func plainEntriesAnswerOnlyForLinkFreePlainPaths() throws {
        let repo = try project()
        defer { repo.remove() }
        let elsewhere = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: elsewhere + "/secret.py"))
        try FileManager.default.createSymbolicLink(
            atPath: repo.root + "/out.py", withDestinationPath: elsewhere + "/secret.py")
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/vendor", withDestinationPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/code", withDestinationPath: "models")
        let known = KnownFolders()
        for _ in 0..<2 {
            func entry(_ path: String) -> StalenessChecker.PlainEntry? {
                StalenessChecker.plainEntry(path, under: repo.root, knownFolders: known)
            }
            #expect(entry("models/train.py") == .other)
            #expect(entry("models") == .folder)
            #expect(entry("data/sample.csv") == .other)
            for path in [
                "out.py", "vendor/secret.py", "vendor", "code/train.py", "code", "models/missing.py",
                "models/train.py/", "models//train.py", "./models/train.py", "models/./train.py",
                "models/../models/train.py", "/models/train.py", "",
            ] {
                #expect(entry(path) == nil, "\(path)")
            }
        }
        #expect(repo.check(["out.py"]).findings.first?.rule == "code.outside-project")
        #expect(repo.check(["vendor/secret.py"]).findings.first?.rule == "code.outside-project")
    }

    @Test func symbolsInUnsupportedFilesFallBackToTheWholeFile() throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("queries/report.sql", "select 1;\n")
        repo.commit("Add query", day: 1)
        repo.write("docs/page.md", Self.page + "x\n")
        repo.commit("Doc", day: 2)
        let report = repo.check(["queries/report.sql#daily"])
        #expect(report.state == .fresh)
        #expect(report.findings.map(\.rule) == ["code.symbol-unsupported"])
        #expect(report.findings.first?.severity == .warning)
        repo.write("queries/report.sql", "select 2;\n")
        #expect(repo.check(["queries/report.sql#daily"]).state == .stale)
    }

    @Test func checkingManyDocumentsConcurrently() async throws {
        let repo = try project()
        defer { repo.remove() }
        repo.write("models/train.py", "def train():\n    return 2\n\ndef other():\n    pass\n")
        repo.commit("Change", day: 2)
        let checker = StalenessChecker(history: repo.history())
        let states = await withTaskGroup(of: HealthState.self) { group in
            for i in 0..<64 {
                group.addTask {
                    let text = [
                        "models/train.py", "models/train.py#train", "models/train.py#other",
                        "models/features.py#FEATURES",
                    ][i % 4]
                    return checker.check(
                        DocumentCoverage(path: "docs/page.md", references: [GitFixture.reference(text)])
                    ).state
                }
            }
            var states: [HealthState] = []
            for await state in group { states.append(state) }
            return states
        }
        // `other` did not exist when the page was written: it counts as changed.
        #expect(states.filter { $0 == .stale }.count == 48)
        #expect(states.filter { $0 == .fresh }.count == 16)
    }
}
