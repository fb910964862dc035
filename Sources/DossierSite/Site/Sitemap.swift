import DossierCore
import Foundation

/// `sitemap.xml` for search engines, only when `base_url` gives absolute URLs.
///
/// The sitemap protocol allows 50,000 URLs and 50 MB per file. A site within that has one
/// `sitemap.xml` listing every page, as it always had. A larger site's `sitemap.xml` is a
/// sitemap index naming `sitemap-1.xml`, `sitemap-2.xml`, … which hold the pages: the one URL
/// a site owner submits (and `robots.txt` names) stays `sitemap.xml` whatever the site's size,
/// and crawlers accept an index wherever a sitemap may be.
package enum Sitemap {
    /// The URL that crawlers are given: a sitemap, or the index of several.
    package static let path = "sitemap.xml"
    /// The protocol's limit of URLs per sitemap file (sitemaps.org).
    package static let maxURLsPerFile = 50_000
    /// The protocol's limit of bytes per (uncompressed) sitemap file; reached only by very long URLs.
    package static let maxBytesPerFile = 50 * 1024 * 1024

    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private static let namespace = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""

    /// The path of the `number`th (1-based) sitemap of a split site.
    package static func partPath(_ number: Int) -> String { "sitemap-\(number).xml" }

    /// The sitemap files of `pages` (site-relative), sorted by path: `sitemap.xml` alone, or the
    /// index and its parts. The limits are parameters only so that tests can split small sites.
    package static func files(
        baseURL: String, pages: [String], maxURLs: Int = maxURLsPerFile, maxBytes: Int = maxBytesPerFile
    ) -> [SiteFile] {
        let parts = split(baseURL: baseURL, pages: pages.sorted(), maxURLs: max(1, maxURLs), maxBytes: maxBytes)
        if parts.count <= 1 {
            return [SiteFile(path: path, text: urlset(parts.first ?? []))]
        }
        var index = header + "<sitemapindex \(namespace)>\n"
        var files: [SiteFile] = []
        for (offset, part) in parts.enumerated() {
            let name = partPath(offset + 1)
            index += "  <sitemap><loc>\(HTML.escape(baseURL + name))</loc></sitemap>\n"
            files.append(SiteFile(path: name, text: urlset(part)))
        }
        index += "</sitemapindex>\n"
        files.append(SiteFile(path: path, text: index))
        return files.sorted { $0.path < $1.path }
    }

    /// `robots.txt` naming the sitemap, when the site is at its host's root: crawlers read
    /// `robots.txt` only there, so a site under a path (`https://org.github.io/repo/`) gets none.
    package static func robots(baseURL: String) -> SiteFile? {
        guard let url = URL(string: baseURL), url.host != nil, url.path.isEmpty || url.path == "/" else { return nil }
        return SiteFile(
            path: "robots.txt", text: "User-agent: *\nDisallow:\n\nSitemap: \(baseURL + path)\n")
    }

    /// The `<url>` lines of each file, in page order, none over either limit.
    private static func split(baseURL: String, pages: [String], maxURLs: Int, maxBytes: Int) -> [[String]] {
        // What a file holds besides its lines: the header, the open and the close tag.
        let overhead = urlset([]).utf8.count
        var parts: [[String]] = []
        var current: [String] = []
        var bytes = overhead
        for page in pages {
            let line = "  <url><loc>\(HTML.escape(baseURL + page))</loc></url>\n"
            let size = line.utf8.count
            if !current.isEmpty && (current.count >= maxURLs || bytes + size > maxBytes) {
                parts.append(current)
                current = []
                bytes = overhead
            }
            current.append(line)
            bytes += size
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    private static func urlset(_ lines: [String]) -> String {
        var out = header + "<urlset \(namespace)>\n"
        out.reserveCapacity(out.utf8.count + lines.reduce(0) { $0 + $1.utf8.count } + 10)
        for line in lines { out += line }
        out += "</urlset>\n"
        return out
    }
}
