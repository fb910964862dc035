@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// SPEC 1.6 content semantics (issue 11, items 1–4): what `verify` records survives every merge
/// strategy, content is compared instead of commits counted, the lag runs from the first change
/// to HEAD, and data files count by their columns.
@Suite struct ContentStalenessTests {
    static let document = """
        ---
        kind: pseudocode
        id: pipeline
        implements: [src/train.py#train]
        code: [src/features.py]
        ---
        # Pipeline

        Trains the model.

        """

    static let train = "def train(x):\n    y = x * 2\n    return y\n"

    func repository() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write("docs/pipeline.md", Self.document)
        repo.write("src/train.py", Self.train)
        repo.write("src/features.py", "def build():\n    pass\n")
        repo.commit("Document the pipeline", day: 0)
        return repo
    }

    /// git with an identity and a fixed date, for merges and rebases.
    func git(_ repo: GitFixture, _ arguments: String..., day: Int) {
        GitFixture.run(
            ["-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false"] + arguments,
            in: repo.root, date: GitFixture.epoch + Int64(day) * 86_400)
    }

    func verify(_ repo: GitFixture, _ path: String = "docs/pipeline.md") throws {
        try DocumentVerifier.verify([repo.root + "/" + path])
    }

    /// The document's health state and its staleness finding, if any.
    func status(_ repo: GitFixture, _ path: String = "docs/pipeline.md") throws -> (HealthState, Finding?) {
        let loaded = try ProjectLoader.load(root: repo.root)
        let i = try #require(loaded.index.byPath[path])
        let finding = loaded.documentFindings[i].first { $0.rule.hasPrefix("staleness.") }
        return (loaded.states[i], finding)
    }

    func expectFresh(_ repo: GitFixture, _ path: String = "docs/pipeline.md") throws {
        let (state, finding) = try status(repo, path)
        #expect(state == .fresh, "\(finding?.message ?? "")")
    }

    // MARK: - Item 1: verified survives merges and works before the commit

    /// On a branch: change the code, verify the page, commit; the caller merges it.
    func verifiedOnABranch(_ repo: GitFixture) throws {
        repo.git("checkout", "-q", "-b", "feature")
        repo.write("src/train.py", "def train(x):\n    y = x * 3\n    return y\n")
        repo.commit("Triple instead of double", day: 2)
        try verify(repo)
        repo.commit("Verify the pipeline page", day: 3)
        repo.git("checkout", "-q", "main")
        repo.write("README.md", "meanwhile on main\n")
        repo.commit("Meanwhile on main", day: 4)
    }

    @Test func squashMergeKeepsTheVerification() throws {
        let repo = try repository()
        defer { repo.remove() }
        try verifiedOnABranch(repo)
        git(repo, "merge", "-q", "--squash", "feature", day: 5)
        repo.commit("Feature (#1)", day: 5)
        try expectFresh(repo)
        // Later real changes are reported, not hidden behind `unknown`.
        repo.write("src/train.py", "def train(x):\n    return x\n")
        repo.commit("Simplify train", day: 9)
        let (state, finding) = try status(repo)
        #expect(state == .stale)
        #expect(finding?.message.contains("1 commit changed src/train.py#train") == true)
        #expect(finding?.message.contains("Simplify train") == true)
    }

    @Test func rebaseMergeKeepsTheVerification() throws {
        let repo = try repository()
        defer { repo.remove() }
        try verifiedOnABranch(repo)
        repo.git("checkout", "-q", "feature")
        git(repo, "rebase", "-q", "main", day: 6)
        repo.git("checkout", "-q", "main")
        git(repo, "merge", "-q", "--ff-only", "feature", day: 6)
        try expectFresh(repo)
    }

    @Test func mergeCommitKeepsTheVerification() throws {
        let repo = try repository()
        defer { repo.remove() }
        try verifiedOnABranch(repo)
        git(repo, "merge", "-q", "--no-ff", "-m", "Merge feature", "feature", day: 6)
        try expectFresh(repo)
    }

    @Test func verifyBeforeCommittingTheCodeEdit() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/train.py", "def train(x):\n    y = x * 3\n    return y\n")
        try verify(repo)
        #expect(try status(repo).0 == .fresh)
        repo.commit("Triple, and the page says so", day: 2)
        try expectFresh(repo)
    }

    @Test func verifyRecordsContentNotACommit() throws {
        let repo = try repository()
        defer { repo.remove() }
        try verify(repo)
        let text = repo.read("docs/pipeline.md")
        let head = repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!text.contains(String(head.prefix(7))))
        #expect(text.contains("verified:\n  src/features.py: "))
        #expect(text.contains("\n  src/train.py#train: "))
        // Verifying again with nothing changed writes the same bytes.
        try verify(repo)
        #expect(repo.read("docs/pipeline.md") == text)
    }

    // MARK: - Item 2: content, not commits

    @Test func aChangeAndItsRevertAreNotALag() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/features.py", "def build():\n    return 1\n")
        repo.commit("Try something", day: 2)
        git(repo, "revert", "--no-edit", "HEAD", day: 3)
        try expectFresh(repo)
        repo.write("src/train.py", "def train(x):\n    y = x * 2\n    return y + 1\n")
        repo.commit("Try something in train", day: 4)
        repo.write("src/train.py", Self.train)
        repo.commit("Back to the original", day: 5)
        try expectFresh(repo)
    }

    @Test func crlfConversionIsNotALag() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/train.py", Self.train.replacingOccurrences(of: "\n", with: "\r\n"))
        repo.write("src/features.py", "def build():\r\n    pass\r\n")
        repo.commit("Windows line endings", day: 2)
        try expectFresh(repo)
    }

    @Test func commentsAndBlankLinesInsideASymbolAreNotALag() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write(
            "src/train.py", "def train(x):\n    # double it\n    y = x * 2  # why: see the paper\n\n    return y\n")
        repo.commit("Explain train", day: 2)
        try expectFresh(repo)
        // A token change is.
        repo.write("src/train.py", "def train(x):\n    # double it\n    y = x * 2.0\n\n    return y\n")
        repo.commit("Float", day: 3)
        #expect(try status(repo).0 == .stale)
    }

    @Test func commentOnlyEditInABraceLanguageIsNotALag() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("docs/page.md", "---\nkind: pseudocode\nid: page\nimplements: [src/fit.go#Fit]\n---\n# Page\n")
        repo.write("src/fit.go", "package m\n\nfunc Fit(x int) int {\n\treturn x * 2\n}\n")
        repo.commit("Start", day: 0)
        repo.write(
            "src/fit.go", "package m\n\n// Fit doubles.\nfunc Fit(x int) int {\n\n\t/* why */ return x * 2 // see\n}\n")
        repo.commit("Comments", day: 1)
        #expect(try status(repo, "docs/page.md").0 == .fresh)
    }

    @Test func movingTheDocsFolderKeepsTheBaseline() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/features.py", "def build():\n    return 2\n")
        repo.commit("Change features", day: 5)
        #expect(try status(repo).0 == .stale)
        repo.git("mv", "docs", "documentation")
        repo.commit("Move the docs", day: 6)
        let (state, finding) = try status(repo, "documentation/pipeline.md")
        #expect(state == .stale)
        #expect(finding?.message.contains("Change features") == true)
    }

    @Test func movingAVerifiedDocumentKeepsItsRecord() throws {
        let repo = try repository()
        defer { repo.remove() }
        try verify(repo)
        repo.commit("Verify", day: 1)
        repo.git("mv", "docs", "documentation")
        repo.commit("Move the docs", day: 2)
        #expect(try status(repo, "documentation/pipeline.md").0 == .fresh)
        repo.write("src/features.py", "def build():\n    return 2\n")
        repo.commit("Change features", day: 5)
        #expect(try status(repo, "documentation/pipeline.md").0 == .stale)
    }

    // MARK: - Item 3: the lag runs from the first change to HEAD, by committer date

    @Test func aTenMonthOldLagIsAnError() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/features.py", "def build():\n    return 2\n")
        repo.commit("Change features", day: 10)
        repo.write("README.md", "later work\n")
        repo.commit("Unrelated work", day: 310)
        let (state, finding) = try status(repo)
        #expect(state == .stale)
        #expect(finding?.severity == .error)
        #expect(finding?.message.contains("behind HEAD for 300 days") == true)
    }

    @Test func aFreshLagOnAnOldDocumentIsAWarning() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("README.md", "other work\n")
        repo.commit("Unrelated work", day: 390)
        repo.write("src/features.py", "def build():\n    return 2\n")
        repo.commit("Change features", day: 400)
        let (state, finding) = try status(repo)
        #expect(state == .stale)
        #expect(finding?.severity == .warning)
        #expect(finding?.message.contains("behind HEAD for 0 days") == true)
    }

    @Test func theLagUsesTheCommitterDate() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/features.py", "def build():\n    return 2\n")
        // Written (authored) long ago, landed (committed) now: the page fell behind when it landed.
        repo.git("add", "-A")
        git(repo, "commit", "-q", "-m", "Old branch lands", "--date", "\(GitFixture.epoch + 86_400) +0000", day: 250)
        let (_, finding) = try status(repo)
        #expect(finding?.severity == .warning)
        #expect(finding?.message.contains("behind HEAD for 0 days") == true)
    }

    // MARK: - Item 4: data files count by their columns

    static let schema = """
        ---
        kind: schema
        id: people
        sample: data/people.csv
        ---
        # People

        | column | type |
        |---|---|
        | name | string |
        | age | integer |

        """

    @Test func aRefreshedSampleWithTheSameColumnsIsFresh() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("docs/people.md", Self.schema)
        repo.write("data/people.csv", "name,age\nada,36\n")
        repo.commit("Document people", day: 0)
        repo.write("data/people.csv", "name,age\nada,37\ngrace,85\n")
        repo.commit("Update data", day: 30)
        try expectFresh(repo, "docs/people.md")
    }

    @Test func aRefreshedSampleWithANewColumnIsStaleAndNamesIt() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("docs/people.md", Self.schema)
        repo.write("data/people.csv", "name,age\nada,36\n")
        repo.commit("Document people", day: 0)
        repo.write("data/people.csv", "name,age,city\nada,37,London\n")
        repo.commit("Update data", day: 30)
        repo.write("data/people.csv", "name,age,city\nada,38,London\n")
        repo.commit("Update data", day: 31)
        let (state, finding) = try status(repo, "docs/people.md")
        #expect(state >= .stale)  // the extra column is drift too
        #expect(finding?.rule == "staleness.stale")
        #expect(finding?.message.contains("1 commit changed data/people.csv") == true)
        #expect(finding?.message.contains("columns of data/people.csv: added `city`") == true)
    }

    @Test func dataStructureOfEachFormat() {
        #expect(
            DataStructure.columns(of: Array("\u{FEFF}a,\"b,c\", d\n1,2,3\n".utf8), format: .csv) == ["a", "b,c", "d"])
        #expect(DataStructure.columns(of: Array("a\tb\n1\t2\n".utf8), format: .tsv) == ["a", "b"])
        #expect(
            DataStructure.columns(
                of: Array("{\"a\": 1, \"m\": {\"x\": 2}}\n{\"a\": 2, \"b\": \"}\"}\n".utf8), format: .jsonl)
                == ["a", "m", "b"])
        #expect(DataStructure.columns(of: Array("not parquet".utf8), format: .parquet) == nil)
    }

    // MARK: - Item 8 (verify): documents without front matter

    @Test func verifyingAPlainReadmeAddsNoFrontMatter() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        let readme = "# Project\n\nTraining is in [train](src/train.py).\n"
        repo.write("README.md", readme)
        repo.write("src/train.py", Self.train)
        repo.commit("Start", day: 0)
        try verify(repo, "README.md")
        let text = repo.read("README.md")
        #expect(text.hasPrefix(readme))
        #expect(!text.hasPrefix("---"))
        #expect(text.hasSuffix("-->\n"))
        #expect(text.contains("\n\n<!-- dossier-verified\nsrc/train.py: "))
        repo.commit("Verify", day: 1)
        let loaded = try ProjectLoader.load(root: repo.root)
        let i = try #require(loaded.index.byPath["README.md"])
        #expect(loaded.documents[i].verifiedFingerprints?["src/train.py"] != nil)
        #expect(loaded.states[i] == .fresh)
        // Verifying again replaces the comment instead of adding another.
        repo.write("src/train.py", "def train(x):\n    return x\n")
        try verify(repo, "README.md")
        #expect(repo.read("README.md").components(separatedBy: "dossier-verified").count == 2)
    }
}

