import DossierCore
import DossierFormats

/// The structure of a data file — its columns, in order — which is what counts for staleness
/// (SPEC 1.6): a scheduled refresh of a sample's values is the drift checks' business, not a
/// reason to re-read the page.
package enum DataStructure {
    package enum Format: Sendable { case csv, tsv, jsonl, parquet }

    /// The data format of `path`, by extension (`.gz` and friends are not read: they count whole).
    package static func format(of path: String) -> Format? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
        if lower.hasSuffix(".parquet") || lower.hasSuffix(".pq") { return .parquet }
        return nil
    }

    /// How many bytes from the start of a text data file the columns are read from.
    package static let headBytes = 1 << 20

    /// The columns of a data file, or `nil` when they cannot be read (then the file counts whole).
    /// For Parquet `bytes` must be the whole file (its schema is in the footer).
    package static func columns(of bytes: [UInt8], format: Format) -> [String]? {
        switch format {
        case .csv: delimitedHeader(bytes, delimiter: UInt8(ascii: ","))
        case .tsv: delimitedHeader(bytes, delimiter: UInt8(ascii: "\t"))
        case .jsonl: jsonlKeys(bytes)
        case .parquet: ParquetSchemaReader.columns(of: bytes)
        }
    }

    /// The first record of a CSV/TSV file, quotes honoured, a byte-order mark dropped.
    private static func delimitedHeader(_ bytes: [UInt8], delimiter: UInt8) -> [String]? {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = min(bytes.count, headBytes)
        // Leading blank lines are not the header.
        while i < n, bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        guard i < n else { return nil }
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        while i < n {
            let c = bytes[i]
            if quoted {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 2; continue }
                    quoted = false
                } else {
                    field.append(c)
                }
            } else if c == UInt8(ascii: "\"") && field.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                quoted = true
                field.removeAll()
            } else if c == delimiter {
                fields.append(trimmed(field))
                field.removeAll()
            } else if c == 0x0A || c == 0x0D {
                break
            } else {
                field.append(c)
            }
            i += 1
        }
        fields.append(trimmed(field))
        return fields
    }

    /// A header field without leading and trailing `.whitespaces` (Unicode spaces and tab), as
    /// `trimmingCharacters(in: .whitespaces)` gives it. That call bridges to NSString (~13,000
    /// instructions a field, 2% of `check`); ASCII spaces and tabs are trimmed here byte by byte,
    /// and a field that then starts or ends with a non-ASCII byte (maybe a Unicode space) still
    /// goes through Foundation.
    static func trimmed(_ field: [UInt8]) -> String {
        var start = 0
        var end = field.count
        while start < end, field[start] == 0x20 || field[start] == 0x09 { start += 1 }
        while end > start, field[end - 1] == 0x20 || field[end - 1] == 0x09 { end -= 1 }
        if start < end, field[start] >= 0x80 || field[end - 1] >= 0x80 {
            return String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        return String(decoding: field[start..<end], as: UTF8.self)
    }

    /// The top-level keys of the records of a JSON Lines file, in order of first appearance.
    /// Only whole lines within the head are read; a line that is not a JSON object is passed over.
    private static func jsonlKeys(_ bytes: [UInt8]) -> [String]? {
        var keys: [String] = []
        var seen = Set<String>()
        var records = 0
        let head = bytes.prefix(headBytes)
        for line in head.split(separator: 0x0A) {
            guard let node = try? JSONParser.parse(Array(line)), case let .object(members) = node.value else {
                continue
            }
            records += 1
            for member in members where seen.insert(member.key).inserted { keys.append(member.key) }
        }
        return records > 0 ? keys : nil
    }
}
