// TEMPORARY until the real highlighter lands.
public enum SyntaxHighlighter {
    public static func highlight(_ code: String, language: String) -> String { HTML.escape(code) }
    public static func pseudocodeLines(_ code: String) -> [String] { code.split(separator: "\n", omittingEmptySubsequences: false).map { HTML.escape(String($0)) } }
}
