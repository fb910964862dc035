/// The memberwise initializer, for other targets: the build cache's saved documents
/// (`DocumentCodec`) rebuild front matter without parsing its YAML again.
extension YAMLValue.Entry {
    package static func restored(key: String, value: YAMLValue, line: Int, column: Int) -> Self {
        Self(key: key, value: value, line: line, column: column)
    }
}
