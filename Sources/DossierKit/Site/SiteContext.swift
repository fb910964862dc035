import Foundation

/// What every page of one build shares: the project, the page layout, the theme and the
/// navigation, computed once.
public struct SiteContext: Sendable {
    public let project: LoadedProject
    public let layout: SiteLayout
    /// Images and other files referenced from documents, copied into the site at the same path.
    public let copiedFiles: Set<String>
    /// The project's folder inside its git repository (`ExampleProject/`), for `repo_url` links.
    public let repoPathPrefix: String
    public let navigation: Navigation

    public init(project: LoadedProject, layout: SiteLayout, copiedFiles: Set<String>, theme: Theme) {
        self.project = project
        self.layout = layout
        self.copiedFiles = copiedFiles
        repoPathPrefix = Self.pathInRepository(project.root)
        navigation = Navigation(project: project, layout: layout, theme: theme)
    }

    /// The project root relative to the enclosing git work tree, with a trailing slash.
    static func pathInRepository(_ root: URL) -> String {
        var folder = root
        var parts: [String] = []
        for _ in 0..<32 {
            if FileIO.exists(folder.appendingPathComponent(".git").path) {
                return parts.isEmpty ? "" : parts.reversed().joined(separator: "/") + "/"
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            parts.append(folder.lastPathComponent)
            folder = parent
        }
        return ""
    }

    /// The context every layout render needs, for the page at `page`.
    public func layoutContext(page: String, title: String, pageType: String, description: String? = nil,
                              currentDocument: Int? = nil, currentKind: String? = nil) -> [String: Any] {
        var context: [String: Any] = [
            "root": ProjectPath.rootPrefix(for: page),
            "pageTitle": title,
            "siteTitle": navigation.siteTitle,
            "pageType": pageType,
            "navigation": navigation.html(depth: page.split(separator: "/").count - 1, currentDocument: currentDocument, currentKind: currentKind),
        ]
        if navigation.problemCount > 0 { context["healthProblems"] = navigation.problemCount }
        if let description, !description.isEmpty { context["description"] = description }
        if let base = project.config.baseURL { context["canonical"] = base + page }
        if let repo = project.config.repoURL { context["repoURL"] = repo }
        return context
    }
}
