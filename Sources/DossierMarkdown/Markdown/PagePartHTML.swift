import DossierCore

/// The HTML of a body's parts that depend on the page or the project: links, images, wiki links
/// and raw HTML. `HTMLRenderer.render` writes them as it meets them; `PreparedHTML.fill` writes
/// them later into a body rendered at load. Both call these, so the two stay the same page.
enum PagePartHTML {
    /// A link's start tag and the end tag that closes it: a link, or for a repository file with no
    /// `repo_url` to link through, its path shown instead.
    static func link(url: String, title: String, links: some MarkdownLinkResolver) -> (start: String, end: String) {
        guard let href = links.href(for: url, isImage: false) else {
            return ("<span class=\"repo-path\" title=\"" + HTML.escape(url) + "\">", "</span>")
        }
        var start = "<a href=\"" + HTML.escape(href) + "\""
        if !title.isEmpty { start += " title=\"" + HTML.escape(title) + "\"" }
        return (start + ">", "</a>")
    }

    /// An image, or its escaped `alt` text when it has nowhere to load from.
    static func image(url: String, title: String, alt: String, links: some MarkdownLinkResolver) -> String {
        guard let src = links.href(for: url, isImage: true) else { return alt }
        var out = "<img src=\"" + HTML.escape(src) + "\" alt=\"\(alt)\""
        if !title.isEmpty { out += " title=\"" + HTML.escape(title) + "\"" }
        return out + " loading=\"lazy\">"
    }

    /// A `[[wiki link]]` to `target`, shown as `label` when it has one; marked broken when it
    /// resolves to no document.
    static func wikiLink(target: String, label: String?, links: some MarkdownLinkResolver) -> String {
        if let resolved = links.wikiLink(target) {
            return "<a class=\"xref\" href=\"\(HTML.escape(resolved.href))\">\(HTML.escape(label ?? resolved.text))</a>"
        }
        return "<span class=\"xref-broken\" title=\"unresolved reference\">\(HTML.escape(label ?? target))</span>"
    }

    /// Raw HTML, sanitized when the project allows it, else a comment saying it was left out.
    static func raw(_ literal: String, block: Bool, allowed: Bool) -> String {
        allowed ? HTMLSanitizer.sanitize(literal) : block ? "<!-- raw HTML omitted -->\n" : "<!-- raw HTML omitted -->"
    }
}
