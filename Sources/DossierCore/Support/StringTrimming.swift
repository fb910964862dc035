extension StringProtocol {
    /// Drops leading and trailing spaces, tabs and line breaks. Scans UTF-8 bytes: Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString and showed up in build profiles.
    package func trimmedSpaces() -> String {
        // One pass over the UTF-8 view, no copy of the bytes: every heading and table cell of
        // every document is trimmed.
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        let bytes = utf8
        var start = bytes.startIndex
        while start < bytes.endIndex, isSpace(bytes[start]) { bytes.formIndex(after: &start) }
        var end = start
        var index = start
        while index < bytes.endIndex {
            let byte = bytes[index]
            bytes.formIndex(after: &index)
            if !isSpace(byte) { end = index }
        }
        if start == bytes.startIndex, end == bytes.endIndex { return String(self) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Drops leading and trailing bytes for which `isTrimmed` holds; `isTrimmed` must only hold
    /// for ASCII bytes. Then it equals `trimmingCharacters(in: CharacterSet(charactersIn: …))`
    /// for the same ASCII characters: an ASCII byte in UTF-8 is always a whole scalar, and
    /// Foundation trims scalar by scalar (a combining mark after a trimmed space is left, as there).
    /// That Foundation call bridged to NSString and cost ~10,000 instructions a table cell.
    package func trimmingASCII(where isTrimmed: (UInt8) -> Bool) -> String
    where UTF8View: BidirectionalCollection {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isTrimmed(bytes[start]) { bytes.formIndex(after: &start) }
        while start < end {
            let last = bytes.index(before: end)
            guard isTrimmed(bytes[last]) else { break }
            end = last
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
