import DossierCore

/// A reference from one document to another, as written in front matter or the body.
package struct DocumentReference: Sendable, Hashable {
    /// The front-matter key (`schemas`, `target`…) or `body` for `[[…]]` and `.md` links.
    package var key: String
    /// The id as written, without a `kind:` prefix; may name a schema field (`schema.column`).
    package var target: String
    /// The kind named by a `kind:id` prefix.
    package var kindHint: DocumentKind?
    /// For `.md` links: the linked file's path relative to the project root (resolved by path).
    package var path: String?
    /// For `.md` links with `#anchor`: the heading id to check on the target page.
    package var anchor: String?
    package var location: SourceLocation
}

/// A code or data reference as written, before it is checked against the files.
package struct WrittenCodeReference: Sendable, Hashable {
    /// `code`, `implements`, `body`, or the key of a data file (`sample`, `requirements`…).
    package var key: String
    /// Relative to the project root (body links are already resolved against the document's folder).
    package var text: String
    package var location: SourceLocation
}
