import Foundation
import Mustache

/// swift-mustache's library of a theme's templates, parsed only when first needed: a template
/// the compiled engine cannot render, a layout it cannot split, or a test comparing the engines.
/// With the default theme every template compiles, and a build parses no template twice.
package final class MustacheFallback: @unchecked Sendable {
    /// Template name → text without the content-type prefix.
    private let texts: [String: String]
    private let lock = NSLock()
    private var parsed: [String: MustacheTemplate]
    private var built: MustacheLibrary?
    private var parses = 0

    /// `texts` by name; `parsed` holds the templates already parsed (those checked at load).
    init(texts: [String: String], parsed: [String: MustacheTemplate], parses: Int) {
        self.texts = texts
        self.parsed = parsed
        self.parses = parses
    }

    /// Parses `text` as the theme does (with Dossier's HTML content type).
    static func parse(_ text: String) throws -> MustacheTemplate {
        try MustacheTemplate(string: DossierHTMLContentType.prefixed(text))
    }

    /// The library of every template; the theme checked at load that each one parses.
    package var library: MustacheLibrary {
        lock.withLock {
            if let built { return built }
            for name in texts.keys.sorted() where parsed[name] == nil {
                parses += 1
                // Compiled templates parse in swift-mustache too (the compiler is its parser, ported).
                parsed[name] = try? Self.parse(texts[name]!)
            }
            let library = MustacheLibrary(templates: parsed)
            built = library
            return library
        }
    }

    /// How many templates swift-mustache has parsed so far (for tests).
    package var parseCount: Int { lock.withLock { parses } }
}
