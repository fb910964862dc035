extension StringProtocol {
    /// Drops leading and trailing spaces, tabs and line breaks. Scans UTF-8 bytes: Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString and showed up in build profiles.
    package func trimmedSpaces() -> String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if start == 0, end == bytes.count { return String(self) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
