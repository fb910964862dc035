@testable import DossierCore
@testable import DossierKit
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

@Suite struct ScaffoldTests {
    @Test func initWritesAProjectThatBuildsCleanly() throws {
        let project = try TemporaryProject(["README.md": "# My model\n"])
        defer { project.remove() }
        let (written, skipped) = try Scaffold.initProject(at: project.path)
        #expect(written.count == 8)
        #expect(skipped.isEmpty)
        let loaded = try project.load()
        #expect(Set(loaded.documents.compactMap(\.kind)) == Set(DocumentKind.allCases))
        #expect(loaded.findings.filter { $0.severity == .error }.isEmpty, "\(loaded.findings.map(\.formatted))")
        // Running it again keeps what exists.
        let again = try Scaffold.initProject(at: project.path)
        #expect(again.written.isEmpty)
        #expect(again.skipped.count == 8)
    }

    @Test(arguments: DocumentKind.allCases)
    func newWritesASkeletonThatLoadsWithoutFindings(_ kind: DocumentKind) throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let path = try Scaffold.newDocument(kind: kind.rawValue, id: "my-\(kind.rawValue)", project: project.path)
        let text = try #require(ProjectFiles.readText(path))
        let (document, findings) = DocumentLoader.load(path: "x.md", text: text)
        #expect(document?.kind == kind)
        #expect(document?.id == "my-\(kind.rawValue)")
        #expect(findings.isEmpty, "\(findings.map(\.formatted))")
        #expect(text.contains("# ") && text.components(separatedBy: "\n# ").count > 3, "keys are commented")
    }

    @Test func newRefusesBadKindsIDsAndExistingFiles() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newDocument(kind: "shema", id: "x", project: project.path)
        }
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newDocument(kind: "schema", id: "Bad Id", project: project.path)
        }
        try Scaffold.newDocument(kind: "schema", id: "x", project: project.path)
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newDocument(kind: "schema", id: "x", project: project.path)
        }
    }
}
