extension StringProtocol {
    /// Drops leading and trailing spaces, tabs and line breaks. Scans UTF-8 bytes: Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString and showed up in build profiles.
    package func trimmedSpaces() -> String {
        trimmingASCII { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Drops leading and trailing bytes for which `isTrimmed` holds; `isTrimmed` must only hold
    /// for ASCII bytes. Then it equals `trimmingCharacters(in: CharacterSet(charactersIn: …))`
    /// for the same ASCII characters: an ASCII byte in UTF-8 is always a whole scalar, and
    /// Foundation trims scalar by scalar (a combining mark after a trimmed space is left, as there).
    /// That Foundation call bridged to NSString and cost ~10,000 instructions a table cell.
    package func trimmingASCII(where isTrimmed: (UInt8) -> Bool) -> String {
        // Over the contiguous bytes when there are (native strings): this generic code is not
        // specialized across modules, and walking the UTF-8 view through it cost three times as much.
        func trim(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            var start = 0
            var end = bytes.count
            while start < end, isTrimmed(bytes[start]) { start += 1 }
            while end > start, isTrimmed(bytes[end - 1]) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if let trimmed = utf8.withContiguousStorageIfAvailable(trim) { return trimmed }
        return Array(utf8).withUnsafeBufferPointer(trim)
    }
}

extension String {
    /// `StringProtocol.trimmedSpaces` for a `String`, over its bytes in place: a short string's
    /// bytes are not contiguous storage, and the generic version copied them into an array (a
    /// table cell's trim cost ~500 instructions). The string itself when nothing is trimmed.
    package func trimmedSpaces() -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var copy = self
        return copy.withUTF8 { bytes in
            var start = 0
            var end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            if start == 0, end == bytes.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }
}
