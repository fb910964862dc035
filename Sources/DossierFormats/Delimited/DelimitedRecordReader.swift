import DossierCore
import Foundation

/// A streaming RFC 4180 reader for CSV and TSV, over bytes, that knows which line it is on.
///
/// Written here rather than taken from yaslab/CSV.swift 2.5.2, which streams but (measured) reads
/// an unterminated quote to the end of the file without an error — a 240 MB file became one
/// 240 MB field, 355 MB resident — reports `cannotReadFile` at every normal end of file, and gives
/// no line numbers. This one caps a record's size, reports the line a quote was opened on, and
/// handles what real files hold: quoted fields with delimiters, doubled quotes and line breaks,
/// CRLF, lone CR, a UTF-8 byte-order mark, blank lines (skipped, as pandas does).
///
/// Lenient where pandas is: a quote inside an unquoted field is kept as a character, and text
/// after a closing quote (`"ab"c`) is appended to the field.
package struct DelimitedRecordReader {
    package struct Record {
        package var fields: [String]
        /// The line the record starts on.
        package var line: Int
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private var source: SampleChunkReader
    private let delimiter: UInt8
    private let maxRecordBytes: Int
    private let path: String

    private var chunk: [UInt8] = []
    private var position = 0
    /// The physical line the next byte is on.
    private var line = 1
    /// A CR ended the last record: a LF right after it belongs to the same line break.
    private var skipLineFeed = false
    private var atEnd = false
    /// The bitwise OR of the current field's bytes: below 0x80 means ASCII, which needs no validation.
    private var fieldBits: UInt8 = 0

    /// The last record's fields, back to back, as `nextRecord()` left them: field `i` is
    /// `recordBytes[fieldEnds[i - 1]..<fieldEnds[i]]` (from 0 for the first). Reused between
    /// records, so a record costs no allocation once the buffers have grown.
    package private(set) var recordBytes: [UInt8] = []
    /// Where each field of the last record ends in `recordBytes`.
    package private(set) var fieldEnds: [Int] = []
    /// The line the last record starts on.
    package private(set) var recordLine = 1

    package init(file: URL, path: String, delimiter: UInt8, maxRecordBytes: Int) throws(SampleReadError) {
        self.source = try SampleChunkReader(file: file, path: path)
        self.path = path
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// The next non-blank record, nil at the end of the file.
    package mutating func next() throws(SampleReadError) -> Record? {
        guard try nextRecord() else { return nil }
        var fields: [String] = []
        fields.reserveCapacity(fieldEnds.count)
        recordBytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in fieldEnds {
                // Validated as each field ended.
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = end
            }
        }
        return Record(fields: fields, line: recordLine)
    }

    /// Reads the next non-blank record into `recordBytes`, `fieldEnds` and `recordLine`; false at
    /// the end of the file. The same records and errors as `next()`, without a string per field.
    package mutating func nextRecord() throws(SampleReadError) -> Bool {
        recordBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldBits = 0
        var state = State.fieldStart
        recordLine = line
        var quoteLine = line
        var recordBytesRead = 0
        var hasContent = false

        while true {
            if position == chunk.count {
                guard !atEnd, let next = try source.next() else {
                    atEnd = true
                    // End of file: finish a last record that has no line break after it.
                    if state == .quoted {
                        throw SampleReadError(
                            .unterminatedQuote, path: path, line: quoteLine,
                            "the quoted field opened on line \(quoteLine) is never closed")
                    }
                    guard hasContent || !fieldEnds.isEmpty else { return false }
                    try endField()
                    return true
                }
                chunk = next
                position = 0
                continue
            }
            let byte = chunk[position]
            position += 1
            if skipLineFeed {
                skipLineFeed = false
                if byte == Self.lineFeed { continue }
            }
            if byte == 0 {
                throw SampleReadError(
                    .binary, path: path, line: line, "line \(line) holds a NUL byte: this is a binary file, not text")
            }
            recordBytesRead += 1
            if recordBytesRead > maxRecordBytes {
                let hint = state == .quoted ? " (a quote opened on line \(quoteLine) is probably never closed)" : ""
                throw SampleReadError(
                    state == .quoted ? .unterminatedQuote : .recordTooLong, path: path, line: recordLine,
                    "the record starting on line \(recordLine) is longer than \(maxRecordBytes) bytes\(hint)")
            }

            switch state {
            case .fieldStart, .unquoted, .quoteInQuoted:
                if byte == delimiter {
                    try endField()
                    hasContent = true
                    state = .fieldStart
                } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                    skipLineFeed = byte == Self.carriageReturn
                    if !hasContent && fieldEnds.isEmpty && state == .fieldStart {
                        // A blank line: skip it and start the record on the next one.
                        line += 1
                        recordLine = line
                        recordBytesRead = 0
                        continue
                    }
                    try endField()
                    line += 1
                    return true
                } else if byte == Self.quote && state == .fieldStart {
                    state = .quoted
                    quoteLine = line
                    hasContent = true
                } else if byte == Self.quote && state == .quoteInQuoted {
                    recordBytes.append(Self.quote)  // a doubled quote inside a quoted field
                    state = .quoted
                } else {
                    recordBytes.append(byte)
                    fieldBits |= byte
                    hasContent = true
                    // After a closing quote the rest is kept as is (lenient, as pandas).
                    state = .unquoted
                    // The rest of an unquoted run in one go: bytes that end nothing and are not NUL.
                    recordBytesRead += takeRun(limit: maxRecordBytes - recordBytesRead, quoted: false)
                }
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    if byte == Self.lineFeed { line += 1 }
                    recordBytes.append(byte)
                    fieldBits |= byte
                    recordBytesRead += takeRun(limit: maxRecordBytes - recordBytesRead, quoted: true)
                }
            }
        }
    }

    /// Appends the ordinary bytes that follow in the chunk, at most `limit`, and returns how many.
    /// Ordinary: not NUL, and outside quotes not the delimiter, CR or LF; inside them not a quote
    /// or LF (which counts a line). Whatever stops the run goes through the state machine above,
    /// so errors and line numbers are the same as one byte at a time.
    private mutating func takeRun(limit: Int, quoted: Bool) -> Int {
        let start = position
        var end = position
        var bits: UInt8 = 0
        let stop = min(chunk.count, position + max(0, limit))
        chunk.withUnsafeBufferPointer { bytes in
            if quoted {
                while end < stop {
                    let byte = bytes[end]
                    if byte == Self.quote || byte == Self.lineFeed || byte == 0 { break }
                    bits |= byte
                    end += 1
                }
            } else {
                while end < stop {
                    let byte = bytes[end]
                    if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn || byte == 0 { break }
                    bits |= byte
                    end += 1
                }
            }
            if end > start { recordBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end])) }
        }
        fieldBits |= bits
        position = end
        return end - start
    }

    /// Ends the current field; its bytes must be UTF-8.
    private mutating func endField() throws(SampleReadError) {
        let start = fieldEnds.last ?? 0
        // Most fields are ASCII, which needs no validation.
        if fieldBits >= 0x80 {
            let valid = recordBytes.withUnsafeBufferPointer {
                UTF8Validation.isValid(UnsafeBufferPointer(rebasing: $0[start...]))
            }
            guard valid else {
                throw SampleReadError(
                    .notUTF8, path: path, line: line, "line \(line) is not valid UTF-8; save the file as UTF-8")
            }
        }
        fieldEnds.append(recordBytes.count)
        fieldBits = 0
    }

    package func close() {
        source.close()
    }
}
