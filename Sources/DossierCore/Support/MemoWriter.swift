/// The compact bytes of the build cache's files (saved documents' `DocumentCodec`, the
/// `RepositoryMapMemo`): unsigned LEB128
/// varints for counts, zigzag varints for integers, length-prefixed UTF-8 for strings, and
/// 8 little-endian bytes for doubles. `MemoReader` reads them back, checking every bound.
package struct MemoWriter {
    package var bytes: [UInt8] = []

    package init() {}

    package mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    package mutating func count(_ count: Int) {
        unsigned(UInt64(count))
    }

    /// Zigzag: small negative numbers stay short.
    package mutating func integer(_ value: Int) {
        let wide = Int64(value)
        unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    package mutating func flag(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    package mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    package mutating func optionalString(_ text: String?) {
        flag(text != nil)
        if let text { string(text) }
    }

    package mutating func strings(_ texts: [String]) {
        count(texts.count)
        for text in texts { string(text) }
    }

    package mutating func double(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func raw(_ data: [UInt8]) {
        count(data.count)
        bytes.append(contentsOf: data)
    }
}
