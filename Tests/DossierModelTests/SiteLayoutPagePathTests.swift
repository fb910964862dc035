import DossierCore
@testable import DossierModel
import Testing

/// `SiteLayout.pagePath(for:)` takes a short way for most Markdown paths
/// (`markdownPagePath(for:)`): it must give what the general way gives, index pages and
/// non-ASCII paths included.
@Suite struct SiteLayoutPagePathTests {
    /// The general way, as `pagePath(for:)` makes a path the short way does not take.
    static func reference(_ path: String) -> String {
        let folder = ProjectPath.directory(of: path)
        let file = ProjectPath.lastComponent(path).map(String.init) ?? path
        let lower = file.lowercased()
        let name: String
        if lower == "readme.md" || lower == "index.md" || lower == "_index.md" {
            name = "index.html"
        } else if Notebook.isNotebook(file) {
            name = String(file.dropLast(6)) + ".html"
        } else {
            name = String(file.dropLast(3)) + ".html"
        }
        return folder.isEmpty ? name : folder + "/" + name
    }

    @Test(arguments: [
        "docs/a.md", "a.md", ".md", "docs/README.md", "docs/Index.md", "_index.md", "docs/x/_INDEX.md",
        "docs/notebook.ipynb", "docs/readme2.md", "docs/abcd.md", "docs/abcde.md", "docs/é.md", "docs/a.MD",
        "docs//b.md", "docs/data-sources/data-00001.md", "README.md",
    ])
    func theShortWayGivesTheGeneralWaysPath(_ path: String) {
        #expect(SiteLayout.pagePath(for: path) == Self.reference(path))
        if let short = SiteLayout.markdownPagePath(for: path) { #expect(short == Self.reference(path)) }
    }
}
