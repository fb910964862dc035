import DossierCore

/// `sitemap.xml` for search engines, only when `base_url` gives absolute URLs.
package enum Sitemap {
    package static func xml(baseURL: String, pages: [String]) -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() {
            out += "  <url><loc>\(HTML.escape(baseURL + page))</loc></url>\n"
        }
        out += "</urlset>\n"
        return out
    }
}
