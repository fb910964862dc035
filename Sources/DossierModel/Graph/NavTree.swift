import DossierCore
import DossierFormats

/// The site's table of contents: documents nested in sections, as the sidebar and breadcrumbs
/// show them. Sections are the folders of the documents (MkDocs' default), or, when `nav:` is
/// given, its sections in its order, followed by the folders of the documents it does not name.
/// Within a folder, entries sort by `order` (front matter; Hugo's `weight` when absent), pages
/// before folders, then by title. A folder's README or index page stands for the folder: it
/// gives the folder its label and order, and the folder links to it.
package struct NavTree: Sendable {
    /// One line of a section: a document or a section.
    package struct Entry: Sendable, Hashable {
        package var document: Int?
        package var section: Int?
        package var title: String
    }

    package struct Section: Sendable {
        package var label: String
        /// The document the section links to (its folder's README or index), if any.
        package var indexDocument: Int?
        package var parent: Int?
        package var entries: [Entry]
        /// Documents anywhere below, the index document included.
        package var documentCount: Int
        /// The folder it stands for (project-relative), for a folder section.
        package var folder: String?
    }

    /// `sections[0]` is the root: the sidebar's top level.
    package let sections: [Section]
    /// Each document's section (where it first appears); nil for documents outside the tree (the
    /// home page). A folder's index document's section is that folder's.
    package let sectionOf: [Int?]

    /// The page that lists all entries of section `index` (the "N more" links' target, and the
    /// folder link when the folder has no index page).
    package static func listingPage(_ index: Int) -> String { "dossier/sections/\(index).html" }

    /// The page section `index` links to: its index document's page, else its listing.
    package func link(of index: Int, pages: [String]) -> String {
        sections[index].indexDocument.map { pages[$0] } ?? Self.listingPage(index)
    }

    /// The sections from the top level down to `section` (the root left out).
    package func chain(to section: Int) -> [Int] {
        var out: [Int] = []
        var current: Int? = section
        while let s = current, s != 0 {
            out.append(s)
            current = sections[s].parent
        }
        return out.reversed()
    }

    /// Whether `document` stands for its section (a folder's README or index page).
    package func isIndex(_ document: Int) -> Bool {
        sectionOf[document].map { sections[$0].indexDocument == document } ?? false
    }

    /// The tree of `documents`, whose pages are `pages` (`SiteLayout`); `homeDocument` stays out of it.
    package init(documents: [Document], pages: [String], homeDocument: Int?, nav: [NavEntry]) {
        self.init(facts: Facts(documents), pages: pages, homeDocument: homeDocument, nav: nav)
    }

    /// What the tree reads of each document (same order as the documents): taken field by field,
    /// by index, so no whole `Document` is copied (each copy retains every field, at 10,000
    /// documents a measurable part of the build).
    package struct Facts: Sendable {
        package var paths: [String] = []
        package var titles: [String] = []
        /// `NavTree.order(of:)` of each document.
        package var orders: [Int?] = []

        package init(_ documents: [Document]) {
            paths.reserveCapacity(documents.count)
            titles.reserveCapacity(documents.count)
            orders.reserveCapacity(documents.count)
            for i in documents.indices {
                paths.append(documents[i].path)
                titles.append(documents[i].title)
                orders.append(NavTree.order(frontMatter: documents[i].frontMatter))
            }
        }

        var count: Int { paths.count }
    }

    package init(facts: Facts, pages: [String], homeDocument: Int?, nav: [NavEntry]) {
        let paths = facts.paths
        var builder = Builder(facts: facts)
        var placed = Array(repeating: false, count: facts.count)
        if let home = homeDocument { placed[home] = true }
        // `nav:` first: its sections and pages in its order.
        var byPath: [String: Int] = [:]
        for i in paths.indices where byPath[paths[i]] == nil { byPath[paths[i]] = i }
        func addNav(_ entries: [NavEntry], into section: Int) {
            for entry in entries {
                switch entry {
                case let .page(path, title, _):
                    guard let document = byPath[path], !placed[document] else { continue }
                    placed[document] = true
                    builder.sectionOf[document] = section
                    builder.sections[section].entries.append(
                        Entry(document: document, section: nil, title: title ?? facts.titles[document]))
                case let .section(title, children, _):
                    let child = builder.newSection(label: title, parent: section, folder: nil)
                    addNav(children, into: child)
                    if builder.sections[child].entries.isEmpty {
                        builder.sections.removeLast()
                    } else {
                        builder.sections[section].entries.append(Entry(document: nil, section: child, title: title))
                    }
                }
            }
        }
        addNav(nav, into: 0)
        let navEntries = builder.sections[0].entries.count
        // The rest by folder, below the folder every one of them shares (MkDocs' docs_dir).
        let rest = paths.indices.filter { !placed[$0] }.sorted { paths[$0] < paths[$1] }
        // Each folder once (it was taken twice per document), and split only when its bytes do
        // not start with the shared folders already (then they are shared still): splitting and
        // comparing every folder by characters was most of this tree's 250 M instructions in a
        // build after one edit at 10,000 documents.
        let folders = rest.map { ProjectPath.directory(of: paths[$0]) }
        var base: [Substring]?
        var sharedPath = ""
        for folderPath in folders {
            if base != nil, Self.startsWithFolders(folderPath, sharedPath) { continue }
            let folder = folderPath.split(separator: "/")
            guard let shared = base else {
                base = folder
                sharedPath = folder.joined(separator: "/")
                continue
            }
            base = Array(zip(shared, folder).prefix { $0 == $1 }.map(\.0))
            sharedPath = (base ?? []).joined(separator: "/")
        }
        let baseFolder = (base ?? []).joined(separator: "/")
        var folderSections: [String: Int] = ["": 0]
        func section(for folder: String) -> Int {
            if let known = folderSections[folder] { return known }
            let parentFolder = ProjectPath.directory(of: folder)
            let parent = section(for: parentFolder)
            let name = String(folder.split(separator: "/").last ?? "")
            let created = builder.newSection(
                label: Self.humanize(name), parent: parent,
                folder: baseFolder.isEmpty ? folder : baseFolder + "/" + folder)
            builder.sections[parent].entries.append(Entry(document: nil, section: created, title: ""))
            folderSections[folder] = created
            return created
        }
        let baseCount = baseFolder.count
        for (k, document) in rest.enumerated() {
            let target = section(for: Self.below(baseCount, folders[k]))
            // A folder's README or index page stands for the folder (the shared root's is a page).
            if target != 0, pages[document].hasSuffix("/index.html"), builder.sections[target].indexDocument == nil {
                builder.sections[target].indexDocument = document
                builder.sections[target].label = facts.titles[document]
                builder.sectionOf[document] = target
                continue
            }
            builder.sectionOf[document] = target
            builder.sections[target].entries.append(
                Entry(document: document, section: nil, title: facts.titles[document]))
        }
        // Labels are final now: fill in section entries' titles, then sort each folder.
        for s in builder.sections.indices {
            for e in builder.sections[s].entries.indices {
                if let child = builder.sections[s].entries[e].section {
                    builder.sections[s].entries[e].title = builder.sections[child].label
                }
            }
        }
        for s in builder.sections.indices where builder.sections[s].folder != nil || s == 0 {
            // The root's `nav:` entries keep their order; what follows them sorts.
            let keep = s == 0 ? navEntries : 0
            // Keys made once per entry, not twice per comparison (a lowercased title and a
            // front-matter lookup each): the same comparisons, so the same order.
            let sorted = builder.sections[s].entries[keep...].map { (entry: $0, key: builder.sortKey($0)) }
                .sorted { a, b in a.key < b.key }
                .map(\.entry)
            builder.sections[s].entries.replaceSubrange(keep..., with: sorted)
        }
        // Counts, children before parents (a child is always created after its parent).
        for s in builder.sections.indices.reversed() {
            var count = builder.sections[s].indexDocument == nil ? 0 : 1
            for entry in builder.sections[s].entries {
                count += entry.section.map { builder.sections[$0].documentCount } ?? 1
            }
            builder.sections[s].documentCount = count
        }
        sections = builder.sections
        sectionOf = builder.sectionOf
    }

    /// Whether `folder` is `shared` or lies below it, byte for byte ("" is above every folder):
    /// its `/`-separated parts then start with those of `shared`, which are the same characters.
    static func startsWithFolders(_ folder: String, _ shared: String) -> Bool {
        let (folder, shared) = (folder.utf8, shared.utf8)
        guard !shared.isEmpty else { return true }
        guard folder.starts(with: shared) else { return false }
        let end = folder.index(folder.startIndex, offsetBy: shared.count)
        return end == folder.endIndex || folder[end] == UInt8(ascii: "/")
    }

    /// `folder` without its first `count` characters and then a `/`, as dropping them and then a
    /// leading `/` character does. By bytes when those characters are single ASCII bytes (no
    /// carriage return, which joins a line feed into one character) followed by an ASCII byte
    /// (a combining mark would join the last of them, or the `/`): removing characters one by
    /// one was a tenth of the tree's time.
    static func below(_ count: Int, _ folder: String) -> String {
        let bytes = folder.utf8
        func ascii(_ i: Int) -> Bool {
            let byte = bytes[bytes.index(bytes.startIndex, offsetBy: i)]
            return byte < 0x80 && byte != UInt8(ascii: "\r")
        }
        if (0..<min(bytes.count, count + 2)).allSatisfy(ascii) {
            guard bytes.count > count else { return "" }
            let at = bytes.index(bytes.startIndex, offsetBy: count)
            let start = bytes[at] == UInt8(ascii: "/") ? bytes.index(after: at) : at
            return String(Substring(bytes[start...]))
        }
        var rest = String(folder.dropFirst(count))
        if rest.hasPrefix("/") { rest.removeFirst() }
        return rest
    }

    /// `feature-store` → "Feature store"; `data_v2` → "Data v2".
    package static func humanize(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ")
        guard let first = words.first else { return name }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst().map(String.init))
            .joined(separator: " ")
    }

    /// The navigation order of a document: `order`, else Hugo's `weight`.
    package static func order(of document: Document) -> Int? {
        order(frontMatter: document.frontMatter)
    }

    /// `order(of:)` of a document whose front matter is `frontMatter`.
    package static func order(frontMatter: YAMLValue?) -> Int? {
        if case let .int(n)? = frontMatter?["order"]?.content { return n }
        if let weight = frontMatter?["weight"]?.number, weight.isFinite, abs(weight) < 1e15 { return Int(weight) }
        return nil
    }

    private struct Builder {
        let facts: Facts
        var sections: [Section] = [Section(label: "", indexDocument: nil, parent: nil, entries: [], documentCount: 0)]
        var sectionOf: [Int?]

        init(facts: Facts) {
            self.facts = facts
            sectionOf = Array(repeating: nil, count: facts.count)
        }

        mutating func newSection(label: String, parent: Int, folder: String?) -> Int {
            sections.append(
                Section(label: label, indexDocument: nil, parent: parent, entries: [], documentCount: 0, folder: folder)
            )
            return sections.count - 1
        }

        /// Order (none last), pages before folders, title, then path for a total order.
        func sortKey(_ entry: Entry) -> (Int, Int, String, String) {
            if let section = entry.section {
                let index = sections[section].indexDocument
                let order = index.flatMap { facts.orders[$0] } ?? Int.max
                return (order, 1, entry.title.lowercased(), sections[section].folder ?? "")
            }
            let document = entry.document!
            let order = facts.orders[document] ?? Int.max
            return (order, 0, entry.title.lowercased(), facts.paths[document])
        }
    }
}
