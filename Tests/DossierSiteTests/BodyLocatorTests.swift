@testable import DossierSite
import Testing

/// A body is found in its page only at exactly one place its length, head and tail fit.
@Suite struct BodyLocatorTests {
    private func offset(_ locator: BodyLocator, in page: String) -> Int? {
        Array(page.utf8).withUnsafeBufferPointer { locator.offset(in: $0) }
    }

    @Test func aBodyIsFoundAtItsOnePlace() {
        let body = "<p>" + String(repeating: "penguin ", count: 40) + "</p>"
        let page = "<html><nav>penguin</nav><main>" + body + "</main></html>"
        #expect(offset(BodyLocator(body: body), in: page) == 30)
        let short = "<p>Hi</p>"
        #expect(offset(BodyLocator(body: short), in: "<main>" + short + "</main>") == 6)
    }

    @Test func aBodyAtNoneOrSeveralPlacesIsNotFound() {
        let body = "<p>" + String(repeating: "petrel ", count: 40) + "</p>"
        #expect(offset(BodyLocator(body: body), in: "<main><p>other</p></main>") == nil)
        #expect(offset(BodyLocator(body: body), in: body + body) == nil)
        let short = "<p>Hi</p>"
        #expect(offset(BodyLocator(body: short), in: short + short) == nil)
        // Head and tail found, but not a body's length apart.
        var longer = BodyLocator(body: body)
        longer.length += 3
        #expect(offset(longer, in: "<main>" + body + "</main>") == nil)
    }

    @Test func aReplayedLinkerAnswersOnlyWhatWasAsked() {
        let linker = ReplayingLinker(answers: [
            .href(url: "b.md", isImage: false): .href("b.html"),
            .wikiLink(target: "b"): .wikiLink(href: "b.html", text: "B"),
            .wikiLink(target: "gone"): .unresolved,
        ])
        #expect(linker.href(for: "b.md", isImage: false) == "b.html")
        #expect(linker.wikiLink("b")?.text == "B")
        #expect(linker.wikiLink("gone") == nil)
        #expect(!linker.missed)
        #expect(linker.href(for: "b.md", isImage: true) == nil)
        #expect(linker.missed)
    }
}
