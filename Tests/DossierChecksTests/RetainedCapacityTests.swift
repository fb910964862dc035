@testable import DossierChecks
import DossierTestSupport
import Testing

/// What a build keeps from loading to the last page is held without growth slack (issue 15): an
/// array grown by appending has room for up to twice its elements, which at 10,000 documents is
/// megabytes of the peak.
@Suite struct RetainedCapacityTests {
    @Test func theDocumentsAreHeldInAnArrayOfTheirSize() throws {
        var files: [String: String] = [:]
        for i in 0..<33 { files["docs/page-\(i).md"] = "---\ntitle: Page \(i)\n---\n# Page \(i)\n\nText.\n" }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        let loaded = try project.load()
        #expect(loaded.documents.count == 33)
        // Grown one at a time it would have room for 64.
        #expect(loaded.documents.capacity < 40)
    }

    @Test func aProfileHoldsItsDistinctValuesInAnArrayOfTheirSize() {
        var profiler = ColumnProfiler(name: "species", maxDistinctValues: 1_000)
        var budget = 1 << 30
        for i in 0..<33 { profiler.add("value-\(i)", kind: .text, line: i + 2, budget: &budget) }
        let profile = profiler.profile()
        #expect(profile.distinctValues.count == 33)
        #expect(profile.distinctValues.capacity < 40)
    }
}
