import Foundation
import Mustache

/// `layout.mustache`, the shell around every page, split once into static text and slots, so
/// ten thousand pages are filled in by copying instead of by swift-mustache's dynamic lookups.
///
/// The split is found by rendering the theme's own layout (a user's override included) with a
/// marker in each per-page value: whatever the template does around a value stays static text,
/// and a marker shows where the value goes and whether it was escaped. A template that does
/// anything else with a value (a transform, a lambda, its length) gives no recognisable
/// markers, or different text for two different markers, and then pages render through
/// Mustache as before. Values that decide sections (present or not) and those that take few
/// values (root, page type) are part of the shape a split is kept for.
package final class LayoutShell: @unchecked Sendable {
    /// Renders the layout as the theme does (compiled or swift-mustache, the same bytes).
    private let renderLayout: @Sendable (LayoutView) -> String?
    private let lock = NSLock()
    /// Splits by shape; nil where the layout cannot be split.
    private var splits: [Shape: Split] = [:]

    package init(render: @escaping @Sendable (LayoutView) -> String?) {
        renderLayout = render
    }

    /// The layout of `library`, rendered through swift-mustache.
    package convenience init(library: MustacheLibrary) {
        self.init(render: { library.render($0, withTemplate: "layout") })
    }

    /// The per-page values that fill slots.
    enum Slot: Int, CaseIterable {
        case pageTitle, navigation, description, canonical, content
    }

    enum Piece: Equatable {
        case text(String)
        case slot(Slot, escaped: Bool)
    }

    struct Split {
        var pieces: [Piece]?
    }

    /// What, besides the slots' values, the layout's output depends on.
    struct Shape: Hashable {
        var root: String
        var siteTitle: String
        var pageType: String
        var healthProblems: Int?
        var repoURL: String?
        var hasDescription: Bool
        var hasCanonical: Bool

        init(_ view: LayoutView) {
            root = view.root
            siteTitle = view.siteTitle
            pageType = view.pageType
            healthProblems = view.healthProblems
            repoURL = view.repoURL
            hasDescription = view.description != nil
            hasCanonical = view.canonical != nil
        }
    }

    /// The layout around `view`, exactly as Mustache renders it; nil when the layout cannot be
    /// split (the caller then renders through Mustache).
    package func render(_ view: LayoutView) -> String? {
        // A marker is never empty; an empty value might be treated differently (`empty` transform).
        guard !view.pageTitle.isEmpty, !view.navigation.isEmpty, !view.content.isEmpty,
            view.description?.isEmpty != true, view.canonical?.isEmpty != true
        else { return nil }
        let shape = Shape(view)
        let split: Split
        if let known = lock.withLock({ splits[shape] }) {
            split = known
        } else {
            split = Split(pieces: Self.split(view, render: renderLayout))
            lock.withLock { splits[shape] = split }
        }
        guard let pieces = split.pieces else { return nil }
        var out = ""
        out.reserveCapacity(view.content.utf8.count + view.navigation.utf8.count + 4096)
        for piece in pieces {
            switch piece {
            case let .text(text): out += text
            case let .slot(slot, escaped):
                let value = Self.value(slot, of: view) ?? ""
                out += escaped ? MustacheEscaping.escape(value) : value
            }
        }
        return out
    }

    static func value(_ slot: Slot, of view: LayoutView) -> String? {
        switch slot {
        case .pageTitle: view.pageTitle
        case .navigation: view.navigation
        case .description: view.description
        case .canonical: view.canonical
        case .content: view.content
        }
    }

    static let open = "\u{F8F0}"
    static let close = "\u{F8F1}"

    /// Letters of both cases (a case transform changes them), an ampersand (escaping shows),
    /// and a length that differs between the two variants (a length-dependent template shows).
    static func marker(_ slot: Slot, variant: Int) -> String {
        open + "mK" + String(slot.rawValue) + String(repeating: "vW", count: variant) + "&" + close
    }

    /// The layout's pieces for views of `view`'s shape, or nil when two renders with different
    /// markers do not agree on them.
    static func split(_ view: LayoutView, render: (LayoutView) -> String?) -> [Piece]? {
        var found: [[Piece]] = []
        for variant in 0..<2 {
            var probe = view
            probe.pageTitle = marker(.pageTitle, variant: variant)
            probe.navigation = marker(.navigation, variant: variant)
            probe.content = marker(.content, variant: variant)
            if view.description != nil { probe.description = marker(.description, variant: variant) }
            if view.canonical != nil { probe.canonical = marker(.canonical, variant: variant) }
            guard let text = render(probe),
                let pieces = parse(text, variant: variant)
            else { return nil }
            found.append(pieces)
        }
        return found[0] == found[1] ? found[0] : nil
    }

    /// Splits rendered text at the markers; nil when an opening marker is not one of them.
    static func parse(_ text: String, variant: Int) -> [Piece]? {
        var forms: [(String, Piece)] = []
        for slot in Slot.allCases {
            let raw = marker(slot, variant: variant)
            forms.append((raw, .slot(slot, escaped: false)))
            forms.append((raw.replacingOccurrences(of: "&", with: "&amp;"), .slot(slot, escaped: true)))
        }
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            if start.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<start.lowerBound]))) }
            let tail = rest[start.lowerBound...]
            guard let (form, piece) = forms.first(where: { tail.hasPrefix($0.0) }) else { return nil }
            pieces.append(piece)
            rest = tail.dropFirst(form.count)
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }
}
