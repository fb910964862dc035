/// The page `TemplateRenderer` writes: ASCII pieces are copied into a byte buffer, and the buffer
/// is added to the String only when a piece that is not ASCII (or a long one) comes, or at the end.
///
/// A page of the default theme is about 330 pieces (template texts and short values), and
/// `String.append` costs some 400 instructions a piece (uniqueness, capacity and ASCII-flag checks
/// around the copy) where a byte copy costs about 100. Bytes are not made a String in one go at the
/// end because that validates them as UTF-8, about 9 instructions a byte once one is not ASCII
/// (most pages have a “ or a · in their footer); ASCII bytes need only the ASCII check. Measured on
/// the 1,000-document corpus with callgrind.
final class TemplateOutput {
    /// What was flushed; the whole output after `finish()`. While `direct` is set, every piece is
    /// appended here at once, so that the renderer can edit it (indentation of partials).
    private(set) var text: String
    /// ASCII bytes not yet in `text`.
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    static let bufferCapacity = 8_192
    /// Longer pieces go to `text` as they are (one copy instead of two).
    static let longPiece = 1_024

    /// Append to `text` directly: set while an indented partial renders.
    var direct = false {
        didSet { flush() }
    }

    init(capacity: Int) {
        text = ""
        text.reserveCapacity(capacity)
        buffer = .allocate(capacity: Self.bufferCapacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// The output so far, in UTF-8 bytes.
    var utf8Count: Int { text.utf8.count + count }

    /// Appends `piece` as it is.
    func append(_ piece: String) {
        if !direct, piece.utf8.count <= Self.longPiece {
            let copied = piece.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard Self.isASCII(bytes) else { return false }
                if count + bytes.count > Self.bufferCapacity { flush() }
                if let base = bytes.baseAddress { (buffer + count).update(from: base, count: bytes.count) }
                count += bytes.count
                return true
            }
            if copied == true { return }
        }
        flush()
        text += piece
    }

    /// Appends `bytes` of a template's text that is ASCII.
    func append(asciiBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard !direct, bytes.count <= Self.longPiece, let base = bytes.baseAddress else {
            flush()
            text += String(decoding: bytes, as: UTF8.self)
            return
        }
        if count + bytes.count > Self.bufferCapacity { flush() }
        (buffer + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Appends `piece` HTML-escaped, as `MustacheEscaping.escape` does.
    func appendEscaped(_ piece: String) {
        // An entity is at most 6 bytes for 1.
        if !direct, piece.utf8.count <= Self.longPiece / 6 {
            let copied = piece.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                // One pass finds both: a byte that is not ASCII, and one to escape.
                var classes: UInt8 = 0
                for byte in bytes { classes |= Self.byteClasses[Int(byte)] }
                guard classes & Self.notASCII == 0 else { return false }
                if count + 6 * bytes.count > Self.bufferCapacity { flush() }
                guard classes & Self.special != 0 else {
                    if let base = bytes.baseAddress { (buffer + count).update(from: base, count: bytes.count) }
                    count += bytes.count
                    return true
                }
                for byte in bytes {
                    switch byte {
                    case 0x26: put("&amp;")
                    case 0x3C: put("&lt;")
                    case 0x3E: put("&gt;")
                    case 0x22: put("&quot;")
                    case 0x27: put("&#39;")
                    default:
                        buffer[count] = byte
                        count += 1
                    }
                }
                return true
            }
            if copied == true { return }
        }
        flush()
        MustacheEscaping.append(piece, to: &text)
    }

    /// The whole output.
    func finish() -> String {
        flush()
        return text
    }

    /// Inserts `indentation` `offset` UTF-8 bytes into `text` (only while `direct`).
    func insert(_ indentation: String, atUTF8Offset offset: Int) {
        text.insert(contentsOf: indentation, at: text.utf8.index(text.utf8.startIndex, offsetBy: offset))
    }

    /// Whether the output written since UTF-8 offset `start` ends with a line feed Character
    /// ("\r\n" is another one; only while `direct`).
    func endsLine(since start: Int) -> Bool {
        let before = text.utf8.count
        guard before > start, text.utf8.last == 0x0A else { return false }
        let previous = text.utf8.index(text.utf8.endIndex, offsetBy: -2, limitedBy: text.utf8.startIndex)
        return before - start < 2 || previous.map { text.utf8[$0] } != 0x0D
    }

    @inline(__always)
    private func put(_ entity: StaticString) {
        (buffer + count).update(from: entity.utf8Start, count: entity.utf8CodeUnitCount)
        count += entity.utf8CodeUnitCount
    }

    private func flush() {
        guard count > 0 else { return }
        // ASCII only: made a String by the ASCII check, without UTF-8 validation.
        text += String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
        count = 0
    }

    private static let notASCII: UInt8 = 1
    private static let special: UInt8 = 2
    /// Each byte's classes: `notASCII`, `special` (`&`, `<`, `>`, `"`, `'`, which escaping replaces).
    private static let byteClasses: [UInt8] = (0...255).map { byte in
        byte >= 0x80 ? notASCII : [0x26, 0x3C, 0x3E, 0x22, 0x27].contains(byte) ? special : 0
    }

    /// Whether every byte is below 0x80, read 8 bytes at a time.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var at = bytes.baseAddress.map(UnsafeRawPointer.init) else { return true }
        let end = at + bytes.count
        var bits: UInt64 = 0
        while end - at >= 8 {
            bits |= at.loadUnaligned(as: UInt64.self)
            at += 8
        }
        while at < end {
            bits |= UInt64(at.load(as: UInt8.self))
            at += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }
}
