import DossierCore
import DossierMarkdown
import Foundation

/// The bodies a build's load rendered while their trees were at hand (`PreparedHTML`), read back
/// when their pages render, so no page parses its body again: the second cmark-gfm parse and its
/// copy into `MarkdownNode` values were a tenth of a cold build's instructions (issue 15).
///
/// Held from the load to the last page they are bigger than the bodies' text (24 MB at 10,000
/// documents, at the cold build's peak), so they are written to a file of this build's own,
/// unlinked as soon as it is made (nothing in the project is written, nothing is left behind),
/// and only where each one lies is kept. A body that could not be written is not kept: its page
/// parses its text as before.
package final class PreparedBodies: @unchecked Sendable {
    /// A body as the page needs it.
    package struct Body: Equatable, Sendable {
        package var html: PreparedHTML
        /// The schema table's description cells, by their row's line (`SchemaDescriptionCells`).
        package var descriptionCells: [Int: PreparedHTML]

        package init(html: PreparedHTML, descriptionCells: [Int: PreparedHTML] = [:]) {
            self.html = html
            self.descriptionCells = descriptionCells
        }

        /// The body of `document`, parsed as `tree`, rendered with its heading ids; its schema and
        /// runs tables are left to the page, which replaces them.
        package init(tree: MarkdownNode, document: Document) {
            let replaced = Set([document.schemaTableOrdinal, document.runsTableOrdinal].compactMap { $0 })
            html = HTMLRenderer(headingIDs: document.analysis.headings.map(\.id)).prepare(tree, leavingTables: replaced)
            // Description cells render like body text (`DocumentPage.bodyHTML`).
            descriptionCells = SchemaDescriptionCells.of(document, body: tree).mapValues { HTMLRenderer().prepare($0) }
        }

        /// Cells first, in line order (`MemoWriter`: count; each: line, bytes), then the body's bytes.
        func encoded() -> [UInt8] {
            var out = MemoWriter()
            out.bytes.reserveCapacity(html.bytes.count + 16)
            out.count(descriptionCells.count)
            for line in descriptionCells.keys.sorted() {
                out.integer(line)
                out.raw(descriptionCells[line]!.bytes)
            }
            out.bytes += html.bytes
            return out.bytes
        }

        init?(decoding bytes: [UInt8]) {
            let decoded: Body? = bytes.withUnsafeBufferPointer { buffer in
                var reader = MemoReader(buffer)
                do {
                    var cells: [Int: PreparedHTML] = [:]
                    for _ in 0..<(try reader.count()) {
                        let line = try reader.integer()
                        cells[line] = PreparedHTML(bytes: try reader.raw())
                    }
                    return Body(html: PreparedHTML(bytes: Array(buffer[reader.offset...])), descriptionCells: cells)
                } catch {
                    return nil
                }
            }
            guard let decoded else { return nil }
            self = decoded
        }
    }

    private let fd: Int32
    private let lock = NSLock()
    private var end = 0
    private var kept: [String: (offset: Int, length: Int)] = [:]

    /// A store with a file of its own in the temporary folder; nil when none can be made (the
    /// pages then parse their bodies).
    package init?() {
        let template = NSTemporaryDirectory() + "/dossier-bodies-XXXXXX"
        var name = Array(template.utf8CString)
        let made = name.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard made >= 0 else { return nil }
        // Gone from the folder at once: the descriptor keeps it until this store is released.
        name.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        fd = made
    }

    deinit {
        close(fd)
    }

    /// Writes the body of the document at `path`; false when it could not be written.
    @discardableResult
    package func keep(_ body: Body, for path: String) -> Bool {
        let bytes = body.encoded()
        let offset = lock.withLock {
            let offset = end
            end += bytes.count
            return offset
        }
        let written = bytes.withUnsafeBytes { ProjectFiles.writeExactly(fd, $0, at: offset) }
        guard written else { return false }
        lock.withLock { kept[path] = (offset, bytes.count) }
        return true
    }

    /// Whether the body of the document at `path` was kept.
    package func holds(_ path: String) -> Bool {
        lock.withLock { kept[path] != nil }
    }

    /// The body kept for the document at `path`; nil when none was, or it cannot be read back.
    package func body(of path: String) -> Body? {
        guard let (offset, length) = lock.withLock({ kept[path] }) else { return nil }
        return ProjectFiles.readExactly(fd, count: length, at: offset).flatMap(Body.init(decoding:))
    }
}
