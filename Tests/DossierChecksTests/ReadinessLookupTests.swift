@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `LoadedProject.readiness(of:)`, which every page asks: each model's own checklist, nil for
/// any other document, among many models and pages in between (a binary search, issue 15).
@Suite struct ReadinessLookupTests {
    @Test func eachModelFindsItsOwnChecklistAndOtherDocumentsNone() throws {
        var files: [String: String] = [:]
        for i in 0..<9 {
            files["docs/m\(i).md"] = "---\nkind: model\nid: m\(i)\n---\n# Model \(i)\n"
            files["docs/p\(i).md"] = "# Page \(i)\n"
        }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        let loaded = try project.load()
        #expect(loaded.readiness.count == 9)
        for (i, document) in loaded.documents.enumerated() {
            let found = loaded.readiness(of: i)
            if document.kind == .model {
                #expect(found?.model == i, "\(document.path)")
            } else {
                #expect(found == nil, "\(document.path)")
            }
        }
        #expect(loaded.readiness(of: -1) == nil)
        #expect(loaded.readiness(of: loaded.documents.count) == nil)
    }
}
