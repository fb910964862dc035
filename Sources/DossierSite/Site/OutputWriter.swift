import DossierCore
import Foundation

/// Writes a site safely (SPEC 4): into a folder beside the output, then swapped in, so a failed
/// build leaves the previous site in place. It refuses to replace a non-empty folder that
/// Dossier did not make, and deletes only files that Dossier wrote: anything else found in an
/// old site (a CNAME, say) is carried over into the new one.
public enum OutputWriter {
    /// Lists every file Dossier wrote; its presence marks a folder as Dossier's.
    package static let manifestName = ".dossier-manifest"

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    package static func write(_ files: [SiteFile], to output: URL) throws {
        let fm = FileManager.default
        let outputPath = output.path
        let parent = output.deletingLastPathComponent().path
        let name = output.lastPathComponent
        var previousManifest: Set<String>?
        if ProjectFiles.exists(outputPath) {
            guard ProjectFiles.isDirectory(outputPath) else {
                throw Refusal(description: "\(outputPath) exists and is not a folder; choose another output with -o")
            }
            let contents = (try? fm.contentsOfDirectory(atPath: outputPath)) ?? []
            if !contents.isEmpty {
                guard let manifest = ProjectFiles.readText(outputPath + "/" + manifestName) else {
                    throw Refusal(description: "\(outputPath) is not empty and was not made by Dossier; refusing to replace it (choose another output with -o, or empty it yourself)")
                }
                previousManifest = Set(manifest.split(separator: "\n").map(String.init))
            }
        }
        try ProjectFiles.makeDirectories(parent)
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent + "/.\(name).dossier-new-\(pid)"
        let retired = parent + "/.\(name).dossier-old-\(pid)"
        try? fm.removeItem(atPath: staging)
        do {
            try writeAll(files, into: staging, reusing: previousManifest == nil ? nil : outputPath)
            if let previousManifest {
                try carryOver(from: outputPath, into: staging, written: previousManifest, newFiles: Set(files.map(\.path)))
                try fm.moveItem(atPath: outputPath, toPath: retired)
            } else if ProjectFiles.exists(outputPath) {
                try fm.removeItem(atPath: outputPath)  // an empty folder
            }
            try fm.moveItem(atPath: staging, toPath: outputPath)
        } catch {
            try? fm.removeItem(atPath: staging)
            if ProjectFiles.exists(retired), !ProjectFiles.exists(outputPath) { try? fm.moveItem(atPath: retired, toPath: outputPath) }
            throw error
        }
        // The retired site now holds only files Dossier wrote.
        ProjectFiles.removeTree(retired)
    }

    /// Writes every file into `folder`. A file whose bytes equal the previous site's file at the
    /// same path is hard-linked instead of written: a rebuild that changes a few pages then
    /// writes only those, and retiring the old site frees no blocks for the unchanged ones.
    package static func writeAll(_ files: [SiteFile], into folder: String, reusing previous: String? = nil) throws {
        var folders: Set<String> = [folder]
        for file in files {
            let dir = ProjectPath.directory(of: file.path)
            if !dir.isEmpty { folders.insert(folder + "/" + dir) }
        }
        for dir in folders.sorted() { try ProjectFiles.makeDirectories(dir) }
        let failures: [String?] = files.parallelMap { file in
            do {
                let path = folder + "/" + file.path
                func store(_ bytes: UnsafeRawBufferPointer) throws {
                    if let previous {
                        let old = previous + "/" + file.path
                        if ProjectFiles.hasContents(old, bytes), link(old, path) == 0 { return }
                    }
                    try ProjectFiles.write(bytes: bytes, to: path)
                }
                switch file.contents {
                case var .text(text): try text.withUTF8 { try store(UnsafeRawBufferPointer($0)) }
                case let .bytes(bytes): try bytes.withUnsafeBytes { try store($0) }
                }
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first {
            throw Refusal(description: "cannot write the site: \(failure)")
        }
        let manifest = (files.map(\.path) + [manifestName]).sorted().joined(separator: "\n") + "\n"
        try ProjectFiles.write(manifest, to: folder + "/" + manifestName)
    }

    /// Moves files that a person added to the old site (not in its manifest) into the new one.
    package static func carryOver(from old: String, into staging: String, written: Set<String>, newFiles: Set<String>) throws {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: old) else { return }
        var foreign: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if ProjectFiles.isDirectory(old + "/" + relative) { continue }
            if !written.contains(relative), relative != manifestName { foreign.append(relative) }
        }
        for relative in foreign.sorted() where !newFiles.contains(relative) {
            let target = staging + "/" + relative
            try ProjectFiles.makeDirectories(ProjectPath.directory(of: target))
            try fm.moveItem(atPath: old + "/" + relative, toPath: target)
        }
        // Keep a foreign file that collides with a new page next to it rather than losing it.
        for relative in foreign.sorted() where newFiles.contains(relative) {
            try fm.moveItem(atPath: old + "/" + relative, toPath: staging + "/" + relative + ".kept")
        }
    }
}
