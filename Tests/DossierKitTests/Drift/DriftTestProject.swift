import Foundation
@testable import DossierKit

/// A throwaway project folder for drift tests; removed when the value goes away.
final class DriftTestProject {
    let root: URL

    init() {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("dossier-drift-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `text` at a project-relative path, creating folders on the way.
    @discardableResult
    func write(_ path: String, _ text: String) -> String {
        write(path, data: Data(text.utf8))
    }

    @discardableResult
    func write(_ path: String, data: Data) -> String {
        let url = root.appendingPathComponent(path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url)
        return path
    }

    /// A location in a document, for inputs.
    static func doc(_ line: Int, _ path: String = "docs/doc.md") -> SourceLocation {
        SourceLocation(path: path, line: line)
    }
}
