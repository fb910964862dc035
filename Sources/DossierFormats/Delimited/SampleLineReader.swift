import DossierCore
import Foundation

/// Splits a file into lines (LF or CRLF) while streaming it, with a cap on a line's length so a
/// file without line breaks cannot fill memory.
package struct SampleLineReader {
    package struct Line {
        package var bytes: [UInt8]
        /// 1-based.
        package var number: Int
    }

    private var source: SampleChunkReader
    private let maxLineBytes: Int
    private let path: String
    private var chunk: [UInt8] = []
    private var position = 0
    private var lineNumber = 0
    private var atEnd = false

    package init(file: URL, path: String, maxLineBytes: Int) throws(SampleReadError) {
        self.source = try SampleChunkReader(file: file, path: path)
        self.path = path
        self.maxLineBytes = maxLineBytes
    }

    /// The next line without its line break, nil at the end of the file.
    package mutating func next() throws(SampleReadError) -> Line? {
        var line: [UInt8] = []
        var sawAny = false
        while true {
            if position == chunk.count {
                guard !atEnd, let next = try source.next() else {
                    atEnd = true
                    guard sawAny else { return nil }
                    lineNumber += 1
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return Line(bytes: line, number: lineNumber)
                }
                chunk = next
                position = 0
            }
            sawAny = true
            // Copy up to the next LF in one go: far faster than byte by byte.
            let end = chunk[position...].firstIndex(of: UInt8(ascii: "\n")) ?? chunk.count
            line.append(contentsOf: chunk[position..<end])
            if line.count > maxLineBytes {
                throw SampleReadError(
                    .recordTooLong, path: path, line: lineNumber + 1,
                    "line \(lineNumber + 1) is longer than \(maxLineBytes) bytes")
            }
            if end < chunk.count {
                position = end + 1
                lineNumber += 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return Line(bytes: line, number: lineNumber)
            }
            position = chunk.count
        }
    }

    package func close() {
        source.close()
    }
}
