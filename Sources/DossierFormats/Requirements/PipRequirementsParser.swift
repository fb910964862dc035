import DossierCore
import Foundation

/// Reads pip requirements files (`requirements*.txt`, `*.in`) the way pip does.
///
/// Handles comments, `\` continuations, `-r`/`-c` includes relative to the including file
/// (each file read once, so include cycles end), per-requirement options such as `--hash=`,
/// and passes over what names no versioned package: `-e`, index options, bare URLs and paths.
package struct PipRequirementsParser {
    package let reader: ProjectFiles
    private(set) var entries: [RequirementPin] = []
    private(set) var problems: [DriftFileProblem] = []
    private var visited: Set<String> = []

    package init(reader: ProjectFiles) {
        self.reader = reader
    }

    /// Parses a file; throws only when that file itself cannot be read.
    package mutating func parseFile(_ path: String, group: String?) throws(DriftFileProblem) {
        guard visited.insert(path).inserted else { return }
        let text = try reader.text(path)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated().map { (text: String($0.element), line: $0.offset + 1) }
        parseLines(lines, path: path, group: group)
    }

    /// Parses requirement lines that live in `path` (a requirements file or the `pip:` list of
    /// an environment.yml); includes are resolved against `path`'s folder.
    package mutating func parseLines(_ lines: [(text: String, line: Int)], path: String, group: String?) {
        for (text, line) in Self.logicalLines(lines) {
            let content = Self.withoutComment(text).trimmedSpaces()
            if content.isEmpty { continue }
            if content.hasPrefix("-") {
                parseOption(content, path: path, line: line, group: group)
            } else if let pin = Self.pin(content, location: SourceLocation(path: path, line: line), group: group) {
                entries.append(pin)
            }
        }
    }

    /// Joins lines ending in `\` with the next; a comment line never continues.
    package static func logicalLines(_ lines: [(text: String, line: Int)]) -> [(text: String, line: Int)] {
        var result: [(text: String, line: Int)] = []
        var buffer = ""
        var start = 0
        for (text, line) in lines {
            if buffer.isEmpty { start = line }
            let isComment = text.trimmedSpaces().hasPrefix("#")
            if text.hasSuffix("\\"), !isComment {
                buffer += text.dropLast()
                continue
            }
            buffer += text
            result.append((buffer, start))
            buffer = ""
        }
        if !buffer.isEmpty { result.append((buffer, start)) }
        return result
    }

    /// pip's rule: `#` starts a comment at the start of a line or after whitespace.
    package static func withoutComment(_ text: String) -> Substring {
        var previous: Character = " "
        for index in text.indices {
            if text[index] == "#", previous.isWhitespace { return text[..<index] }
            previous = text[index]
        }
        return Substring(text)
    }

    private mutating func parseOption(_ content: String, path: String, line: Int, group: String?) {
        let includeOptions: [(option: String, group: String?)] = [
            ("--requirement", group), ("-r", group), ("--constraint", "constraints"), ("-c", "constraints"),
        ]
        for (option, includedGroup) in includeOptions where content.hasPrefix(option) {
            var value = content.dropFirst(option.count)
            // `--requirement=x`, `--requirement x` and `-rx` all name x; `--requirements` does not.
            if value.first == "=" {
                value = value.dropFirst()
            } else if option.hasPrefix("--"), let first = value.first, !first.isWhitespace {
                continue
            }
            let target = value.trimmedSpaces()
            guard !target.isEmpty else { return }
            include(target, from: path, line: line, group: includedGroup)
            return
        }
        // Every other option (-e, --index-url, --find-links, --pre, …) names no pinned package.
    }

    private mutating func include(_ target: String, from path: String, line: Int, group: String?) {
        if target.contains("://") { return }  // a remote file: nothing to read offline
        guard let resolved = ProjectFiles.join(directoryOf: path, target) else {
            problems.append(
                DriftFileProblem(path: path, line: line, reason: "the included file \(target) lies outside the project")
            )
            return
        }
        do {
            try parseFile(resolved, group: group)
        } catch {
            problems.append(
                DriftFileProblem(
                    path: path, line: line,
                    reason: "the included file \(target) cannot be read: \(error.reason)", isMissing: error.isMissing
                ))
        }
    }

    /// One requirement line as a pin; nil for URLs, paths and wheel files that name no version.
    package static func pin(_ content: String, location: SourceLocation, group: String?) -> RequirementPin? {
        // Per-requirement options (`--hash=sha256:…`, `--config-settings`) follow the requirement.
        var requirementText = content
        if let optionStart = content.range(of: " --") ?? content.range(of: "\t--") {
            requirementText = String(content[..<optionStart.lowerBound])
        }
        let lower = requirementText.lowercased()
        let archiveSuffixes = [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"]
        guard !archiveSuffixes.contains(where: { lower.hasSuffix($0) }) || requirementText.contains("@"),
            let requirement = PEP508Requirement(requirementText)
        else { return nil }
        // `git+https://…` parses as a package called "git": a URL, not a requirement.
        if requirement.url == nil,
            requirement.specifier.contains("://") || requirement.specifier.hasPrefix("+")
                || requirement.specifier.hasPrefix(":")
        {
            return nil
        }
        return RequirementPin(
            writtenName: requirement.name,
            specifier: requirement.url.map { "@ \($0)" } ?? requirement.specifier,
            constraint: requirement.constraint,
            marker: requirement.marker,
            group: group,
            location: location
        )
    }
}
