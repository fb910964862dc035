@testable import DossierMarkdown
import Testing

@Suite struct HeadingSluggerTests {
    @Test func followsGitHub() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: "Running the pipeline") == "running-the-pipeline")
        #expect(slugger.slug(for: "What's new? (v2.0)") == "whats-new-v20")
        #expect(slugger.slug(for: "snake_case and-dash") == "snake_case-and-dash")
        #expect(slugger.slug(for: "Café Ünïcode") == "café-ünïcode")
    }

    @Test func numbersRepeats() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: "Notes") == "notes")
        #expect(slugger.slug(for: "Notes") == "notes-1")
        #expect(slugger.slug(for: "Notes") == "notes-2")
        #expect(slugger.slug(for: "Notes 1") == "notes-1-1")
    }

    @Test func emptyHeadingGetsAnID() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: "!!!") == "section")
    }
}
