import DossierCore
import Foundation

/// Checks a built site the way a browser would: every relative href and src of every page
/// must name a file of the site (and an id on that page, for #anchors); nothing may point at
/// another host's scripts or styles, or outside the output folder.
package enum LinkChecker {
    package struct Problem: CustomStringConvertible {
        package var page: String
        package var link: String
        package var reason: String
        package var description: String { "\(page): \(link): \(reason)" }
    }

    package static func check(site: URL) -> (pages: Int, links: Int, problems: [Problem]) {
        let files = allFiles(site)
        var ids: [String: Set<String>] = [:]
        for file in files where file.hasSuffix(".html") {
            ids[file] = Set(attributes("id", in: ProjectFiles.readText(site.appendingPathComponent(file).path) ?? ""))
        }
        var problems: [Problem] = []
        var count = 0
        for file in files.sorted() where file.hasSuffix(".html") && file != "404.html" {
            let html = ProjectFiles.readText(site.appendingPathComponent(file).path) ?? ""
            for link in attributes("href", in: html) + attributes("src", in: html) {
                count += 1
                if link.hasPrefix("https://") || link.hasPrefix("http://") || link.hasPrefix("mailto:") {
                    continue
                }
                if link.lowercased().hasPrefix("javascript:") {
                    problems.append(Problem(page: file, link: link, reason: "javascript URL"))
                    continue
                }
                var target = link
                var anchor: String?
                if let hash = link.firstIndex(of: "#") {
                    target = String(link[..<hash])
                    anchor = String(link[link.index(after: hash)...])
                }
                let resolvedPath: String
                if target.isEmpty {
                    resolvedPath = file
                } else {
                    guard
                        let resolved = ProjectPath.resolve(
                            target.removingPercentEncoding ?? target, relativeTo: ProjectPath.directory(of: file))
                    else {
                        problems.append(Problem(page: file, link: link, reason: "leaves the output folder"))
                        continue
                    }
                    resolvedPath = resolved
                }
                guard files.contains(resolvedPath) else {
                    problems.append(Problem(page: file, link: link, reason: "no such file \(resolvedPath)"))
                    continue
                }
                if let anchor, !anchor.isEmpty, resolvedPath.hasSuffix(".html"),
                    !(ids[resolvedPath]?.contains(anchor) ?? false)
                {
                    problems.append(Problem(page: file, link: link, reason: "no id \(anchor) in \(resolvedPath)"))
                }
            }
        }
        return (ids.count, count, problems)
    }

    package static func allFiles(_ root: URL) -> Set<String> {
        var out: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            if !ProjectFiles.isDirectory(root.appendingPathComponent(path).path) { out.insert(path) }
        }
        return out
    }

    /// Values of `name="…"` attributes (the builder always double-quotes), unescaped.
    package static func attributes(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        let needle = " \(name)=\""
        var rest = html[...]
        while let range = rest.range(of: needle) {
            let start = range.upperBound
            guard let end = rest[start...].firstIndex(of: "\"") else { break }
            values.append(
                String(rest[start..<end]).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(
                    of: "&#39;", with: "'"))
            rest = rest[end...]
        }
        return values
    }
}

/// Runs the built `dossier` executable.
package enum DossierExecutable {
    package static var url: URL? {
        var candidates: [URL] = []
        let here = Bundle.main.bundleURL
        candidates.append(here.appendingPathComponent("dossier"))
        candidates.append(here.deletingLastPathComponent().appendingPathComponent("dossier"))
        for config in ["debug", "release"] {
            candidates.append(Repository.root.appendingPathComponent(".build/\(config)/dossier"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    package static func run(
        _ arguments: [String], in directory: URL? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let url else { throw ProjectFiles.Failure(path: "dossier", reason: "executable not built") }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}
