/// A digest of a document's source bytes for build-cache keys: two FNV-1a 64 lanes over the
/// bytes, read eight at a time, as 32 hex digits. Deterministic across runs and machines.
package enum SourceDigest {
    package static func of(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                a = (a ^ word) &* 0x0000_0100_0000_01b3
                a ^= a >> 32
                b = (b ^ (word >> 7 | word << 57)) &* 0x9e37_79b9_7f4a_7c15
                b ^= b >> 29
                offset += 8
            }
            while offset < raw.count {
                a = (a ^ UInt64(raw[offset])) &* 0x0000_0100_0000_01b3
                b = (b ^ UInt64(raw[offset])) &* 0x9e37_79b9_7f4a_7c15
                offset += 1
            }
        }
        func hex16(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex16(a) + hex16(b)
    }
}
