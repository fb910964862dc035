import DossierCore
import DossierMarkdown

/// What one document page's body asked of its page's links while it rendered, and where the body
/// lies in the page (`BodyLocator`): a later build after an edit of that document's prose alone
/// fills the new body with the same answers and puts it in place of the old one
/// (`ProseEdit`), without the rest of the site in memory.
///
/// The answers are encoded as they are given (a page asks the same questions in the same order
/// every time it renders), and once the page rendered only its encoded record is kept: a cold
/// build holds a few hundred bytes a page, not a table. Written by one rendering thread, read
/// once the page is done.
package final class BodyRecording: @unchecked Sendable {
    /// The page's cache key.
    private let key: String
    private var answers = MemoWriter()
    private var count = 0
    /// The page's `ProseEditState.Record`, encoded, once its body rendered (`finish`).
    package private(set) var record: [UInt8]?

    /// The recording of the page cached under `key`.
    package init(key: String) {
        self.key = key
    }

    /// Ends the recording of a page whose body is `body`: only the encoded record is kept.
    func finish(body: String) {
        record = ProseEditState.Record(key: key, locator: BodyLocator(body: body), answerBytes: encodedAnswers)
            .encoded()
        answers = MemoWriter()
    }

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
        Self.encode(question, answer, into: &answers)
        count += 1
    }

    /// The answers given so far, encoded as `answers(from:)` reads them.
    var encodedAnswers: [UInt8] {
        var out = MemoWriter()
        out.count(count)
        out.bytes += answers.bytes
        return out.bytes
    }

    static func encode(_ question: Question, _ answer: Answer, into out: inout MemoWriter) {
        switch question {
        case let .href(url, isImage):
            out.integer(isImage ? 1 : 0)
            out.string(url)
        case let .wikiLink(target):
            out.integer(2)
            out.string(target)
        }
        switch answer {
        case let .href(href):
            out.integer(0)
            out.optionalString(href)
        case let .wikiLink(href, text):
            out.integer(1)
            out.string(href)
            out.string(text)
        case .unresolved:
            out.integer(2)
        }
    }

    /// The answers `encodedAnswers` holds, by question; nil when the bytes do not read back whole.
    static func answers(from bytes: [UInt8]) -> [Question: Answer]? {
        bytes.withUnsafeBufferPointer { buffer in
            do throws(MemoReader.Malformed) {
                var reader = MemoReader(buffer)
                var answers: [Question: Answer] = [:]
                for _ in 0..<(try reader.count(minimumBytes: 2)) {
                    let question: Question
                    switch try reader.integer() {
                    case 0: question = .href(url: try reader.string(), isImage: false)
                    case 1: question = .href(url: try reader.string(), isImage: true)
                    case 2: question = .wikiLink(target: try reader.string())
                    default: throw MemoReader.Malformed()
                    }
                    switch try reader.integer() {
                    case 0: answers[question] = .href(try reader.optionalString())
                    case 1: answers[question] = .wikiLink(href: try reader.string(), text: try reader.string())
                    case 2: answers[question] = .unresolved
                    default: throw MemoReader.Malformed()
                    }
                }
                return reader.atEnd ? answers : nil
            } catch {
                return nil
            }
        }
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
