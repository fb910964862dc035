import Foundation

/// The paths a stamp walk (`FileStamps.add(tree:)`) leaves out: those equal to one of `paths`,
/// ending with one of `suffixes` or starting with one of `prefixes` (as `String`s compare them), or
/// those `matching` says. Asked of every entry of a project: a path that is ASCII, like the texts,
/// is tested on its bytes (which is how `String` compares ASCII), without making a `String` of it
/// (about 17 M instructions of an edit build's walk at 10,000 documents, callgrind).
package struct SkippedPaths: Sendable {
    private var paths: [String] = []
    private var suffixes: [String] = []
    private var prefixes: [String] = []
    /// The three lists' bytes, when every text is ASCII without a CR or LF (which a `String` may
    /// join with the next into one Character): nil otherwise.
    private var asciiBytes: (paths: [[UInt8]], suffixes: [[UInt8]], prefixes: [[UInt8]])?
    private var matching: (@Sendable (String) -> Bool)?

    /// No path left out.
    package static let none = SkippedPaths()

    package init(paths: [String] = [], suffixes: [String] = [], prefixes: [String] = []) {
        self.paths = paths
        self.suffixes = suffixes
        self.prefixes = prefixes
        let texts = paths + suffixes + prefixes
        if texts.allSatisfy({ text in text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0A && $0 != 0x0D } }) {
            asciiBytes = (
                paths.map { Array($0.utf8) }, suffixes.map { Array($0.utf8) }, prefixes.map { Array($0.utf8) }
            )
        }
    }

    /// The paths for which `matching` (given the path with U+FFFD for bytes that are not UTF-8) is true.
    package init(matching: @escaping @Sendable (String) -> Bool) {
        self.matching = matching
    }

    /// True when the walk leaves out the entry at `path` (a folder is then not entered).
    func contains(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        if let matching { return matching(String(decoding: path, as: UTF8.self)) }
        if paths.isEmpty, suffixes.isEmpty, prefixes.isEmpty { return false }
        if let asciiBytes, !path.contains(where: { $0 >= 0x80 }) {
            return asciiBytes.paths.contains { $0.elementsEqual(path) }
                || asciiBytes.suffixes.contains { $0.count <= path.count && path.suffix($0.count).elementsEqual($0) }
                || asciiBytes.prefixes.contains { $0.count <= path.count && path.prefix($0.count).elementsEqual($0) }
        }
        let text = String(decoding: path, as: UTF8.self)
        return paths.contains(text) || suffixes.contains { text.hasSuffix($0) }
            || prefixes.contains { text.hasPrefix($0) }
    }
}
