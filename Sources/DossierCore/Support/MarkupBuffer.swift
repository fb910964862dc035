/// A fragment of a page (a drawing, a table) written as UTF-8 into one growing block of memory,
/// made a String once at the end.
///
/// Every document page draws its lineage neighbourhood and every schema page its data profile:
/// several hundred literals, numbers and escaped texts each. Appending them to a `[UInt8]` cost
/// about 90 instructions a piece (the array's uniqueness and capacity checks around a generic
/// copy) and formatting a number about 240; here a piece is a capacity check and a copy, and a
/// number's digits are written in place. A class, so that writers share it without copying it
/// and its memory is freed once. Its fields are only ever touched by its own short methods, one
/// writer at a time, so they go without the dynamic exclusivity checks a class's fields get
/// (two calls to `swift_beginAccess` a number were as costly as writing it).
///
/// Its writing methods are `@inlinable` and, with the class, `public`: the writers live in other
/// modules (`DossierSite`, `DossierMarkdown`), where a call per piece cost as much as the copy
/// (the lineage drawing took a quarter more instructions). Swift 6.3 inlines an `@inlinable`
/// method of a `public` class into another module, but not one of a `package` class (tried on a
/// two-module package). The package's one library product, DossierKit, does not re-export it.
public final class MarkupBuffer {
    @exclusivity(unchecked) @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var capacity: Int
    /// Bytes written so far.
    @exclusivity(unchecked) @usableFromInline var written = 0
    /// Bytes written so far.
    package var count: Int { written }

    /// A buffer with room for `capacity` bytes before it first grows.
    package init(capacity: Int = 1024) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// What was written, as a String: what `String(decoding:as:)` makes of the bytes.
    ///
    /// Making a String validates its bytes as UTF-8: eight at a time while they are all ASCII,
    /// but one by one (three instructions a byte) over the whole text once one is not. A drawing
    /// or a profile is ASCII but for a few characters (the `·` between a node's kind and its
    /// state, the `–` of a range), which made its validation cost more than writing it. So the
    /// ASCII runs are made Strings on their own and only the bytes around those characters are
    /// validated one by one. The text is cut only before ASCII bytes, where no UTF-8 sequence
    /// can continue, so the pieces decode as the whole would.
    package var string: String {
        let all = UnsafeBufferPointer(start: base, count: written)
        var firstOther = firstNonASCII(from: 0)
        guard firstOther < written else { return Self.string(all) }
        var result = ""
        result.reserveCapacity(written)
        var start = 0
        while start < written {
            if firstOther > start { result += Self.string(UnsafeBufferPointer(rebasing: all[start..<firstOther])) }
            guard firstOther < written else { break }
            // The other bytes run until eight ASCII ones in a row, so that a text in another
            // script is not cut into a String per character.
            var end = firstOther + 1
            var asciiRun = 0
            while end < written, asciiRun < 8 {
                asciiRun = base[end] < 0x80 ? asciiRun + 1 : 0
                end += 1
            }
            if asciiRun == 8 { end -= 8 }
            result += Self.string(UnsafeBufferPointer(rebasing: all[firstOther..<end]))
            start = end
            firstOther = firstNonASCII(from: end)
        }
        return result
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            guard let target = buffer.baseAddress, let source = bytes.baseAddress else { return 0 }
            target.initialize(from: source, count: bytes.count)
            return bytes.count
        }
    }

    /// The offset of the first byte at or after `start` that is not ASCII; `written` when none is.
    private func firstNonASCII(from start: Int) -> Int {
        var offset = start
        // Eight bytes at a time, as the standard library's own check reads them.
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while offset + 8 <= written {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            if word & highBits != 0 { break }
            offset += 8
        }
        while offset < written, base[offset] < 0x80 { offset += 1 }
        return offset
    }

    /// What was written, as bytes.
    package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: written)) }

    /// Makes room for `extra` more bytes.
    @inlinable @inline(__always)
    public func reserve(_ extra: Int) {
        if written + extra > capacity { grow(toHold: written + extra) }
    }

    @usableFromInline @inline(never)
    func grow(toHold needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: written)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Appends a literal's UTF-8.
    @inlinable @inline(__always)
    public func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `bytes` as they are.
    @inlinable
    public func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + written).initialize(from: source, count: bytes.count)
        written += bytes.count
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public func put(byte: UInt8) {
        reserve(1)
        base[written] = byte
        written += 1
    }

    /// Appends text that needs no escaping (class names, colours, numbers made elsewhere).
    @inlinable
    public func put(string text: String) {
        var text = text
        text.withUTF8 { put($0) }
    }

    /// Appends `number` in decimal, as `"\(number)"` writes it.
    @inlinable
    public func put(_ number: Int) {
        // A sign and at most twenty digits.
        reserve(21)
        // Written through a local pointer: a store through `base` could, for all the compiler
        // knows, change `written`, which would then be read again after every digit.
        let target = base + written
        var length = 0
        if number < 0 {
            target[0] = UInt8(ascii: "-")
            length = 1
        }
        var magnitude = number.magnitude
        var probe = magnitude
        length += 1
        while probe >= 10 {
            probe /= 10
            length += 1
        }
        var position = length
        repeat {
            position -= 1
            target[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        written += length
    }

    /// Appends `HTML.escape(text)`'s bytes: `& < > " '` replaced by their entities.
    @inlinable
    public func put(escaping text: String) {
        var text = text
        text.withUTF8 { put(escaping: $0) }
    }

    /// Appends `bytes` escaped as `HTML.escape` escapes text; the runs between special bytes are
    /// copied whole.
    @inlinable
    public func put(escaping bytes: UnsafeBufferPointer<UInt8>) {
        // Most text has nothing to escape: one scan, then one copy.
        guard let first = bytes.firstIndex(where: Self.needsEscape) else {
            put(bytes)
            return
        }
        var start = first
        if first > 0 { put(UnsafeBufferPointer(rebasing: bytes[..<first])) }
        for offset in first..<bytes.count {
            let entity: StaticString
            switch bytes[offset] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default: continue
            }
            if offset > start { put(UnsafeBufferPointer(rebasing: bytes[start..<offset])) }
            put(entity)
            start = offset + 1
        }
        if bytes.count > start { put(UnsafeBufferPointer(rebasing: bytes[start...])) }
    }

    /// The bytes `HTML.escape` replaces, `& < > " '`: bits of one word, not five comparisons.
    @inlinable @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        let specials: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27
        return byte < 64 && specials & (1 &<< UInt64(byte)) != 0
    }
}
