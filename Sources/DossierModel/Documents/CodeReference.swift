import DossierCore

/// A reference from a document to a repository file (SPEC 1.5): `path`, `path#L10-L20` or `path#symbol`.
package struct CodeReference: Sendable, Hashable, Codable {
    package enum Anchor: Sendable, Hashable, Codable {
        case whole
        case lines(Int, Int)
        case symbol(String)
    }

    /// Relative to the project root, normalized (no `./`, no `..`).
    package var path: String
    package var anchor: Anchor
    /// Where the reference is written.
    package var location: SourceLocation

    package init(path: String, anchor: Anchor, location: SourceLocation) {
        self.path = path
        self.anchor = anchor
        self.location = location
    }

    /// The reference as a user writes it.
    package var text: String {
        switch anchor {
        case .whole: path
        case let .lines(a, b): a == b ? "\(path)#L\(a)" : "\(path)#L\(a)-L\(b)"
        case let .symbol(s): "\(path)#\(s)"
        }
    }
}
