/// A small English suffix stripper, the same as `stem` in `search.js`: plurals and the `-ed` and
/// `-ing` forms fold to one stem (`flippers` → `flipper`, `labeled`/`labeling` → `label`,
/// `studies` → `study`). The index stores a word's stem beside the word, and a query looks its
/// words' stems up too, so the two sides agree by construction. Only words of ASCII letters of
/// four or more are touched; anything else is left to exact and prefix matching.
package enum SearchStemmer {
    /// The stem of `word` (lowercase UTF-8 bytes) written to `out`, or false when the word is its
    /// own stem. `out` needs room for `word.count` bytes.
    package static func stem(_ word: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let n = word.count
        guard n >= 4, let last = word.last,
            last == UInt8(ascii: "s") || last == UInt8(ascii: "d")
                || last == UInt8(ascii: "g")
        else { return nil }
        for byte in word where byte &- 0x61 >= 26 { return nil }  // a-z only
        func ends(_ suffix: StaticString) -> Bool {
            let s = suffix.utf8Start
            let k = suffix.utf8CodeUnitCount
            guard n > k else { return false }
            for i in 0..<k where word[n - k + i] != s[i] { return false }
            return true
        }
        func hasVowel(_ length: Int) -> Bool {
            for i in 0..<length where "aeiouy".utf8.contains(word[i]) { return true }
            return false
        }
        func copy(_ length: Int) -> Int {
            for i in 0..<length { out[i] = word[i] }
            return length
        }
        if ends("sses") { return copy(n - 2) }
        if ends("ies") {
            guard n >= 5 else { return nil }
            let length = copy(n - 3)
            out[length] = UInt8(ascii: "y")
            return length + 1
        }
        if ends("ss") || ends("us") || ends("is") { return nil }
        if last == UInt8(ascii: "s") { return copy(n - 1) }
        let cut = ends("ing") ? 3 : ends("ed") ? 2 : 0
        guard cut > 0, n - cut >= 3, hasVowel(n - cut) else { return nil }
        var length = n - cut
        // `running` → `run`, but `falling` → `fall`, `passed` → `pass`, `buzzed` → `buzz`.
        let a = word[length - 1]
        if a == word[length - 2], !"aeiouylsz".utf8.contains(a) { length -= 1 }
        return copy(length)
    }

    /// `stem` for a `String` (tests and other slow paths).
    package static func stem(_ word: String) -> String? {
        var word = word
        return word.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { out in
                stem(bytes, into: out).map {
                    String(decoding: UnsafeBufferPointer(rebasing: out[0..<$0]), as: UTF8.self)
                }
            }
        }
    }
}
