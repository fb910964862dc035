import DossierCore

/// A Python package version as PEP 440 defines it, compared the way pip compares.
///
/// Covers what real pins use: epochs, release segments, `a`/`b`/`rc` pre-releases (with their
/// spelled-out aliases), `.post`, `.dev` and `+local` labels. Text that is not PEP 440 (conda's
/// `1.1.1w`) does not parse, and callers then fall back to comparing text or say nothing.
package struct PEP440Version: Sendable, Comparable, CustomStringConvertible {
    package var epoch = 0
    package var release: [Int] = []
    /// Pre-release kind (0 = a, 1 = b, 2 = rc) and number.
    package var pre: (kind: Int, number: Int)?
    package var post: Int?
    package var dev: Int?
    package var local: [String] = []

    package var description: String { text }
    private var text = ""

    /// Whether the version has only release segments (no pre, post, dev or local part).
    package var isPlainRelease: Bool { pre == nil && post == nil && dev == nil && local.isEmpty }

    init?(_ raw: String) {
        let input = Array(raw.trimmedSpaces().lowercased().utf8)
        var scanner = Scanner(bytes: input)
        text = raw.trimmedSpaces()
        if scanner.peek == UInt8(ascii: "v") { scanner.index += 1 }

        // Epoch or first release segment.
        guard let first = scanner.number() else { return nil }
        if scanner.peek == UInt8(ascii: "!") {
            scanner.index += 1
            epoch = first
            guard let segment = scanner.number() else { return nil }
            release = [segment]
        } else {
            release = [first]
        }
        while scanner.peek == UInt8(ascii: "."), let next = scanner.peek(1), next.isDigit {
            scanner.index += 1
            guard let segment = scanner.number() else { return nil }
            release.append(segment)
        }

        // Pre-release: 1.0a1, 1.0-rc.2, 1.0alpha, 1.0.preview3
        let save = scanner.index
        scanner.skipSeparator()
        if let kind = scanner.word(["alpha": 0, "beta": 1, "preview": 2, "pre": 2, "rc": 2, "a": 0, "b": 1, "c": 2]) {
            scanner.skipSeparator()
            pre = (kind, scanner.number() ?? 0)
        } else {
            scanner.index = save
        }

        // Post-release: 1.0.post1, 1.0-r2, 1.0-1 (implicit)
        let savePost = scanner.index
        if scanner.peek == UInt8(ascii: "-"), let next = scanner.peek(1), next.isDigit {
            scanner.index += 1
            post = scanner.number()
        } else {
            scanner.skipSeparator()
            if scanner.word(["post": 0, "rev": 0, "r": 0]) != nil {
                scanner.skipSeparator()
                post = scanner.number() ?? 0
            } else {
                scanner.index = savePost
            }
        }

        // Development release: 1.0.dev3
        let saveDev = scanner.index
        scanner.skipSeparator()
        if scanner.word(["dev": 0]) != nil {
            scanner.skipSeparator()
            dev = scanner.number() ?? 0
        } else {
            scanner.index = saveDev
        }

        // Local label: 2.1.0+cu118
        if scanner.peek == UInt8(ascii: "+") {
            scanner.index += 1
            let rest = String(decoding: input[scanner.index...], as: UTF8.self)
            let parts = rest.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map(String.init)
            guard !parts.isEmpty, parts.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber } }) else { return nil }
            local = parts
            scanner.index = input.count
        }
        guard scanner.index == input.count else { return nil }
    }

    /// The release segments padded with zeros to `count` (PEP 440: 1.0 == 1.0.0).
    package func paddedRelease(_ count: Int) -> [Int] {
        release.count >= count ? release : release + Array(repeating: 0, count: count - release.count)
    }

    /// Whether `self` is `other` said with fewer release segments: `1.26` of `1.26.4`.
    ///
    /// A document that says numpy 1.26 while the file pins 1.26.4 is imprecise, not wrong.
    package func isLessPrecisePrefix(of other: PEP440Version) -> Bool {
        isPlainRelease && epoch == other.epoch && release.count < other.release.count
            && Array(other.release.prefix(release.count)) == release
    }

    /// Equality that ignores a local label present on one side only (`2.1.0` vs `2.1.0+cu118`).
    package func matches(_ other: PEP440Version) -> Bool {
        var lhs = self, rhs = other
        if lhs.local.isEmpty || rhs.local.isEmpty {
            lhs.local = []
            rhs.local = []
        }
        return lhs == rhs
    }

    package static func == (lhs: PEP440Version, rhs: PEP440Version) -> Bool {
        compare(lhs, rhs) == 0
    }

    package static func < (lhs: PEP440Version, rhs: PEP440Version) -> Bool {
        compare(lhs, rhs) < 0
    }

    private static func compare(_ lhs: PEP440Version, _ rhs: PEP440Version) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let width = max(lhs.release.count, rhs.release.count)
        for (a, b) in zip(lhs.paddedRelease(width), rhs.paddedRelease(width)) where a != b {
            return a < b ? -1 : 1
        }
        for (a, b) in zip(lhs.suffixKey, rhs.suffixKey) where a != b {
            return a < b ? -1 : 1
        }
        return compareLocal(lhs.local, rhs.local)
    }

    /// PEP 440's ordering of suffixes as numbers: a dev-only release sorts before every
    /// pre-release, a final release after them; no post sorts before any post; no dev after any dev.
    private var suffixKey: [Int] {
        let preKey: [Int]
        if let pre {
            preKey = [pre.kind, pre.number]
        } else if post == nil, dev != nil {
            preKey = [-1, 0]
        } else {
            preKey = [3, 0]
        }
        return preKey + [post ?? -1, dev ?? Int.max]
    }

    private static func compareLocal(_ lhs: [String], _ rhs: [String]) -> Int {
        for (a, b) in zip(lhs, rhs) where a != b {
            switch (Int(a), Int(b)) {
            case let (x?, y?): return x < y ? -1 : 1
            case (.some, nil): return 1
            case (nil, .some): return -1
            case (nil, nil): return a < b ? -1 : 1
            }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    private struct Scanner {
        package let bytes: [UInt8]
        package var index = 0

        package var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
        package func peek(_ ahead: Int) -> UInt8? { index + ahead < bytes.count ? bytes[index + ahead] : nil }

        package mutating func number() -> Int? {
            let start = index
            while let byte = peek, byte.isDigit { index += 1 }
            guard index > start, index - start <= 18 else {
                index = start
                return nil
            }
            return Int(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        package mutating func skipSeparator() {
            if let byte = peek, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                index += 1
            }
        }

        /// Consumes the longest listed word at the cursor and returns its value.
        package mutating func word(_ words: KeyValuePairs<String, Int>) -> Int? {
            for (word, value) in words.sorted(by: { $0.key.count > $1.key.count }) {
                let utf8 = Array(word.utf8)
                if index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 {
                    index += utf8.count
                    return value
                }
            }
            return nil
        }
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
