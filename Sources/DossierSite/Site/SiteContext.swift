import DossierChecks
import DossierCore
import DossierModel
import Foundation

/// What every page of one build shares: the project, the page layout, the theme and the
/// navigation, computed once.
package struct SiteContext: Sendable {
    /// The fields, held in one object: every page copies its context many times (its linker, a
    /// view per part of the page), and a copy of the fields themselves retained and released each
    /// array and string of the project, one by one.
    private final class Storage: Sendable {
        let project: LoadedProject
        let layout: SiteLayout
        let copiedFiles: Set<String>
        let repoPathPrefix: String
        let navigation: Navigation
        let lineageTitles: LineageTitles

        init(
            project: LoadedProject, layout: SiteLayout, copiedFiles: Set<String>, repoPathPrefix: String,
            navigation: Navigation
        ) {
            self.project = project
            self.layout = layout
            self.copiedFiles = copiedFiles
            self.repoPathPrefix = repoPathPrefix
            self.navigation = navigation
            lineageTitles = LineageTitles(documentCount: project.documents.count)
        }
    }

    private let storage: Storage

    // `_read` lends the stored value: a getter returning it would copy the whole project per access.
    package var project: LoadedProject {
        _read { yield storage.project }
    }
    package var layout: SiteLayout {
        _read { yield storage.layout }
    }
    /// Images and other files referenced from documents, copied into the site at the same path.
    package var copiedFiles: Set<String> {
        _read { yield storage.copiedFiles }
    }
    /// The project's folder inside its git repository (`ExampleProject/`), for `repo_url` links.
    package var repoPathPrefix: String {
        _read { yield storage.repoPathPrefix }
    }
    package var navigation: Navigation {
        _read { yield storage.navigation }
    }
    /// The documents' titles as lineage nodes show them, wrapped once per build (a context made
    /// by `replacingDocument` starts afresh).
    package var lineageTitles: LineageTitles { storage.lineageTitles }

    package init(project: LoadedProject, layout: SiteLayout, copiedFiles: Set<String>, theme: Theme) {
        storage = Storage(
            project: project, layout: layout, copiedFiles: copiedFiles,
            repoPathPrefix: Self.pathInRepository(project.root),
            navigation: Navigation(project: project, layout: layout, theme: theme))
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// This context with document `index` replaced by `document` (its source digest `sourceDigest`)
    /// and everything else kept, navigation included: for `serve`'s early render of an edited page,
    /// whose caller makes sure the edit changed nothing the navigation or other pages show.
    package func replacingDocument(_ index: Int, with document: Document, sourceDigest: String) -> SiteContext {
        var project = storage.project
        project.documents[index] = document
        if index < project.sourceDigests.count { project.sourceDigests[index] = sourceDigest }
        return SiteContext(
            storage: Storage(
                project: project, layout: layout, copiedFiles: copiedFiles, repoPathPrefix: repoPathPrefix,
                navigation: navigation))
    }

    /// The project root relative to the enclosing git work tree, with a trailing slash.
    package static func pathInRepository(_ root: URL) -> String {
        var folder = root
        var parts: [String] = []
        for _ in 0..<32 {
            if ProjectFiles.exists(folder.appendingPathComponent(".git").path) {
                return parts.isEmpty ? "" : parts.reversed().joined(separator: "/") + "/"
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            parts.append(folder.lastPathComponent)
            folder = parent
        }
        return ""
    }

    /// The context every layout render needs, for the page at `page`. The sidebar opens down to
    /// `currentDocument` or `currentSection`; `currentKind` marks a catalog page's kind.
    package func layoutContext(
        page: String, title: String, pageType: String, description: String? = nil,
        currentDocument: Int? = nil, currentSection: Int? = nil, currentKind: String? = nil
    ) -> LayoutView {
        LayoutView(
            root: ProjectPath.rootPrefix(for: page),
            pageTitle: title,
            siteTitle: navigation.siteTitle,
            pageType: pageType,
            navigation: navigation.html(
                page: page, currentDocument: currentDocument, currentSection: currentSection,
                currentCatalog: currentKind),
            healthProblems: navigation.problemCount > 0 ? navigation.problemCount : nil,
            description: description?.isEmpty == false ? description : nil,
            canonical: project.config.baseURL.map { $0 + page },
            repoURL: project.config.repoURL)
    }
}
