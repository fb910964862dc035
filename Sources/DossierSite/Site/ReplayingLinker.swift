import DossierMarkdown

/// Links that give the answers a page's body was given when it last rendered
/// (`BodyRecording`), so a body edited in its prose alone fills as it would among the whole site.
/// A question never asked then is answered with nothing and marks the linker `missed`: the
/// caller then renders the site in full instead.
package struct ReplayingLinker: MarkdownLinkResolver {
    private let answers: [BodyRecording.Question: BodyRecording.Answer]
    private let misses = Misses()

    private final class Misses: @unchecked Sendable {
        var any = false
    }

    package init(answers: [BodyRecording.Question: BodyRecording.Answer]) {
        self.answers = answers
    }

    /// Whether a question had no recorded answer.
    package var missed: Bool { misses.any }

    package func href(for url: String, isImage: Bool) -> String? {
        guard case let .href(answer)? = answers[.href(url: url, isImage: isImage)] else {
            misses.any = true
            return nil
        }
        return answer
    }

    package func wikiLink(_ target: String) -> (href: String, text: String)? {
        switch answers[.wikiLink(target: target)] {
        case let .wikiLink(href, text)?: return (href, text)
        case .unresolved?: return nil
        default:
            misses.any = true
            return nil
        }
    }
}
