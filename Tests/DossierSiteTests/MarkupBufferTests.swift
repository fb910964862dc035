@testable import DossierSite
import DossierCore
import DossierTestSupport
import Testing

/// The page-fragment buffer writes what String interpolation and `HTML.escape` write, however
/// often it grows.
@Suite struct MarkupBufferTests {
    @Test func numbersAreWrittenAsInterpolationWritesThem() {
        var random = SeededGenerator(seed: 77)
        var numbers = [0, 1, -1, 9, 10, -10, 99, 100, 123_456_789, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<2000 {
            numbers.append(Int.random(in: Int.min...Int.max, using: &random) >> Int.random(in: 0...63, using: &random))
        }
        let out = MarkupBuffer(capacity: 1)
        var expected = ""
        for number in numbers {
            out.put(number)
            out.put(" ")
            expected += "\(number) "
        }
        #expect(out.string == expected)
    }

    @Test func escapingIsHTMLEscapeAndTextIsCopiedWhole() {
        let texts = [
            "", "plain", "R&D <b>\"quoted\"</b> it's", "&&&", "<", "tail>", "企鹅 & 🧪", "e\u{301} 'x'",
            String(repeating: "long & ", count: 500),
        ]
        let out = MarkupBuffer(capacity: 1)
        var expected = ""
        for text in texts {
            out.put(escaping: text)
            out.put(string: text)
            out.put("|")
            out.put(byte: UInt8(ascii: "."))
            expected += HTML.escape(text) + text + "|."
        }
        #expect(out.string == expected)
        #expect(out.bytes == Array(expected.utf8))
        #expect(out.count == expected.utf8.count)
        #expect(MarkupBuffer().string.isEmpty)
    }
    /// Made a String in runs, the bytes decode as `String(decoding:as:)` decodes them whole:
    /// ASCII runs short and long, other scripts, characters cut off, bytes that are no UTF-8.
    @Test func theStringIsTheBytesDecodedWhole() {
        var random = SeededGenerator(seed: 4242)
        let pieces: [[UInt8]] = [
            Array("<g>".utf8), Array(" · ".utf8), Array("–".utf8), Array("企鹅数据集".utf8), Array("🧪".utf8),
            Array(String(repeating: "a", count: 7).utf8), Array(String(repeating: "b", count: 8).utf8),
            Array(String(repeating: "c", count: 33).utf8), [0xE4, 0xBC], [0x80], [0xFF], [0xC3], [0xF0, 0x9F, 0xA7],
        ]
        for _ in 0..<500 {
            let out = MarkupBuffer(capacity: 1)
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                pieces.randomElement(using: &random)!.withUnsafeBufferPointer { out.put($0) }
            }
            let expected = String(decoding: out.bytes, as: UTF8.self)
            #expect(Array(out.string.utf8) == Array(expected.utf8))
        }
    }
}
