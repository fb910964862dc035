import DossierChecks
import DossierCore
import DossierModel
import Foundation

/// The sidebar and breadcrumbs: the documents nested by folder (or by `nav:`), with a health dot
/// per document, then the kind catalogs. A page's sidebar is bounded whatever the site's size:
/// the top level, plus the folders on the page's own path opened, each listing at most
/// `maxEntriesPerLevel` entries and a link to the section's listing page for the rest — a
/// 100,000-document site does not repeat 100,000 links on every page.
package struct Navigation: Sendable {
    package static let maxEntriesPerLevel = 40

    package let tree: NavTree
    package let pages: [String]
    package let siteTitle: String
    /// Documents that are not fresh.
    package let problemCount: Int
    package let theme: Theme
    /// Each document's health dot class.
    let states: [String]
    /// The kind catalogs that have documents: (kind key, label, catalog path, count).
    let catalogs: [(key: String, label: String, href: String, count: Int)]
    /// The kind block's HTML for a page at each depth when it is not a catalog: the same on every
    /// such page, so it is rendered once instead of once per page.
    let kindsHTML: [String]
    /// Each document's place among its section's entries.
    let position: [Int]
    /// Levels shared by the pages of a folder (`sharedLevel`).
    let levels = SharedLevels()
    /// What marks the current page's link in the theme's `nav` (`currentMarker(theme:)`).
    let currentMarker: String?

    /// `layout` is `project.layout`; the tree is the one the project was loaded with
    /// (`LoadedProject.navTree`, made beside the checks).
    package init(project: LoadedProject, layout: SiteLayout, theme: Theme) {
        pages = layout.pages
        tree = project.navTree
        states = project.documents.indices.map {
            StateTone.badge(state: project.states[$0], findings: project.documentFindings[$0]).cssClass
        }
        var counts: [String: Int] = [:]
        // By index: `enumerated()` yields a copy of each whole `Document`.
        for index in project.documents.indices where index != layout.homeDocument {
            counts[project.documents[index].kind?.rawValue ?? "page", default: 0] += 1
        }
        var catalogs: [(key: String, label: String, href: String, count: Int)] = []
        for kind in DocumentKind.allCases.sorted() {
            if let count = counts[kind.rawValue] {
                catalogs.append((kind.rawValue, kind.pluralName, SiteLayout.catalog(kind), count))
            }
        }
        if let pagesCount = counts["page"] { catalogs.append(("page", "Pages", SiteLayout.pagesCatalog, pagesCount)) }
        self.catalogs = catalogs
        problemCount = project.states.filter { $0 != .fresh }.count
        let readmeTitle = layout.homeDocument.flatMap { project.documents[$0].analysis.firstH1 }
        siteTitle = project.config.title ?? readmeTitle ?? project.root.lastPathComponent
        self.theme = theme
        // Components counted by bytes: splitting 10,000 paths into substrings took milliseconds.
        var deepest = 0
        for page in layout.pages + ["dossier/catalog/x.html", NavTree.listingPage(0)] {
            deepest = max(deepest, Self.componentCount(page) - 1)
        }
        var kinds: [String] = []
        for depth in 0...deepest {
            kinds.append(
                Self.kindsBlock(catalogs, root: String(repeating: "../", count: depth), current: nil, theme: theme))
        }
        kindsHTML = kinds
        var position = Array(repeating: 0, count: project.documents.count)
        for section in tree.sections {
            for (at, entry) in section.entries.enumerated() {
                if let document = entry.document { position[document] = at }
            }
        }
        self.position = position
        currentMarker = Self.currentMarker(theme: theme)
    }

    /// The sidebar of the page at `page`: the tree opened down to `currentDocument` (or to
    /// `currentSection`, on a section's listing page), then the kind catalogs, `currentKind`'s
    /// marked on its catalog page.
    package func html(
        page: String, currentDocument: Int? = nil, currentSection: Int? = nil, currentCatalog: String? = nil
    ) -> String {
        // By bytes: splitting the path into substrings was a third of this function's time.
        let depth = Self.componentCount(page) - 1
        let root = String(repeating: "../", count: depth)
        var open: [Int] = []
        if let document = currentDocument, document < tree.sectionOf.count, let section = tree.sectionOf[document] {
            open = tree.chain(to: section)
        } else if let section = currentSection {
            open = tree.chain(to: section)
        }
        // Deepest level first: each open folder's level goes inside its parent's entry.
        var inner = ""
        for (position, section) in ([0] + open).enumerated().reversed() {
            // A folder holding only its README shows as that page, with nothing to open.
            if section != 0, tree.sections[section].entries.isEmpty {
                inner = ""
                continue
            }
            let openChild = position < open.count ? open[position] : nil
            inner = sharedLevel(
                section, depth: depth, root: root, openChild: openChild, childrenHTML: inner,
                currentDocument: currentDocument)
        }
        let kinds =
            currentCatalog != nil || depth >= kindsHTML.count
            ? Self.kindsBlock(catalogs, root: root, current: currentCatalog, theme: theme) : kindsHTML[depth]
        return Self.joined(inner, kinds)
    }

    /// A level as `level` renders it, taken from the levels rendered for other pages of the same
    /// folder: every page of a folder shows the same levels but for its own `aria-current`, which
    /// is patched in. Rendering the 40 entries of the open folder on each of 10,000 pages doubled
    /// the render time. A page past the folder's cap gets its own entry in a list after the shared
    /// ones. Themes whose `nav` the patch does not fit render each page's levels whole.
    func sharedLevel(
        _ section: Int, depth: Int, root: String, openChild: Int?, childrenHTML: String, currentDocument: Int?
    ) -> String {
        let heading = section == 0 ? "Documents" : nil
        func whole() -> String {
            level(
                section, root: root, openChild: openChild, childrenHTML: childrenHTML,
                currentDocument: currentDocument, heading: heading)
        }
        guard let marker = currentMarker else { return whole() }
        let parts = levels.value("\(section) \(depth) \(openChild ?? -1)") {
            let html = level(
                section, root: root, openChild: openChild, childrenHTML: Self.childrenSentinel, currentDocument: nil,
                heading: heading)
            // By bytes, as below: the sentinel is ASCII and starts and ends with a control
            // character, so both cuts fall between characters.
            guard let at = ByteSearch.firstOffset(of: Self.childrenSentinel, in: html) else { return (html, "") }
            let utf8 = html.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: at)
            let end = utf8.index(start, offsetBy: Self.childrenSentinel.utf8.count)
            return (String(html[..<start]), String(html[end...]))
        }
        guard let document = currentDocument, document < tree.sectionOf.count else {
            return Self.joined(parts.before, childrenHTML, parts.after)
        }
        // Where the page's own link is on this level: a direct entry, or the open folder it stands for.
        let isEntry = tree.sectionOf[document] == section && !tree.isIndex(document)
        let isOpenFolder = openChild.map { tree.sections[$0].indexDocument == document } ?? false
        guard isEntry || isOpenFolder else { return Self.joined(parts.before, childrenHTML, parts.after) }
        if isEntry, position[document] >= Self.maxEntriesPerLevel {
            // Past the cap: the shared level, then the page in a list of its own.
            if section == 0 { return whole() }
            let own = NavLevelView(
                root: root, heading: nil, entries: [entry(document, title: title(of: document), current: true)])
            return Self.joined(parts.before, childrenHTML, parts.after, theme.renderTemplate("nav", view: own))
        }
        // A byte search: Foundation's `range(of:)` went through NSString and was half of this
        // function's time. The needle ends in an ASCII quote, so the cut falls between characters.
        let needle = "href=\"" + root + pages[document] + "\""
        var out = ""
        out.reserveCapacity(
            parts.before.utf8.count + marker.utf8.count + childrenHTML.utf8.count + parts.after.utf8.count)
        if let at = ByteSearch.firstOffset(of: needle, in: parts.before) {
            Self.append(parts.before, inserting: marker, atUTF8Offset: at + needle.utf8.count, to: &out)
            out += childrenHTML
            out += parts.after
            return out
        }
        if let at = ByteSearch.firstOffset(of: needle, in: parts.after) {
            out += parts.before
            out += childrenHTML
            Self.append(parts.after, inserting: marker, atUTF8Offset: at + needle.utf8.count, to: &out)
            return out
        }
        return whole()
    }

    /// The texts one after another, in one String made at its final size: `a + b + c` grew and
    /// copied the sidebar's kilobytes once per `+`, on every page.
    static func joined(_ texts: String...) -> String {
        var out = ""
        out.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        for text in texts { out += text }
        return out
    }

    /// `path.split(separator: "/").count`: its non-empty components.
    static func componentCount(_ path: String) -> Int {
        var count = 0
        var inComponent = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                inComponent = false
            } else if !inComponent {
                inComponent = true
                count += 1
            }
        }
        return count
    }

    /// Appends `text` to `out` with `insertion` placed `offset` UTF-8 bytes into it (a character boundary).
    static func append(_ text: String, inserting insertion: String, atUTF8Offset offset: Int, to out: inout String) {
        let cut = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        out += text[..<cut]
        out += insertion
        out += text[cut...]
    }

    /// The title a document has on its level (a `nav:` title may replace its own).
    func title(of document: Int) -> String {
        guard let section = tree.sectionOf[document] else { return "" }
        let entries = tree.sections[section].entries
        let at = position[document]
        return at < entries.count && entries[at].document == document ? entries[at].title : ""
    }

    func entry(_ document: Int, title: String, current: Bool) -> NavLevelView.Entry {
        NavLevelView.Entry(href: pages[document], title: title, state: states[document], current: current)
    }

    /// What the theme's `nav` adds to a link to mark it current (` aria-current="page"`), found by
    /// rendering one entry both ways; nil when the two renders differ in any other way.
    static func currentMarker(theme: Theme) -> String? {
        let entry = NavLevelView.Entry(href: "a/b.html", title: "T", state: "fresh")
        var marked = entry
        marked.current = true
        let plain = theme.renderTemplate("nav", view: NavLevelView(root: "../", entries: [entry]))
        let current = theme.renderTemplate("nav", view: NavLevelView(root: "../", entries: [marked]))
        let needle = "href=\"../a/b.html\""
        guard let at = plain.range(of: needle), current.count > plain.count else { return nil }
        let head = String(plain[..<at.upperBound])
        guard current.hasPrefix(head) else { return nil }
        let marker = String(current.dropFirst(head.count).prefix(current.count - plain.count))
        var patched = plain
        patched.insert(contentsOf: marker, at: at.upperBound)
        return patched == current && !marker.isEmpty ? marker : nil
    }

    /// Stands for an open folder's level in a shared level, until the page's own replaces it.
    static let childrenSentinel = "\u{1}dossier-nav-children\u{1}"

    /// One section's level: its first `maxEntriesPerLevel` entries, plus the open folder and the
    /// current page when they come later, and a link to the listing for the rest.
    func level(
        _ section: Int, root: String, openChild: Int?, childrenHTML: String, currentDocument: Int?, heading: String?
    ) -> String {
        let entries = tree.sections[section].entries
        var shown = Array(entries.prefix(Self.maxEntriesPerLevel))
        if entries.count > shown.count {
            for entry in entries[shown.count...]
            where (entry.section != nil && entry.section == openChild)
                || (entry.document != nil && entry.document == currentDocument)
            {
                shown.append(entry)
            }
        }
        let view = NavLevelView(
            root: root, heading: heading, block: "nav-tree",
            entries: shown.map { entry in
                // A folder holding only its README is shown as that page.
                if let child = entry.section, tree.sections[child].entries.isEmpty,
                    let index = tree.sections[child].indexDocument
                {
                    return NavLevelView.Entry(
                        href: pages[index], title: entry.title, state: states[index], current: index == currentDocument)
                }
                if let child = entry.section {
                    let isOpen = child == openChild
                    let indexDocument = tree.sections[child].indexDocument
                    return NavLevelView.Entry(
                        href: tree.link(of: child, pages: pages), title: entry.title,
                        state: indexDocument.map { states[$0] } ?? "",
                        current: indexDocument != nil && indexDocument == currentDocument, folder: true,
                        open: isOpen, count: tree.sections[child].documentCount,
                        children: isOpen ? childrenHTML : "")
                }
                let document = entry.document!
                return NavLevelView.Entry(
                    href: pages[document], title: entry.title, state: states[document],
                    current: document == currentDocument)
            },
            more: entries.count - shown.count, moreHref: NavTree.listingPage(section))
        return theme.renderTemplate("nav", view: view)
    }

    static func kindsBlock(
        _ catalogs: [(key: String, label: String, href: String, count: Int)], root: String, current: String?,
        theme: Theme
    ) -> String {
        guard !catalogs.isEmpty else { return "" }
        let view = NavLevelView(
            root: root, heading: "Browse by kind", block: "nav-kinds",
            entries: catalogs.map {
                NavLevelView.Entry(
                    href: $0.href, title: $0.label, current: $0.key == current, folder: true, count: $0.count)
            })
        return theme.renderTemplate("nav", view: view)
    }

    /// Home › folders › `currentDocument`: each folder links to its index page or listing; the
    /// page itself is the last crumb (a folder's index page ends at its folder).
    package func breadcrumbs(page: String, document: Int) -> [DocumentView.Crumb] {
        var crumbs = [DocumentView.Crumb(href: ProjectPath.relativeURL(from: page, to: SiteLayout.home), title: "Home")]
        guard document < tree.sectionOf.count, let section = tree.sectionOf[document] else { return crumbs }
        for s in tree.chain(to: section) where tree.sections[s].indexDocument != document {
            crumbs.append(
                DocumentView.Crumb(
                    href: ProjectPath.relativeURL(from: page, to: tree.link(of: s, pages: pages)),
                    title: tree.sections[s].label))
        }
        return crumbs
    }

}
