@testable import DossierChecks
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The per-document check results a build saves in its cache (`SavedCheckResults`,
/// `.dossier-cache/check-results`): the next build takes them for the documents whose inputs are
/// unchanged, and after an edit of any input a check reads the findings are a cold build's.
@Suite struct SavedCheckResultsTests {
    /// A committed project: a model page naming a function and an image, a schema with a sample,
    /// an environment with its requirements, and a page another one links to by id.
    private func project() -> GitFixture? {
        guard let fixture = try? GitFixture() else { return nil }
        fixture.write("dossier.yml", "title: Saved checks\n")
        fixture.write("src/model.py", "def train(x):\n    return x + 1\n\n\ndef score(y):\n    return y\n")
        fixture.write("data/sample.csv", "id,value\n1,2\n3,4\n")
        fixture.write("requirements.txt", "numpy==1.26.4\n")
        fixture.write("docs/img.png", "not really a png")
        fixture.write(
            "docs/model.md",
            "---\nkind: model\nid: model-a\ntitle: Model A\ncode: [src/model.py#train, src/model.py#L1-2]\n---\n"
                + "# Model A\n\n![chart](img.png) See [[schema-a]].\n")
        fixture.write(
            "docs/schema.md",
            "---\nkind: schema\nid: schema-a\ntitle: Schema A\nsample: data/sample.csv\n---\n# Schema A\n\n"
                + "| column | type |\n|---|---|\n| id | int |\n| value | int |\n")
        fixture.write(
            "docs/env.md",
            "---\nkind: environment\nid: env-a\ntitle: Env A\nrequirements: requirements.txt\n"
                + "packages:\n  numpy: '1.26.4'\n---\n# Env A\n")
        fixture.commit("first", day: 1)
        return fixture
    }

    /// Builds `root` with its cache and without; expects the same site and findings, and returns
    /// the cached build's report. Waits first so that no input is too recent to be saved.
    @discardableResult
    private func compare(
        _ root: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws
        -> BuildReport
    {
        Thread.sleep(forTimeInterval: 0.15)
        let warmOut = root + "/site"
        let coldOut = root + "-cold"
        defer { try? FileManager.default.removeItem(atPath: coldOut) }
        let warm = try Dossier.build(path: root, options: pageCacheOptions(output: warmOut))
        let cold = try Dossier.build(path: root, options: BuildOptions(output: coldOut, useCache: false))
        try expectSameSite(warmOut, asColdBuild: coldOut, sourceLocation: sourceLocation)
        #expect(warm.project.findings == cold.project.findings, sourceLocation: sourceLocation)
        #expect(warm.project.documentFindings == cold.project.documentFindings, sourceLocation: sourceLocation)
        return warm
    }

    @Test func unchangedDocumentsTakeTheirSavedResults() throws {
        let fixture = try #require(project())
        defer { fixture.remove() }
        let first = try compare(fixture.root)
        #expect(first.checksReused == 0)
        let second = try compare(fixture.root)
        // The environment document is always checked again (its requirements may include others).
        #expect(second.checksReused == 2)
        #expect(second.sampleChecksReused == 1)
        fixture.write("docs/schema.md", fixture.read("docs/schema.md") + "\nMore prose.\n")
        let edited = try compare(fixture.root)
        #expect(edited.checksReused == 1)
        #expect(edited.sampleChecksReused == 0)
    }

    /// A schema whose sample kept its stamp takes its saved drift findings; a real edit of the
    /// sample (new bytes, so a new stamp) checks it again, and the findings are a cold build's.
    @Test func aSchemasDriftFindingsFollowItsSample() throws {
        let fixture = try #require(project())
        defer { fixture.remove() }
        fixture.write("data/sample.csv", "id,value\n1,high\n3,low\n")
        try compare(fixture.root)
        let reused = try compare(fixture.root)
        #expect(reused.sampleChecksReused == 1)
        #expect(schemaDrifts(reused))
        fixture.write("data/sample.csv", "id,value\n1,2\n3,4\n")
        let fixed = try compare(fixture.root)
        #expect(fixed.sampleChecksReused == 0)
        #expect(!schemaDrifts(fixed))
        #expect(try compare(fixture.root).sampleChecksReused == 1)
        fixture.write("data/sample.csv", "id,value\n1,x\n3,4\n")
        let broken = try compare(fixture.root)
        #expect(broken.sampleChecksReused == 0)
        #expect(schemaDrifts(broken))
    }

    private func schemaDrifts(_ report: BuildReport) -> Bool {
        report.project.findings.contains { $0.location.path == "docs/schema.md" && $0.rule.hasPrefix("drift.") }
    }

    /// A sample reached through a link cannot be stamped: its schema is compared on every build.
    @Test func aLinkedSampleIsComparedOnEveryBuild() throws {
        let fixture = try #require(project())
        defer { fixture.remove() }
        fixture.write("data/real.csv", "id,value\n1,high\n")
        try FileManager.default.removeItem(atPath: fixture.root + "/data/sample.csv")
        try FileManager.default.createSymbolicLink(
            atPath: fixture.root + "/data/sample.csv", withDestinationPath: "real.csv")
        try compare(fixture.root)
        let again = try compare(fixture.root)
        #expect(again.sampleChecksReused == 0)
        fixture.write("data/real.csv", "id,value\n1,2\n")
        try compare(fixture.root)
    }

    @Test(arguments: [
        "code", "code symbol removed", "sample", "requirements", "commit", "config", "renamed id", "image removed",
        "referenced file removed", "uncommitted",
    ])
    func anEditOfAnInputGivesAColdBuildsFindings(edit: String) throws {
        let fixture = try #require(project())
        defer { fixture.remove() }
        try compare(fixture.root)
        try compare(fixture.root)
        switch edit {
        case "code":
            fixture.write("src/model.py", "def train(x):\n    return x + 2\n\n\ndef score(y):\n    return y\n")
            fixture.commit("train changes", day: 40)
        case "code symbol removed":
            fixture.write("src/model.py", "def fit(x):\n    return x + 1\n")
        case "sample":
            fixture.write("data/sample.csv", "id,other\n1,x\n")
        case "requirements":
            fixture.write("requirements.txt", "numpy==2.0.0\n")
        case "commit":
            fixture.write("src/model.py", "def train(x):\n    return x * 3\n")
            fixture.commit("second", day: 300)
        case "config":
            fixture.write("dossier.yml", "title: Saved checks\nunsafe_html: true\nstaleness:\n  error_after_days: 1\n")
        case "renamed id":
            fixture.write(
                "docs/schema.md", fixture.read("docs/schema.md").replacingOccurrences(of: "schema-a", with: "schema-b"))
        case "image removed":
            fixture.delete("docs/img.png")
        case "referenced file removed":
            fixture.git("mv", "src/model.py", "src/renamed.py")
            fixture.commit("move", day: 50)
        default:
            fixture.write("src/model.py", "def train(x):\n    return x - 1\n\n\ndef score(y):\n    return y\n")
        }
        try compare(fixture.root)
        // And once more, from what the edited build saved.
        try compare(fixture.root)
    }

    @Test(arguments: ["garbage", "truncated", "flipped", "link"])
    func aDamagedResultsFileIsIgnoredAndWrittenAnew(damage: String) throws {
        let fixture = try #require(project())
        defer { fixture.remove() }
        try compare(fixture.root)
        let file = fixture.root + "/.dossier-cache/" + SavedCheckResults.fileName
        var bytes = try #require(FileManager.default.contents(atPath: file))
        try FileManager.default.removeItem(atPath: file)
        switch damage {
        case "garbage": try Data("dossier check results 2\n\u{0}\u{0}".utf8).write(to: URL(fileURLWithPath: file))
        case "truncated": try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: file))
        case "flipped":
            bytes[bytes.count - 3] ^= 0x20
            try bytes.write(to: URL(fileURLWithPath: file))
        default:
            try bytes.write(to: URL(fileURLWithPath: fixture.root + "-results"))
            try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: fixture.root + "-results")
        }
        defer { try? FileManager.default.removeItem(atPath: fixture.root + "-results") }
        fixture.write("src/model.py", "def fit(x):\n    return x + 1\n")
        let rebuilt = try compare(fixture.root)
        #expect(rebuilt.checksReused == 0)
        let saved = SavedCheckResults.load(path: file, context: "")
        #expect(saved.lookup("docs/model.md", key: "") == nil)
        #expect(try compare(fixture.root).checksReused == 2)
    }
}
