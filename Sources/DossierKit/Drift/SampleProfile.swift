/// What a data sample holds: its columns in file order and how many rows were read.
public struct SampleProfile: Sendable, Hashable, Codable {
    /// The sample's path as the project names it.
    public var path: String
    public var format: SampleFormat
    /// Columns in file order (for JSON Lines: in order of first appearance).
    public var columns: [ColumnProfile]
    /// Data rows read (the header and blank lines are not rows).
    public var rowsRead: Int
    /// True when reading stopped at the reader's `maxRows`: the file may hold more rows.
    public var reachedRowLimit: Bool

    public init(path: String, format: SampleFormat, columns: [ColumnProfile], rowsRead: Int, reachedRowLimit: Bool) {
        self.path = path
        self.format = format
        self.columns = columns
        self.rowsRead = rowsRead
        self.reachedRowLimit = reachedRowLimit
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// The first column with exactly this name.
    public func column(named name: String) -> ColumnProfile? {
        columns.first { $0.name == name }
    }
}
