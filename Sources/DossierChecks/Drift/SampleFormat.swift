import DossierCore

/// The file formats a schema's `sample:` may have, chosen by file extension.
package enum SampleFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Comma-separated values (RFC 4180): `.csv`.
    case csv
    /// Tab-separated values, quoted like CSV: `.tsv`, `.tab`.
    case tsv
    /// One JSON object per line: `.jsonl`, `.ndjson`.
    case jsonLines

    /// The format for a path's extension (case-insensitive), nil when Dossier does not read it.
    package init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "jsonl", "ndjson": self = .jsonLines
        default: return nil
        }
    }

    /// The extensions Dossier reads, for messages.
    package static let extensionsList = "`.csv`, `.tsv`, `.tab`, `.jsonl` or `.ndjson`"
}
