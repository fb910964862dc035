/// How large the pages that list the whole site may grow: rows per catalog page and URLs per
/// sitemap. The defaults are the site's; tests pass small ones to split small projects.
package struct SiteLimits: Sendable {
    package var catalogRowsPerPage: Int
    package var sitemapURLsPerFile: Int

    package init(
        catalogRowsPerPage: Int = CatalogPage.rowsPerPage, sitemapURLsPerFile: Int = Sitemap.maxURLsPerFile
    ) {
        self.catalogRowsPerPage = catalogRowsPerPage
        self.sitemapURLsPerFile = sitemapURLsPerFile
    }
}
