// TEMPORARY until the real search index lands.
public struct SearchEntry: Sendable {
    public var url: String
    public var title: String
    public var kind: String
    public var headings: [String]
    public var text: String
    public var fields: [String]
    public var params: [String]
    public init(url: String, title: String, kind: String, headings: [String], text: String, fields: [String], params: [String]) {
        self.url = url; self.title = title; self.kind = kind; self.headings = headings; self.text = text; self.fields = fields; self.params = params
    }
}
public enum SearchIndex {
    public static func files(for entries: [SearchEntry]) -> [(path: String, contents: String)] { [] }
}
