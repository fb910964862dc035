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

    /// cmark-gfm edits process-wide state while parsing with extensions; without the lock,
    /// parallel parses produce wrong trees (about one in five with 8 threads, STYLE.md).
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
        // The trees are copied out of cmark-gfm after the lock is released: copies made in
        // parallel equal serial ones, lines and columns included.
        let serialTrees = documents.map { CMarkParser.parse($0) }
        for _ in 0..<4 {
            let parallelTrees: [MarkdownNode] = documents.parallelMap { CMarkParser.parse($0) }
            #expect(parallelTrees == serialTrees)
        }
    }

    @Test func keepsSourceLines() {
        let root = CMarkParser.parse("para\n\n## Heading\n\ntext [[x]]\n")
        let analysis = MarkdownAnalysis(root, lineOffset: 10)
        #expect(analysis.headings.first?.line == 13)
        #expect(analysis.wikiLinks.first?.line == 15)
    }
}
