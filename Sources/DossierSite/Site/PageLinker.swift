import DossierCore
import DossierMarkdown
import DossierModel
import Foundation

/// Resolves the links of one page: `.md` links to their pages, `[[ids]]` to documents and
/// schema fields, repository files to `repo_url` (or no link when there is none), all relative
/// so the site works from any sub-path and from disk.
package struct PageLinker: MarkdownLinkResolver {
    package let site: SiteContext
    /// The page being rendered (site-relative).
    package let page: String
    /// The source file (project-relative), to resolve relative links against.
    package let sourcePath: String
    /// How this page reaches the site root (`ProjectPath.rootPrefix`), made once: every link of
    /// the page starts with it, and counting the page's folders again for each one cost 2,000
    /// instructions a link (about twenty links a page).
    private let rootPrefix: String

    package init(site: SiteContext, page: String, sourcePath: String) {
        self.site = site
        self.page = page
        self.sourcePath = sourcePath
        rootPrefix = ProjectPath.rootPrefix(for: page)
    }

    /// A relative URL from this page to a site path (`ProjectPath.relativeURL(from: page, to:)`).
    package func url(_ sitePath: String) -> String {
        rootPrefix + sitePath
    }

    package func url(document index: Int, anchor: String? = nil) -> String {
        url(site.layout.pages[index]) + (anchor.map { "#" + $0 } ?? "")
    }

    package func href(for url: String, isImage: Bool) -> String? {
        if url.hasPrefix("#") || ProjectPath.hasScheme(url) || url.hasPrefix("//") { return url }
        let (filePart, fragment) = ProjectPath.splitFragment(url)
        // Foundation's decoding is costly even for a path with nothing to decode, the usual case.
        let decoded = filePart.utf8.contains(0x25) ? filePart.removingPercentEncoding ?? filePart : filePart
        guard let resolved = ProjectPath.resolve(decoded, relativeTo: ProjectPath.directory(of: sourcePath)) else {
            return nil
        }
        if let target = site.project.index.byPath[resolved] {
            return self.url(site.layout.pages[target]) + fragment
        }
        if isImage, site.copiedFiles.contains(resolved) {
            return self.url(resolved)
        }
        return repositoryURL(resolved, fragment: fragment)
    }

    /// A link to a repository file through `repo_url`, or nil (the path is shown instead).
    package func repositoryURL(_ path: String, fragment: String = "") -> String? {
        guard let repo = site.project.config.repoURL else { return nil }
        var anchor = fragment
        // GitHub and GitLab understand #L10-L20; a symbol anchor means nothing to them.
        if !anchor.isEmpty, !anchor.hasPrefix("#L") { anchor = "" }
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return "\(repo)/blob/\(site.project.config.repoBranch)/\(site.repoPathPrefix)\(encoded)\(anchor)"
    }

    /// The repository link for a code reference as written (`path`, `path#L1-L5`, `path#symbol`).
    package func repositoryURL(forReference text: String) -> String? {
        let (path, fragment) = ProjectPath.splitFragment(text)
        return repositoryURL(ProjectPath.resolve(path) ?? path, fragment: fragment)
    }

    package func wikiLink(_ target: String) -> (href: String, text: String)? {
        // Read through `site.project.index`, not a local copy of it: a copy retains and releases
        // every field of the index, on each of the thousands of links a site's pages have.
        let name = DocumentKind.splitPrefix(target).id
        if let document = site.project.index.byID[name] {
            return (url(document: document), site.project.index.documents[document].title)
        }
        if let (schema, field) = site.project.index.field(name) {
            return (url(document: schema, anchor: field.anchor), field.key)
        }
        return nil
    }
}
