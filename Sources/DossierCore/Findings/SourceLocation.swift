/// A place in a project file: path relative to the project root, 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    package init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