/// Backwards compatibility and the pieces under the content semantics.
@Suite struct ContentStalenessCompatibilityTests {
    @Test func anOldCommitIdVerifiedOnAMergedBranchMapsToContent() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("docs/page.md", "---\nkind: pseudocode\nid: page\nimplements: [src/train.py#train]\n---\n# Page\n")
        repo.write("src/train.py", "def train(x):\n    return x\n")
        repo.commit("Start", day: 0)
        repo.git("checkout", "-q", "-b", "feature")
        repo.write("src/train.py", "def train(x):\n    return x * 2\n")
        let verifiedAt = repo.commit("Double", day: 1)
        repo.git("checkout", "-q", "main")
        repo.write("README.md", "main\n")
        repo.commit("Main", day: 2)
        GitFixture.run(
            ["-c", "user.name=t", "-c", "user.email=t@e", "merge", "-q", "--no-ff", "-m", "Merge", "feature"],
            in: repo.root, date: GitFixture.epoch + 3 * 86_400)
        // Written by an older `dossier verify`: a commit reachable only through the merge's second parent.
        let old = repo.check(["src/train.py#train"], verified: verifiedAt)
        #expect(old.state == .fresh, "\(old.findings.map(\.message))")
        repo.write("src/train.py", "def train(x):\n    return x * 3\n")
        repo.commit("Triple", day: 4)
        #expect(repo.check(["src/train.py#train"], verified: verifiedAt).state == .stale)
    }

    @Test func verifiedMappingIsWrittenIntoFrontMatter() {
        let entries = [
            ("data/x.csv", "00000000000000aa"), ("src/a.py#f", "00000000000000bb"),
            ("src/b.rs#T::m", "00000000000000cc"),
        ]
        #expect(
            FrontMatterVerifier.setVerified(fingerprints: entries, inDocument: "---\nid: a\n---\nBody\n")
                == "---\nid: a\nverified:\n  data/x.csv: 00000000000000aa\n  src/a.py#f: 00000000000000bb\n  \"src/b.rs#T::m\": 00000000000000cc\n---\nBody\n"
        )
        // An old commit id, with its comment, is replaced; CRLF is kept.
        #expect(
            FrontMatterVerifier.setVerified(
                fingerprints: [entries[1]], inDocument: "---\r\nverified: abc1234 # reviewed\r\nid: a\r\n---\r\n")
                == "---\r\nverified: # reviewed\r\n  src/a.py#f: 00000000000000bb\r\nid: a\r\n---\r\n")
        // A previous mapping is replaced as a whole.
        let twice = FrontMatterVerifier.setVerified(
            fingerprints: [entries[0]],
            inDocument: "---\nverified:\n  old.py: 1\n  other.py: 2\nid: a\n---\n")
        #expect(twice == "---\nverified:\n  data/x.csv: 00000000000000aa\nid: a\n---\n")
    }

    @Test func verifiedMappingReadsBack() throws {
        let text = FrontMatterVerifier.setVerified(
            fingerprints: [("src/a.py#f", "00000000000000bb"), ("src/b.rs#T::m", "0c")],
            inDocument: "---\nkind: pseudocode\nid: a\n---\n# A\n")
        let document = try #require(DocumentLoader.load(path: "docs/a.md", text: text).0)
        #expect(document.verifiedFingerprints == ["src/a.py#f": "00000000000000bb", "src/b.rs#T::m": "0c"])
        #expect(document.findings.isEmpty)
    }

    @Test func parquetColumnsFromTheFooter() {
        // FileMetaData { 2: [SchemaElement{name: "schema", num_children: 2}, {name: "a"}, {name: "b"}] }
        var footer: [UInt8] = [0x29, 0x3C]
        footer += [0x48, 6] + Array("schema".utf8) + [0x15, 0x04, 0x00]
        footer += [0x48, 1] + Array("a".utf8) + [0x00]
        footer += [0x48, 1] + Array("b".utf8) + [0x00]
        footer += [0x00]
        let length = UInt32(footer.count)
        let file =
            Array("PAR1".utf8) + [1, 2, 3] + footer
            + [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
            + Array("PAR1".utf8)
        #expect(ParquetSchemaReader.columns(of: file) == ["a", "b"])
        #expect(ParquetSchemaReader.columns(of: Array(file.dropLast(3))) == nil)
        #expect(ParquetSchemaReader.columns(of: Array("PAR1".utf8) + [0xFF, 0xFF, 0, 0] + Array("PAR1".utf8)) == nil)
    }

    @Test func symbolTokensIgnoreLayoutButNotCode() {
        func same(_ a: String, _ b: String, _ language: SourceLanguage) -> Bool {
            SourceTokens.tokens(of: a, language: language) == SourceTokens.tokens(of: b, language: language)
        }
        #expect(same("def f(x):\n    return x\n", "def f( x ):  # c\n\n  return x\n", .python))
        #expect(same("def f(x):\n    return x\n", "def f(x):\r\n    return x\r\n", .python))
        #expect(
            !same(
                "def f(x):\n    if x:\n        a()\n    b()\n", "def f(x):\n    if x:\n        a()\n        b()\n",
                .python))
        #expect(!same("def f():\n    return '#'\n", "def f():\n    return ''\n", .python))
        #expect(same("func f() {\n\treturn 1\n}\n", "// doc\nfunc f() { /* x */ return 1 }\n", .go))
        #expect(!same("func f() {\n\treturn 1\n}\n", "func f() {\n\treturn 2\n}\n", .go))
    }
}
