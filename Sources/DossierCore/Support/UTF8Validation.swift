/// Checks bytes for well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
///
/// `String(validating:as:)` does the same but is generic (a fifth of the CSV reader's time went to
/// its metadata look-ups) and needs macOS 15, newer than the package's platform floor.
package enum UTF8Validation {
    package static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    /// The same check over bytes in place (a field of a sample's record buffer, say).
    package static func isValid(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = buffer.count
        while i < count {
            let lead = buffer[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF  // no overlong forms
            case 0xED: length = 3; secondRange = 0x80...0x9F  // no UTF-16 surrogates
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF4: length = 4; secondRange = 0x80...0x8F  // nothing past U+10FFFF
            case 0xF1...0xF3: length = 4
            default: return false
            }
            guard i + length <= count, secondRange.contains(buffer[i + 1]) else { return false }
            for j in (i + 2)..<(i + length) where buffer[j] & 0xC0 != 0x80 {
                return false
            }
            i += length
        }
        return true
    }

    /// `bytes` as a string, nil when they are not UTF-8.
    package static func string(_ bytes: [UInt8]) -> String? {
        isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
