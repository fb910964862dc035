/// The previous/next and page-number links of a catalog split over several pages. Only a window
/// of page numbers around the current one is listed (with the first and the last), so a page's
/// size stays bounded however many pages the catalog has.
package struct CatalogPager: TemplateObject, Sendable {
    /// A page number, or a gap (`…`) between numbers that are not adjacent.
    package struct Link: TemplateObject, Sendable {
        package var number: Int
        package var href: String
        package var current: Bool
        package var gap: Bool

        package func value(_ name: TemplateName) -> TemplateValue? {
            // Every key on every level, false included: Mustache would otherwise look a missing
            // key up in the enclosing context.
            switch name {
            case .number: .int(number)
            case .href: .string(href)
            case .current: .bool(current)
            case .gap: .bool(gap)
            default: nil
            }
        }
    }

    /// 1-based.
    package var page: Int
    package var pageCount: Int
    /// The first and last row of this page, 1-based, of `total`.
    package var firstRow: Int
    package var lastRow: Int
    package var total: Int
    package var previous: String?
    package var next: String?
    package var links: [Link]

    /// Page numbers within this distance of the current page are listed.
    package static let window = 2

    /// `href(n)` is the relative URL of page `n` (1-based).
    package init(page: Int, pageCount: Int, firstRow: Int, lastRow: Int, total: Int, href: (Int) -> String) {
        self.page = page
        self.pageCount = pageCount
        self.firstRow = firstRow
        self.lastRow = lastRow
        self.total = total
        previous = page > 1 ? href(page - 1) : nil
        next = page < pageCount ? href(page + 1) : nil
        links = []
        var last = 0
        for number in Self.numbers(page: page, pageCount: pageCount) {
            if number > last + 1 { links.append(Link(number: 0, href: "", current: false, gap: true)) }
            links.append(Link(number: number, href: href(number), current: number == page, gap: false))
            last = number
        }
    }

    /// The page numbers listed on page `page`: the first, the last and the window around `page`.
    package static func numbers(page: Int, pageCount: Int) -> [Int] {
        guard pageCount > 0 else { return [] }
        let low = max(1, page - window)
        let high = min(pageCount, page + window)
        var numbers = Set(low...high)
        numbers.insert(1)
        numbers.insert(pageCount)
        return numbers.sorted()
    }

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .page: .int(page)
        case .pageCount: .int(pageCount)
        case .firstRow: .int(firstRow)
        case .lastRow: .int(lastRow)
        case .total: .int(total)
        case .previous: .optional(previous)
        case .next: .optional(next)
        case .links: .list(links)
        default: nil
        }
    }
}
