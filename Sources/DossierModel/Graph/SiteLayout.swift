import DossierCore

/// Where every page of the site lives, relative to the output folder.
package struct SiteLayout: Sendable {
    package static let home = "index.html"
    package static let health = "dossier/health.html"
    package static let experiments = "dossier/experiments.html"
    package static let notFound = "404.html"
    package static let pagesCatalog = "dossier/catalog/pages.html"
    /// The folder of every catalog page (the catalogs of all kinds and their later pages).
    package static let catalogDirectory = "dossier/catalog/"

    package static func catalog(_ kind: DocumentKind?) -> String {
        kind.map { "dossier/catalog/\($0.rawValue).html" } ?? pagesCatalog
    }

    /// The page of each document (same order as the documents).
    package let pages: [String]
    /// The document whose page is the home page (the root README), if any.
    package let homeDocument: Int?
    package let findings: [Finding]

    package init(documents: [Document]) {
        var pages: [String] = []
        var owners: [String: Int] = [:]
        // Sized once: grown by appending and inserting, they were copied and rehashed a dozen times.
        pages.reserveCapacity(documents.count)
        owners.reserveCapacity(documents.count)
        var findings: [Finding] = []
        var home: Int?
        // By index, not `enumerated()`: each element it yields is a copy of a whole `Document`.
        for index in documents.indices {
            let path = documents[index].path
            var page = Self.pagePath(for: path)
            if page == Self.home, home == nil { home = index }
            if let other = owners[page] {
                findings.append(
                    Finding(
                        .error, "site.path-conflict",
                        "\(path) and \(documents[other].path) would both be written to \(page); rename one",
                        at: SourceLocation(path: path), state: .broken))
                page = "dossier/conflicts/\(index)-" + page.replacingOccurrences(of: "/", with: "-")
            } else if page.hasPrefix("dossier/") || page == Self.notFound {
                findings.append(
                    Finding(
                        .error, "site.path-conflict",
                        "\(path) would overwrite Dossier's own page \(page); rename or move it",
                        at: SourceLocation(path: path), state: .broken))
                page = "dossier/conflicts/\(index)-" + page.replacingOccurrences(of: "/", with: "-")
            }
            owners[page] = index
            pages.append(page)
        }
        self.pages = pages
        homeDocument = home
        self.findings = findings
    }

    /// `docs/a.md` → `docs/a.html`; `README.md` and `index.md` → the folder's `index.html`.
    package static func pagePath(for path: String) -> String {
        if let page = markdownPagePath(for: path) { return page }
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

    /// `pagePath(for:)` of an ASCII path ending `.md` whose file name is not an index page's
    /// (those names are 8 or 9 bytes long: names of that length go the general way): the path
    /// with `.html` for `.md`, made as one string instead of five (folder, name, lowercased name,
    /// stem, joined), which were most of the layout's 81 M instructions at 10,000 documents.
    static func markdownPagePath(for path: String) -> String? {
        let bytes = path.utf8
        guard bytes.count >= 3, bytes.suffix(3).elementsEqual(".md".utf8), ProjectPath.isASCII(path) else { return nil }
        let nameStart = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        let nameLength = bytes.distance(from: nameStart, to: bytes.endIndex)
        guard nameLength != 8, nameLength != 9 else { return nil }
        return String(Substring(bytes.dropLast(3))) + ".html"
    }
}
