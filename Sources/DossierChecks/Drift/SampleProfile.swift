import DossierCore

/// What a data sample holds: its columns in file order and how many rows were read.
package struct SampleProfile: Sendable, Hashable, Codable {
    /// The sample's path as the project names it.
    package var path: String
    package var format: SampleFormat
    /// Columns in file order (for JSON Lines: in order of first appearance).
    package var columns: [ColumnProfile]
    /// Data rows read (the header and blank lines are not rows).
    package var rowsRead: Int
    /// True when reading stopped at the reader's `maxRows`: the file may hold more rows.
    package var reachedRowLimit: Bool
    /// The first rows as written, one cell per column (empty where a JSON Lines record lacks
    /// the key), at most `SampleProfile.previewRows`: the preview on the data pages.
    package var preview: [[String]] = []

    /// Rows the data pages preview.
    package static let previewRows = 10
    /// Longest cell kept in the preview, in characters; longer ones are cut with `…`.
    package static let previewCellCharacters = 80

    /// `344 rows`, or `at least 10000 rows` when reading stopped at the row limit.
    package var rowCountText: String {
        let rows = rowsRead == 1 ? "1 row" : "\(rowsRead) rows"
        return reachedRowLimit ? "at least \(rows)" : rows
    }

    /// A preview cell: at most `previewCellCharacters` characters.
    package static func previewCell(_ value: String) -> String {
        // No more bytes than the limit means no more characters either: most cells never count them.
        value.utf8.count > previewCellCharacters && value.count > previewCellCharacters
            ? String(value.prefix(previewCellCharacters - 1)) + "…" : value
    }

    package init(path: String, format: SampleFormat, columns: [ColumnProfile], rowsRead: Int, reachedRowLimit: Bool) {
        self.path = path
        self.format = format
        self.columns = columns
        self.rowsRead = rowsRead
        self.reachedRowLimit = reachedRowLimit
    }

    package var columnNames: [String] { columns.map(\.name) }

    /// The first column with exactly this name.
    package func column(named name: String) -> ColumnProfile? {
        columns.first { $0.name == name }
    }
}
