import DossierChecks
import DossierCore
import DossierModel
import Foundation

/// A file of the site, relative to the output folder.
package struct SiteFile: Sendable {
    package enum Contents: Sendable {
        case text(String)
        case bytes([UInt8])
    }
    package var path: String
    package var contents: Contents

    package init(path: String, text: String) {
        self.path = path
        contents = .text(text)
    }

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        contents = .bytes(bytes)
    }
}

/// Renders a loaded project into the files of its site. Pages render in parallel; the result
/// is sorted by path so the same inputs always give the same files.
package enum SiteBuilder {
    /// With a `cache`, a document page whose key (`PageCacheKeys`) is stored is taken from it
    /// instead of rendered; every other file renders as without it.
    package static func build(
        project: LoadedProject, theme: Theme, cache: (any RenderedPageCache)? = nil
    ) -> [SiteFile] {
        let layout = project.layout
        let copied = referencedFiles(project: project)
        let site = SiteContext(project: project, layout: layout, copiedFiles: Set(copied.map(\.path)), theme: theme)
        let keys = cache.map { _ in PageCacheKeys(site: site, themeFingerprint: theme.fingerprint) }

        // Every page is independent of the others: render them all in one parallel pass, the
        // large site-wide pages (home, catalogs, runs, health, search) alongside the documents.
        enum Job: Sendable {
            case document(Int)
            case catalog(DocumentKind?)
            case home, health, experiments, notFound, search, repository
        }
        var jobs: [Job] = [.home, .experiments, .health, .search, .notFound, .catalog(nil), .repository]
        jobs += DocumentKind.allCases.sorted().map { .catalog($0) }
        jobs += project.documents.indices.filter { layout.pages[$0] != SiteLayout.home || layout.homeDocument == nil }
            .map { .document($0) }
        let rendered: [[SiteFile]] = jobs.parallelMap { job in
            switch job {
            case let .document(index):
                if let cache, let keys {
                    let key = cache.key(keys.parts(index: index, project: project))
                    if let page = cache.page(key) { return [SiteFile(path: layout.pages[index], contents: page)] }
                    let text = DocumentPage(site: site, index: index).render(theme: theme)
                    cache.store(key, text: text)
                    return [SiteFile(path: layout.pages[index], text: text)]
                }
                return [
                    SiteFile(
                        path: layout.pages[index], text: DocumentPage(site: site, index: index).render(theme: theme))
                ]
            case .home:
                return [SiteFile(path: SiteLayout.home, text: HomePage(site: site).render(theme: theme))]
            case let .catalog(kind):
                return [
                    SiteFile(
                        path: SiteLayout.catalog(kind), text: CatalogPage(site: site, kind: kind).render(theme: theme))
                ]
            case .health:
                return [SiteFile(path: SiteLayout.health, text: HealthPage(site: site).render(theme: theme))]
            case .experiments:
                return [SiteFile(path: SiteLayout.experiments, text: ExperimentsPage(site: site).render(theme: theme))]
            case .notFound:
                return [SiteFile(path: SiteLayout.notFound, text: notFound(site: site, theme: theme))]
            case .repository:
                return [SiteFile(path: RepositoryPage.path, text: RepositoryPage(site: site).render(theme: theme))]
            case .search:
                return SearchIndex.files(for: searchEntries(site: site)).map {
                    SiteFile(path: $0.path, text: $0.contents)
                }
            }
        }
        var files = rendered.flatMap { $0 }
        files.append(SiteFile(path: ".nojekyll", text: ""))
        for asset in theme.assets { files.append(SiteFile(path: asset.path, bytes: asset.bytes)) }
        if let base = project.config.baseURL {
            let pages = files.map(\.path).filter { $0.hasSuffix(".html") && $0 != SiteLayout.notFound }
            files.append(SiteFile(path: "sitemap.xml", text: Sitemap.xml(baseURL: base, pages: pages)))
        }
        files += copied
        files += PageAssets.files(for: files)
        for (index, document) in project.documents.enumerated() where !document.attachments.isEmpty {
            let folder = ProjectPath.directory(of: layout.pages[index])
            for file in document.attachments {
                files.append(SiteFile(path: folder.isEmpty ? file.name : folder + "/" + file.name, bytes: file.bytes))
            }
        }
        files.sort { $0.path < $1.path }
        return files
    }

    package static func notFound(site: SiteContext, theme: Theme) -> String {
        // GitHub Pages serves 404.html at any depth, so relative links only work from the root;
        // with `base_url` the page links absolutely instead.
        var layout = site.layoutContext(page: SiteLayout.notFound, title: "Page not found", pageType: "notfound")
        var view = RootView(root: "")
        if let base = site.project.config.baseURL {
            layout.root = base
            view.root = base
        }
        return theme.render("notfound", view: view, layout: layout)
    }

    /// The project files the loader decided to publish (`LoadedProject.publishedFiles`), read
    /// through `ProjectFiles` so a link swapped in since the check is still refused.
    package static func referencedFiles(project: LoadedProject) -> [SiteFile] {
        let files = ProjectFiles(projectRoot: project.root)
        return project.publishedFiles.compactMap { path in
            (try? files.bytes(path, limit: PublishedFiles.maximumBytes)).map { SiteFile(path: path, bytes: $0) }
        }
    }

    package static func searchEntries(site: SiteContext) -> [SearchEntry] {
        let project = site.project
        // In parallel: the snippets and anchors of every document are redone on every build of `serve`.
        return Array(project.documents.indices).parallelMap { i in
            let document = project.documents[i]
            var params: [String] = []
            for run in document.runs {
                if let model = run.model { params.append(model) }
                for value in run.params { params.append("\(value.key) \(value.text)") }
                for value in run.metrics { params.append(value.key) }
            }
            // The page that defines a field or a run ranks above the pages that mention it.
            let definitions = document.schemaFields.map(\.key) + document.runs.map(\.name)
            var entry = SearchEntry(
                url: site.layout.pages[i], title: document.title, kind: document.kind?.rawValue ?? "page",
                headings: document.analysis.headings.map(\.text), text: document.analysis.text,
                fields: document.schemaFields.map(\.description), params: params,
                definitions: definitions, facts: SearchFacts.strings(document.frontMatter))
            entry.snippet = SearchFacts.snippet(document)
            entry.anchors = SearchFacts.anchors(document)
            return entry
        }
    }
}
