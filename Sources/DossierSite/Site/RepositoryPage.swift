import DossierChecks
import DossierCore
import DossierModel

/// `dossier/repository.html`: the project's tree explained (`RepositoryMap`), each entry with
/// its explanation and the documents that reference it, then the undocumented entries.
package struct RepositoryPage {
    package static let path = "dossier/repository.html"

    package let site: SiteContext

    /// `Documentation coverage: 7 of 12 … (58%)`, linked to the Repository page from `linker`'s page.
    package static func coverageHTML(_ map: RepositoryMap, linker: PageLinker) -> String? {
        guard let text = map.coverageText else { return nil }
        return "<a href=\"\(HTML.escape(linker.url(path)))\">Repository</a>: documents reference \(HTML.escape(text))."
    }

    package func render(theme: Theme) -> String {
        let map = site.project.repository
        let linker = PageLinker(site: site, page: Self.path, sourcePath: "")
        var out =
            "<article class=\"repository\">\n<header class=\"doc-header\"><h1>Repository</h1>\n"
            + "<p class=\"summary\">What each folder and file of the project is, and which documents describe it"
            + " (down to depth \(site.project.config.structureDepth); hidden and ignored files are left out).</p>"
        if let text = map.coverageText {
            out += "\n<p class=\"coverage\">Documents reference \(HTML.escape(text)).</p>"
        }
        out +=
            "</header>\n" + HTML.tableWrap(label: "Files and folders")
            + "<table class=\"repository-tree\"><thead><tr><th>Path</th>"
            + "<th>What it is</th><th>Referenced by</th></tr></thead><tbody>\n"
        for entry in map.entries {
            out += row(entry, linker: linker)
        }
        out += "</tbody></table></div>\n"
        if map.truncated {
            out +=
                "<p class=\"note\">The project holds more than \(RepositoryMap.maximumEntries) entries; "
                + "the rest are not listed.</p>\n"
        }
        let undocumented = map.undocumented
        out += "<h2 id=\"undocumented\">Undocumented <span class=\"count\">\(undocumented.count)</span></h2>\n"
        if undocumented.isEmpty {
            out += "<p class=\"all-good\">Every entry shown is explained or referenced.</p>\n"
        } else {
            out +=
                "<p>Nothing explains these entries and no document references them: add a line to "
                + "<code>structure:</code> in dossier.yml, a README, a docstring, or a reference from a document.</p>\n"
                + "<ul class=\"undocumented\">"
            for entry in undocumented {
                out += "<li><code>\(HTML.escape(entry.path))\(entry.isDirectory ? "/" : "")</code></li>"
            }
            out += "</ul>\n"
        }
        out += "</article>\n"
        let layout = site.layoutContext(page: Self.path, title: "Repository", pageType: "repository")
        return theme.renderContent(out, layout: layout)
    }

    private func row(_ entry: RepositoryMap.Entry, linker: PageLinker) -> String {
        let project = site.project
        let indent = entry.depth * 18
        var name = "<code>\(HTML.escape(entry.name))\(entry.isDirectory ? "/" : "")</code>"
        if let href = linker.repositoryURL(entry.path) {
            name = "<a href=\"\(HTML.escape(href))\">\(name)</a>"
        }
        if entry.hiddenBelow > 0 {
            name += " <span class=\"muted\">(\(entry.hiddenBelow) more below)</span>"
        }
        var what = ""
        if let explanation = entry.explanation {
            what = HTML.escape(explanation)
            if let source = entry.source, source != .structure {
                what += " <span class=\"muted source\">(\(HTML.escape(source.rawValue)))</span>"
            }
        } else if entry.isUndocumented {
            what = "<span class=\"badge undocumented\">undocumented</span>"
        }
        let references =
            entry.referencedBy.prefix(5).map { index in
                "<a href=\"\(HTML.escape(linker.url(document: index)))\">\(HTML.escape(project.documents[index].title))</a>"
            }.joined(separator: ", ")
            + (entry.referencedBy.count > 5 ? " and \(entry.referencedBy.count - 5) more" : "")
        let kind = entry.isDirectory ? "folder" : "file"
        let classes = kind + (entry.isUndocumented ? " undocumented" : "")
        return "<tr class=\"\(classes)\" id=\"path-\(HTML.escape(Self.anchor(entry.path)))\">"
            + "<td style=\"padding-left:\(indent + 6)px\">\(name)</td><td>\(what)</td><td>\(references)</td></tr>\n"
    }

    /// A stable anchor for a path: letters, digits, `-` and `_`; everything else becomes `-`.
    package static func anchor(_ path: String) -> String {
        // Every row of the repository map makes one. In ASCII without CR (the only ASCII pair
        // that is one Character) a byte is a Character, and its letters and digits are exactly
        // A-Z, a-z and 0-9: the bytes give the same anchor without the Unicode property lookups.
        if path.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            return String(
                decoding: path.utf8.map { byte in
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                        byte
                    default: UInt8(ascii: "-")
                    }
                }, as: UTF8.self)
        }
        return anchorByCharacters(path)
    }

    /// `anchor`, Character by Character: for text other than ASCII, and the reference in tests.
    static func anchorByCharacters(_ path: String) -> String {
        String(path.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }
}

extension Theme {
    /// Renders ready HTML into the layout, for pages that have no template of their own (a theme
    /// written before the page existed still renders it).
    package func renderContent(_ content: String, layout: LayoutView) -> String {
        var page = layout
        page.content = content
        return renderLayout(page) ?? content
    }
}
