import DossierMarkdown

/// What one document page's body asked of its page's links while it rendered, and where the body
/// lies in the page (`BodyLocator`): a later build after an edit of that document's prose alone
/// fills the new body with the same answers and puts it in place of the old one
/// (`ProseEdit`), without the rest of the site in memory.
///
/// Written by one rendering thread, read once the page is done.
package final class BodyRecording: @unchecked Sendable {
    /// The answers the body's links were given, by question (`href` of a URL as link or image,
    /// or a `[[wiki link]]`'s target).
    package private(set) var answers: [Question: Answer] = [:]
    /// Where the body lies in the page, once the page rendered.
    package var locator: BodyLocator?

    package init() {}

    /// A question a body asks of its page's links.
    package enum Question: Hashable, Sendable {
        case href(url: String, isImage: Bool)
        case wikiLink(target: String)
    }

    /// An answer (a nil `href`, or `unresolved`: the link resolves to nothing).
    package enum Answer: Equatable, Sendable {
        case href(String?)
        case wikiLink(href: String, text: String)
        case unresolved
    }

    func record(_ question: Question, _ answer: Answer) {
        answers[question] = answer
    }

    /// `links`, with every answer it gives kept in `recording`.
    struct Recorder<Links: MarkdownLinkResolver>: MarkdownLinkResolver {
        let links: Links
        let recording: BodyRecording

        func href(for url: String, isImage: Bool) -> String? {
            let answer = links.href(for: url, isImage: isImage)
            recording.record(.href(url: url, isImage: isImage), .href(answer))
            return answer
        }

        func wikiLink(_ target: String) -> (href: String, text: String)? {
            let answer = links.wikiLink(target)
            recording.record(
                .wikiLink(target: target), answer.map { .wikiLink(href: $0.href, text: $0.text) } ?? .unresolved)
            return answer
        }
    }
}
