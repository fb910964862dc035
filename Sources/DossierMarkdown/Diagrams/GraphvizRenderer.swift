import DossierCore
import Foundation

/// Runs Graphviz's `dot` on one diagram and returns sanitized inline SVG.
///
/// Bounded: the source is at most `maxInputBytes`, the process is killed after `timeout`
/// seconds and its output is capped, so a hostile diagram cannot stall or flood the build.
package struct GraphvizRenderer: Sendable {
    package var executable: String
    package var timeout: Double = 10
    package static let maxInputBytes = 64 * 1024
    package static let maxOutputBytes = 4 * 1024 * 1024

    package init(executable: String) {
        self.executable = executable
    }

    /// `dot` from `explicit` when given (tests pass a missing path), else from `PATH`; nil when
    /// it is not there.
    package static func locate(explicit: String? = nil) -> String? {
        if let explicit { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = String(folder) + "/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The diagram as SVG, or nil when `dot` fails, times out, or the source is too large.
    package func render(_ source: String) -> String? {
        guard source.utf8.count <= Self.maxInputBytes else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let writer = DispatchQueue(label: "dossier.dot.stdin")
        writer.async {
            input.fileHandleForWriting.write(Data(source.utf8))
            try? input.fileHandleForWriting.close()
        }
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        var data = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            if data.count < Self.maxOutputBytes { data.append(chunk) }
        }
        process.waitUntilExit()
        deadline.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0, data.count <= Self.maxOutputBytes,
            let svg = String(data: data, encoding: .utf8)
        else { return nil }
        return Self.sanitize(svg)
    }

    /// The `<svg>` element only (no prolog, doctype or comments), with no script, no
    /// `foreignObject`, no links and no event-handler attributes.
    package static func sanitize(_ svg: String) -> String? {
        guard let start = svg.range(of: "<svg") else { return nil }
        var text = String(svg[start.lowerBound...])
        let patterns = [
            "<!--[\\s\\S]*?-->",
            "<script[\\s\\S]*?</script\\s*>", "<script[^>]*/>",
            "<foreignObject[\\s\\S]*?</foreignObject\\s*>", "<foreignObject[^>]*/>",
            "</?a(\\s[^>]*)?>",
            "\\s(on[a-zA-Z]+|xlink:href|href)\\s*=\\s*(\"[^\"]*\"|'[^']*')",
        ]
        for pattern in patterns {
            text = text.replacingOccurrences(of: pattern, with: "", options: [.regularExpression, .caseInsensitive])
        }
        // Anything of these left (an unclosed tag) means the SVG is not one to trust.
        let lowered = text.lowercased()
        if lowered.contains("<script") || lowered.contains("<foreignobject") || lowered.contains("javascript:") {
            return nil
        }
        return text
    }
}
