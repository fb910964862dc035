import DossierCore
import DossierTestSupport
import Foundation
import Testing

@testable import DossierKit

/// A quote followed by a combining mark is one Character, which swift-mustache's escaping leaves
/// alone; the browser still reads the quote and ends the attribute there. Front matter is written
/// by anyone who opens a pull request, so every template value is escaped byte by byte, in the
/// compiled templates and in templates swift-mustache renders (an override it must take).
/// (Bytes are compared: `String.contains` matches Characters, and the mark joins the `;` before it.)
@Suite struct CombiningMarkEscapingTests {
    static func project(overrides: [String: String]) throws -> TemporaryProject {
        var files = [
            "README.md": "# Home\n\nSee [the data](docs/data.md).\n",
            "docs/data.md": """
            ---
            kind: data-source
            title: "Data \\"\u{301} onmouseover=alert(2) x=\\"\u{301}"
            summary: "\\"\u{301} onfocus=alert(1) autofocus x=\\"\u{301}"
            owner: "o'\u{301}wner"
            tags: ["t\\"\u{301}ag"]
            ---
            # Data

            Text.
            """,
        ]
        for (path, text) in overrides { files[path] = text }
        return try TemporaryProject(files)
    }

    /// No `"` or `'` byte followed by a combining mark is left in any page: each was escaped.
    static func unescapedQuotes(in project: TemporaryProject) throws -> [String] {
        var found: [String] = []
        let site = project.url.appendingPathComponent("site")
        let files = FileManager.default.enumerator(atPath: site.path)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() where file.hasSuffix(".html") {
            let bytes = Array(try Data(contentsOf: site.appendingPathComponent(file)))
            for index in bytes.indices.dropLast(2) where bytes[index] == 0x22 || bytes[index] == 0x27 {
                if bytes[index + 1] == 0xCC, (0x80...0xBF).contains(bytes[index + 2]) { found.append(file) }
            }
        }
        return found
    }

    @Test func compiledTemplatesEscapeAQuoteBeforeACombiningMark() throws {
        let project = try Self.project(overrides: [:])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let page = try #require(project.read("site/docs/data.html"))
        #expect(ByteSearch.contains(page, "&quot;\u{301} onfocus=alert(1)"))
        #expect(try Self.unescapedQuotes(in: project).isEmpty)
    }

    @Test func templatesSwiftMustacheRendersEscapeItToo() throws {
        // A transform is swift-mustache's own: the compiler leaves this template to the library.
        let override = "<p title=\"{{summary}}\">{{lowercased(title)}}</p>{{{body}}}"
        let project = try Self.project(overrides: ["overrides/templates/document.mustache": override])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let page = try #require(project.read("site/docs/data.html"))
        #expect(ByteSearch.contains(page, "<p title=\"&quot;\u{301} onfocus=alert(1) autofocus x=&quot;\u{301}\">"))
        #expect(try Self.unescapedQuotes(in: project).isEmpty)
    }
}
