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
        guard let fileExtension = Self.fileExtension(of: path) else { return nil }
        switch fileExtension.lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "jsonl", "ndjson": self = .jsonLines
        default: return nil
        }
    }

    /// What follows the last `.` of the path's last part (not a leading `.`), or nil. Every code
    /// reference of every document asks; for ASCII paths byte searches find the same `/` and `.`
    /// as the Character searches, at a fraction of the cost.
    private static func fileExtension(of path: String) -> Substring? {
        if ProjectPath.isASCII(path) {
            guard let last = ProjectPath.lastComponent(path), let dot = last.utf8.lastIndex(of: 0x2E),
                dot != last.startIndex
            else { return nil }
            return last[last.index(after: dot)...]
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return name[name.index(after: dot)...]
    }

    /// The extensions Dossier reads, for messages.
    package static let extensionsList = "`.csv`, `.tsv`, `.tab`, `.jsonl` or `.ndjson`"
}
