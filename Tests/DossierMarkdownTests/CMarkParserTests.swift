@testable import DossierMarkdown
import Foundation
import Testing

@Suite struct CMarkParserTests {
    @Test func parsesGitHubExtensions() {
        let root = CMarkParser.parse(
            """
            | a | b |
            |:--|--:|
            | 1 | 2 |

            ~~gone~~ https://example.org

            - [x] done
            - [ ] todo

            Note[^1].

            [^1]: The footnote.
            """)
        var kinds: [String] = []
        root.walk { node in kinds.append("\(node.kind)".components(separatedBy: "(").first!) }
        #expect(kinds.contains("table"))
        #expect(kinds.contains("strikethrough"))
        #expect(kinds.contains("link"))
        #expect(kinds.contains("footnoteReference"))
        #expect(kinds.contains("footnoteDefinition"))
        var tasks: [Bool?] = []
        root.walk { node in if case let .item(task) = node.kind { tasks.append(task) } }
        #expect(tasks == [true, false])
        var alignments: [Character?] = []
        root.walk { node in if case let .table(a) = node.kind { alignments = a } }
        #expect(alignments == ["l", "r"])
    }

    @Test func mergesTextSoWikiLinksStayWhole() {
        let root = CMarkParser.parse("See [[penguins.species|the target]] and [[model]].")
        let analysis = MarkdownAnalysis(root)
        #expect(analysis.wikiLinks.map(\.target) == ["penguins.species", "model"])
        #expect(analysis.wikiLinks.map(\.label) == ["the target", nil])
    }

    /// cmark-gfm edits a process-wide table of special characters while parsing with extensions;
    /// parsed in parallel without `CMarkParser`'s set-up and finish lock, these texts (all with a
    /// `~`) gave wrong trees (about one in five with 8 threads, STYLE.md).
    @Test func parallelParsesMatchSerialOnes() {
        let documents = (0..<64).map { i in
            """
            # Title \(i)

            | key | type |
            |-----|------|
            | f\(i) | integer |

            Some *emphasis*, `code`, ~~strike~~ and a link to https://example.org/\(i).

            - [x] task \(i)
            """
        }
        let renderer = HTMLRenderer()
        struct NoLinks: MarkdownLinkResolver {
            func href(for url: String, isImage: Bool) -> String? { url }
            func wikiLink(_ target: String) -> (href: String, text: String)? { nil }
        }
        let serial = documents.map { renderer.render(CMarkParser.parse($0), links: NoLinks()) }
        for _ in 0..<4 {
            let parallel: [String] = documents.parallelMap { renderer.render(CMarkParser.parse($0), links: NoLinks()) }
            #expect(parallel == serial)
        }
        // The trees are copied out of cmark-gfm outside any lock: copies made in parallel equal
        // serial ones, lines and columns included.
        let serialTrees = documents.map { CMarkParser.parse($0) }
        for _ in 0..<4 {
            let parallelTrees: [MarkdownNode] = documents.parallelMap { CMarkParser.parse($0) }
            #expect(parallelTrees == serialTrees)
        }
    }

    /// Only texts holding a `~` attach strikethrough, and only those finish under the lock: the
    /// others never read the `~` entries of cmark-gfm's shared table of special characters.
    @Test func onlyTextsWithATildeAttachStrikethrough() {
        func uses(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { CMarkParser.usesStrikethrough($0) }
        }
        #expect(!uses(""))
        #expect(!uses("Plain *text*, www.example.org and a@b.org: no tilde."))
        #expect(uses("~~gone~~"))
        #expect(uses("a path like ~/data"))
        // Strikethrough still works once many texts without a tilde were parsed.
        for i in 0..<50 { _ = CMarkParser.parse("text \(i) with https://example.org/\(i)") }
        var struck = false
        CMarkParser.parse("~~gone~~ and ~~this~~").walk { node in
            if case .strikethrough = node.kind { struck = true }
        }
        #expect(struck)
    }

    /// Autolink's `:` and `w` stay special characters for every parse, autolink attached or not:
    /// they end text runs early, and the copy merges the runs again, so text is unchanged.
    @Test func textIsWholeWhetherOrNotAutolinkIsAttached() {
        let line = "wow: twelve words with w and colons: www example"
        let crowded = line + "\n\n" + String(repeating: "<http://a", count: 3_000) + "\n"
        let (root, notes) = CMarkParser.parseReporting(crowded)
        #expect(notes.map(\.rule) == ["markdown.too-dense"])
        let paragraph = root.children.first
        #expect(paragraph?.children.count == 1)
        #expect(paragraph?.children.first?.literal == line)
        let plain = CMarkParser.parse(line)
        #expect(plain.children.first?.children.count == 1)
        #expect(plain.children.first?.children.first?.literal == line)
    }

    /// Texts with and without a tilde, with and without autolink, parsed on several threads at
    /// once give the trees they give one at a time (scripts/tsan-check.sh runs the same mix under
    /// Thread Sanitizer).
    @Test func mixedParallelParsesMatchSerialOnes() {
        let crowded = String(repeating: "<http://a", count: 2_500) + "\n"
        let documents = (0..<96).map { i -> String in
            switch i % 4 {
            case 0: return "# T\(i)\n\n~~strike \(i)~~ *em*~ and _x_~~y~~ www.example.org/\(i)\n"
            case 1: return "# T\(i)\n\nwww.example.org/\(i), mail a\(i)@example.org, *w*: _w_ http://x.org\n"
            case 2: return "| a | b |\n|---|---|\n| w:\(i) | **bold**w |\n\n- [x] http://w.org/\(i)\n"
            default: return "words w: \(i) www.example.org\n\n" + (i % 8 == 3 ? crowded : "~tilde~ w:\n")
            }
        }
        let serial = documents.map { CMarkParser.parseReporting($0).root }
        for _ in 0..<4 {
            let parallel: [MarkdownNode] = documents.parallelMap { CMarkParser.parseReporting($0).root }
            #expect(parallel == serial)
        }
    }

    @Test func keepsSourceLines() {
        let root = CMarkParser.parse("para\n\n## Heading\n\ntext [[x]]\n")
        let analysis = MarkdownAnalysis(root, lineOffset: 10)
        #expect(analysis.headings.first?.line == 13)
        #expect(analysis.wikiLinks.first?.line == 15)
    }
}
