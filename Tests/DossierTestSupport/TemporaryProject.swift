import DossierChecks
import DossierCore
import Foundation

/// A project folder in /tmp, written from a dictionary of files, removed by `remove()`.
package struct TemporaryProject {
    package let url: URL
    package var path: String { url.path }

    package init(_ files: [String: String] = [:]) throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    package func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    package func write(_ path: String, bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    package func read(_ path: String) -> String? {
        ProjectFiles.readText(url.appendingPathComponent(path).path)
    }

    package func exists(_ path: String) -> Bool {
        ProjectFiles.exists(url.appendingPathComponent(path).path)
    }

    package func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Loads the project as `build` and `check` do.
    package func load(_ options: BuildOptions = BuildOptions()) throws -> LoadedProject {
        try ProjectLoader.load(root: path, options: options)
    }
}

/// The repository's root, found from this file's path (tests run from .build).
package enum Repository {
    package static var root: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url = url.deletingLastPathComponent() }
        return url
    }

    package static var exampleProject: URL { root.appendingPathComponent("ExampleProject") }
}

extension Array where Element == Finding {
    package func rules() -> [String] { map(\.rule) }
    package func with(rule: String) -> [Finding] { filter { $0.rule == rule } }
}
