import DossierCore

/// Byte offsets of line starts, for turning token offsets into lines and lines into text.
package struct SourceLineTable {
    /// `starts[i]` is the offset of 0-based line `i`.
    package let starts: [Int]
    package let byteCount: Int

    package init(_ bytes: [UInt8]) {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        // A final newline does not start another line.
        if starts.count > 1, starts.last == bytes.count { starts.removeLast() }
        self.starts = starts
        self.byteCount = bytes.count
    }

    package var count: Int { starts.count }

    /// End of line `i`, excluding its newline.
    package func end(of i: Int) -> Int {
        let next = i + 1 < starts.count ? starts[i + 1] - 1 : byteCount
        return max(starts[i], next)
    }

    /// The 0-based line holding byte `offset`.
    package func line(of offset: Int) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    package func text(_ bytes: [UInt8], lines range: ClosedRange<Int>) -> String {
        let lower = starts[range.lowerBound]
        let upper = end(of: min(range.upperBound, starts.count - 1))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}
