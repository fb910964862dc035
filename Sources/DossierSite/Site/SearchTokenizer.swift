import DossierCore
import Foundation

/// Splits text into search terms, exactly as `search.js` splits a query (its `tokenize`): runs of
/// Unicode letters, marks and digits (JavaScript's `[\p{L}\p{M}\p{N}]+`), lowercased, stripped of
/// accents (the combining diacritics U+0300–U+036F after canonical decomposition, so "Adélie" is
/// found by "adelie"), composed to NFC, final sigma folded to σ; runs of CJK characters, written
/// without spaces, become overlapping two-character terms. Words shorter than `minLength` or
/// longer than `maxLength` characters are dropped.
package enum SearchTokenizer {
    package static let minLength = 2
    /// Longer runs are hashes, base64 or URLs run together: not words anyone types.
    package static let maxLength = 40

    /// Words too common to narrow a search. Kept short so that technical words survive.
    package static let stopWords: [String] = [
        "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "if", "in",
        "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "then", "there", "these",
        "this", "to", "was", "were", "which", "will", "with",
    ]

    /// The terms of `text`, stop words removed, as the index stores them. Off the hot path.
    package static func terms(_ text: String, maxBytes: Int = .max) -> [String] {
        struct Collector: SearchTermSink {
            let stop = Set(SearchTokenizer.stopWords)
            var terms: [String] = []
            mutating func take(_ term: UnsafeBufferPointer<UInt8>) {
                let term = String(decoding: term, as: UTF8.self)
                if !stop.contains(term) { terms.append(term) }
            }
        }
        var collector = Collector()
        scan(text, maxBytes: maxBytes, into: &collector)
        return collector.terms
    }

    /// Hands `sink` the UTF-8 bytes of each term of `text`, stop words included: the index drops
    /// those with the table lookup it makes anyway. Stops at the first word boundary after
    /// `maxBytes` bytes, so a capped body never ends in half a word.
    ///
    /// This runs on every word of every page: it works over the UTF-8 bytes, hands out slices of
    /// the text itself where it can, and takes a generic sink rather than a closure so the whole
    /// loop specializes and inlines (a closure that mutates its caller's state costs a dynamic
    /// exclusivity check and a retain per word, several times the cost of the scan itself).
    package static func scan<Sink: SearchTermSink>(_ text: String, maxBytes: Int = .max, into sink: inout Sink) {
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { lowered in
                var i = 0
                while i < bytes.count && i < maxBytes {
                    // An ASCII separator (most of them) is stepped over before anything else.
                    let lead = bytes[i]
                    if lead < 0x80 && (lead | 0x20) &- 0x61 >= 26 && lead &- 0x30 >= 10 {
                        i += 1
                        continue
                    }
                    let start = i
                    var isASCII = true
                    var hasUppercase = false
                    while i < bytes.count {
                        if i + 8 <= bytes.count {
                            // Eight bytes at a time while they are all ASCII letters and digits;
                            // the byte that ends the run (or the ninth) takes the byte-wise path.
                            let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                            let classes = AlphanumericBytes(UInt64(littleEndian: word))
                            let length = classes.leadingRunLength
                            if classes.hasUppercase(inFirst: length) { hasUppercase = true }
                            i += length
                            if length == 8 { continue }
                            if bytes[i] < 0x80 { break }  // an ASCII separator ends the run
                        }
                        let byte = bytes[i]
                        if byte < 0x80 {
                            if byte &- 0x61 < 26 || byte &- 0x30 < 10 {  // a-z, 0-9
                                i += 1
                            } else if byte &- 0x41 < 26 {  // A-Z
                                hasUppercase = true
                                i += 1
                            } else {
                                break
                            }
                        } else {
                            let (scalar, length) = decodeScalar(bytes, at: i)
                            guard isWordScalar(scalar) else { break }
                            isASCII = false
                            i += length
                        }
                    }
                    if i == start {  // a separator: step over the whole scalar
                        i += bytes[i] < 0x80 ? 1 : decodeScalar(bytes, at: i).length
                        continue
                    }
                    let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    if !isASCII {
                        emitUnicodeRun(run, into: &sink)
                    } else if run.count >= minLength && run.count <= maxLength {
                        if hasUppercase {
                            // Eight bytes at a time too: a loop the compiler vectorized kept its
                            // vector constants reloaded after every term, uppercase or not.
                            var k = 0
                            while k + 8 <= run.count {
                                let word = UnsafeRawPointer(run.baseAddress! + k).loadUnaligned(as: UInt64.self)
                                let upper = AlphanumericBytes(UInt64(littleEndian: word)).uppercase
                                UnsafeMutableRawPointer(lowered.baseAddress! + k).storeBytes(
                                    of: word | (upper >> 2).littleEndian, as: UInt64.self)
                                k += 8
                            }
                            while k < run.count {
                                lowered[k] = run[k] &- 0x41 < 26 ? run[k] + 32 : run[k]
                                k += 1
                            }
                            sink.take(UnsafeBufferPointer(start: lowered.baseAddress, count: run.count))
                        } else {
                            sink.take(run)
                        }
                    }
                }
            }
        }
    }

    /// The scalar starting at `i` and its length in bytes. The bytes come from a `String`, so they
    /// are valid UTF-8.
    @inline(__always)
    private static func decodeScalar(
        _ bytes: UnsafeBufferPointer<UInt8>, at i: Int
    ) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[i])
        let value: UInt32
        let length: Int
        if lead < 0x80 {
            return (Unicode.Scalar(UInt8(lead)), 1)
        } else if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            length = 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            length = 3
        } else {
            value =
                (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Letters, marks and numbers: JavaScript's `[\p{L}\p{M}\p{N}]`.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Han, kana and the other scripts of the CJK blocks, which run words together without spaces.
    /// Hangul syllables are spaced like Latin words, so they are not included.
    package static func isCJK(_ value: UInt32) -> Bool {
        (0x2E80...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFF66...0xFF9F).contains(value) || (0x20000...0x3FFFF).contains(value)
    }

    /// The slow path, for runs with anything beyond ASCII.
    private static func emitUnicodeRun<Sink: SearchTermSink>(_ run: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        // Lowercase the whole run (the full Unicode mapping, as JavaScript's toLowerCase), drop
        // accents, compose to NFC so typed and stored forms agree, and fold final sigma, which
        // JavaScript lowercases by context and Swift does not.
        var unaccented = String.UnicodeScalarView()
        for scalar in String(decoding: run, as: UTF8.self).lowercased().decomposedStringWithCanonicalMapping
            .unicodeScalars
        where !(0x300...0x36F).contains(scalar.value) {
            unaccented.append(scalar)
        }
        let lowered = String(unaccented).precomposedStringWithCanonicalMapping
        var word = ""
        var wordLength = 0
        var cjk: [Unicode.Scalar] = []
        func emitString(_ term: String) {
            var term = term
            term.withUTF8 { sink.take($0) }
        }
        func flushWord() {
            if wordLength >= minLength && wordLength <= maxLength { emitString(word) }
            word = ""
            wordLength = 0
        }
        func flushCJK() {
            if cjk.count == 1 {
                emitString(String(cjk[0]))
            } else {
                for i in 0..<(cjk.count - 1) {
                    var pair = ""
                    pair.unicodeScalars.append(cjk[i])
                    pair.unicodeScalars.append(cjk[i + 1])
                    emitString(pair)
                }
            }
            cjk.removeAll(keepingCapacity: true)
        }
        for var scalar in lowered.unicodeScalars {
            if scalar == "\u{03C2}" { scalar = "\u{03C3}" }  // ς → σ
            if isCJK(scalar.value) {
                if wordLength > 0 { flushWord() }
                cjk.append(scalar)
            } else {
                if !cjk.isEmpty { flushCJK() }
                word.unicodeScalars.append(scalar)
                wordLength += 1
            }
        }
        if wordLength > 0 { flushWord() }
        if !cjk.isEmpty { flushCJK() }
    }
}

/// Which of eight ASCII bytes (a little-endian word) are letters or digits, worked out for all
/// eight at once: the tokenizer's byte-by-byte loop cost about 15 instructions a byte, most of
/// the scan (callgrind, 1,000 documents). Each test adds a per-byte constant to the low seven bits
/// of every byte, which can't carry into the next byte, and reads the top bit: set when the byte
/// is at least the constant's character. Bytes of 0x80 and above are never alphanumeric here.
struct AlphanumericBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080
    /// The top bit of each byte that is a letter or a digit.
    let alphanumeric: UInt64
    /// The top bit of each byte that is an uppercase ASCII letter.
    let uppercase: UInt64

    @inline(__always)
    init(_ word: UInt64) {
        let low = word & ~Self.high
        // Setting 0x20 folds A–Z onto a–z (and no other byte onto a letter), so one range test
        // finds the letters; the uppercase ones are those that had 0x20 clear.
        let folded = low | 0x20 &* Self.ones
        @inline(__always)
        func atLeast(_ bytes: UInt64, _ character: UInt8) -> UInt64 {
            (bytes &+ UInt64(0x80 - character) &* Self.ones) & Self.high
        }
        let ascii = ~word & Self.high
        let letter = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B) & ascii
        let digit = atLeast(low, 0x30) & ~atLeast(low, 0x3A) & ascii
        alphanumeric = letter | digit
        uppercase = letter & ~word << 2
    }

    /// How many bytes from the first are letters or digits (8 when all are).
    @inline(__always)
    var leadingRunLength: Int { (~alphanumeric & Self.high).trailingZeroBitCount >> 3 }

    @inline(__always)
    func hasUppercase(inFirst count: Int) -> Bool {
        count >= 8 ? uppercase != 0 : uppercase & ((1 << (count << 3)) &- 1) != 0
    }
}

/// Receives the terms `SearchTokenizer.scan` finds, as UTF-8 bytes valid only during the call.
package protocol SearchTermSink {
    mutating func take(_ term: UnsafeBufferPointer<UInt8>)
}
