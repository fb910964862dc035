import DossierChecks
import DossierCore
import DossierModel
import Foundation

/// What every page of one build shares: the project, the page layout, the theme and the
/// navigation, computed once.
package struct SiteContext: Sendable {
    package private(set) var project: LoadedProject
    package let layout: SiteLayout
    /// Images and other files referenced from documents, copied into the site at the same path.
    package let copiedFiles: Set<String>
    /// The project's folder inside its git repository (`ExampleProject/`), for `repo_url` links.
    package let repoPathPrefix: String
    package let navigation: Navigation

    package init(project: LoadedProject, layout: SiteLayout, copiedFiles: Set<String>, theme: Theme) {
        self.project = project
        self.layout = layout
        self.copiedFiles = copiedFiles
        repoPathPrefix = Self.pathInRepository(project.root)
        navigation = Navigation(project: project, layout: layout, theme: theme)
    }

    /// This context with document `index` replaced by `document` (its source digest `sourceDigest`)
    /// and everything else kept, navigation included: for `serve`'s early render of an edited page,
    /// whose caller makes sure the edit changed nothing the navigation or other pages show.
    package func replacingDocument(_ index: Int, with document: Document, sourceDigest: String) -> SiteContext {
        var context = self
        context.project.documents[index] = document
        if index < context.project.sourceDigests.count { context.project.sourceDigests[index] = sourceDigest }
        return context
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
