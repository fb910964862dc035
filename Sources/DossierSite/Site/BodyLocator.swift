import DossierCore

/// Where a document's body lies in its rendered page, told by its length and its first and last
/// bytes rather than by an offset, so it is made from the body alone while the page renders. A
/// page holds its body at exactly one place the locator fits; a page where it fits at none or at
/// several is not spliced (`ProseEdit`).
package struct BodyLocator: Equatable, Sendable {
    /// Bytes kept from each end of the body.
    static let edgeBytes = 64

    package var length: Int
    /// The body's first bytes (all of it when it is short).
    package var head: [UInt8]
    /// The body's last bytes (none when `head` holds it all).
    package var tail: [UInt8]

    package init(length: Int, head: [UInt8], tail: [UInt8]) {
        self.length = length
        self.head = head
        self.tail = tail
    }

    /// The locator of `body`.
    package init(body: String) {
        var body = body
        (length, head, tail) = body.withUTF8 { bytes in
            let count = bytes.count
            if count <= 2 * Self.edgeBytes { return (count, Array(bytes), []) }
            return (count, Array(bytes.prefix(Self.edgeBytes)), Array(bytes.suffix(Self.edgeBytes)))
        }
    }

    /// The one offset in `page` where a body of this length starts with `head` and ends with
    /// `tail`; nil when there is none or more than one.
    package func offset(in page: UnsafeBufferPointer<UInt8>) -> Int? {
        guard length >= head.count + tail.count, length <= page.count, !head.isEmpty || length == 0 else {
            return nil
        }
        var found: Int?
        var start = 0
        while start + length <= page.count {
            let next = head.withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: page, from: start) }
            guard let at = next, at + length <= page.count else { break }
            if tail.isEmpty || page[(at + length - tail.count)..<(at + length)].elementsEqual(tail) {
                guard found == nil else { return nil }
                found = at
            }
            start = at + 1
        }
        return found
    }
}
