import DossierCore
import Foundation

/// A body's HTML rendered while its tree is at hand (at load), with the parts that depend on the
/// page or the project left open: link and image targets, `[[wiki links]]`, raw HTML (allowed or
/// not), Graphviz diagrams, the first level-1 heading (dropped on the document's own page, kept on
/// the home page) and the tables the page replaces (a schema or runs table). `fill` closes them as
/// `HTMLRenderer.render` would have rendered them, so the page no longer parses its body again
/// (issue 15: the second cmark-gfm parse and copy were a tenth of a cold build).
///
/// An open part is a NUL byte, a kind byte, and the part's fields, each ended by a NUL. No
/// rendered text holds a NUL: a document with one is refused as binary, and `HTMLRenderer.prepare`
/// is given no body holding one.
package struct PreparedHTML: Sendable, Equatable {
    package var bytes: [UInt8]

    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The kinds of open parts, by their byte.
    enum Part: UInt8 {
        /// url, title
        case linkOpen = 0x4C  // L
        case linkClose = 0x6C  // l
        /// url, title, escaped alt text
        case image = 0x49  // I
        /// target
        case wikiLink = 0x57  // W
        /// target, label
        case labelledWikiLink = 0x56  // V
        /// raw HTML's literal
        case rawBlock = 0x52  // R
        case rawInline = 0x72  // r
        /// code, language
        case diagram = 0x47  // G
        case firstH1Start = 0x48  // H
        case firstH1End = 0x68  // h
        /// ordinal
        case table = 0x54  // T
    }

    /// Appends an open part to HTML being rendered.
    static func append(_ part: Part, _ fields: [String] = [], to out: MarkupBuffer) {
        out.put(byte: 0)
        out.put(byte: part.rawValue)
        for field in fields {
            out.put(string: field)
            out.put(byte: 0)
        }
    }

    static func fieldCount(_ part: Part) -> Int {
        switch part {
        case .linkOpen, .labelledWikiLink, .diagram: 2
        case .image: 3
        case .wikiLink, .rawBlock, .rawInline, .table: 1
        case .linkClose, .firstH1Start, .firstH1End: 0
        }
    }

    /// What closing the open parts needs besides the links.
    package struct Closing {
        package var allowRawHTML: Bool
        package var graphviz: GraphvizRenderer?
        package var dropFirstH1: Bool
        /// HTML in place of a table, by its ordinal (`HTMLRenderer.tableReplacements`): one for
        /// each table `HTMLRenderer.prepare` left open, which shows nothing without one.
        package var tableReplacements: [Int: String]

        package init(
            allowRawHTML: Bool, graphviz: GraphvizRenderer? = nil, dropFirstH1: Bool = false,
            tableReplacements: [Int: String] = [:]
        ) {
            self.allowRawHTML = allowRawHTML
            self.graphviz = graphviz
            self.dropFirstH1 = dropFirstH1
            self.tableReplacements = tableReplacements
        }
    }

    /// The HTML `HTMLRenderer.render` makes of the body with `links` and `closing`.
    package func fill(links: some MarkdownLinkResolver, closing: Closing) -> String {
        // A `MarkupBuffer`, whose String validates only the bytes around characters that are not
        // ASCII: `String(decoding:)` of the whole body validated it byte by byte from its first
        // such character on (a third of filling a body).
        let out = MarkupBuffer(capacity: bytes.count + bytes.count / 4)
        // Per open link, the end tag that closes it (`</a>`, or `</span>` for a shown path).
        var openLinks: [String] = []
        // While set, parts and HTML up to this kind's end are left out (a dropped heading).
        var skipping: Part?
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                guard let next = Self.nextNUL(buffer, from: index) else {
                    if skipping == nil { out.put(UnsafeBufferPointer(rebasing: buffer[index..<count])) }
                    break
                }
                if skipping == nil { out.put(UnsafeBufferPointer(rebasing: buffer[index..<next])) }
                // A part written by `append` is whole; a cut one ends the fill.
                guard next + 1 < count, let part = Part(rawValue: buffer[next + 1]) else { break }
                index = next + 2
                var fields: [String] = []
                for _ in 0..<Self.fieldCount(part) {
                    // A field cut short (never written so) reads as empty rather than past the end.
                    index = min(index, count)
                    let end = Self.nextNUL(buffer, from: index) ?? count
                    fields.append(String(decoding: buffer[index..<end], as: UTF8.self))
                    index = end + 1
                }
                if let skipped = skipping {
                    if skipped == part { skipping = nil }
                    continue
                }
                let html = close(
                    part, fields, links: links, closing: closing, openLinks: &openLinks, skipping: &skipping)
                out.put(string: html)
            }
        }
        return out.string
    }

    private static func nextNUL(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + start, 0, buffer.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// One open part's HTML, as `HTMLRenderer` renders it.
    private func close(
        _ part: Part, _ fields: [String], links: some MarkdownLinkResolver, closing: Closing,
        openLinks: inout [String], skipping: inout Part?
    ) -> String {
        switch part {
        case .linkOpen:
            let tags = PagePartHTML.link(url: fields[0], title: fields[1], links: links)
            openLinks.append(tags.end)
            return tags.start
        case .linkClose:
            return openLinks.popLast() ?? "</a>"
        case .image:
            return PagePartHTML.image(url: fields[0], title: fields[1], alt: fields[2], links: links)
        case .wikiLink:
            return PagePartHTML.wikiLink(target: fields[0], label: nil, links: links)
        case .labelledWikiLink:
            return PagePartHTML.wikiLink(target: fields[0], label: fields[1], links: links)
        case .rawBlock, .rawInline:
            return PagePartHTML.raw(fields[0], block: part == .rawBlock, allowed: closing.allowRawHTML)
        case .diagram:
            return DiagramBlock.html(fields[0], language: fields[1], graphviz: closing.graphviz) ?? ""
        case .firstH1Start:
            if closing.dropFirstH1 { skipping = .firstH1End }
            return ""
        case .table:
            return Int(fields[0]).flatMap { closing.tableReplacements[$0] } ?? ""
        case .firstH1End:
            return ""
        }
    }
}
