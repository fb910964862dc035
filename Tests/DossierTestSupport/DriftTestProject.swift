import DossierCore
import Foundation

/// A throwaway project folder for drift tests; removed when the value goes away.
package final class DriftTestProject {
    package let root: URL

    package init() {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("dossier-drift-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `text` at a project-relative path, creating folders on the way.
    @discardableResult
    package func write(_ path: String, _ text: String) -> String {
        write(path, data: Data(text.utf8))
    }

    @discardableResult
    package func write(_ path: String, data: Data) -> String {
        let url = root.appendingPathComponent(path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url)
        return path
    }

    /// A location in a document, for inputs.
    package static func doc(_ line: Int, _ path: String = "docs/doc.md") -> SourceLocation {
        SourceLocation(path: path, line: line)
    }
}
