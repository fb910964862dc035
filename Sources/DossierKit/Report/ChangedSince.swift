import DossierChecks
import DossierCore
import DossierFormats
import DossierModel
import Foundation

/// `dossier check --changed-since REF`: the findings a pull request is answerable for. A finding
/// is kept when it is about a file changed since REF, or belongs to a document that changed,
/// or that names a changed file (a code reference, a data file, any front-matter path), or that
/// links to a changed document — so a document made stale or drifted by a code or data change
/// is reported with it. The changed files come from one `git diff --name-only REF` in the
/// project folder (committed and uncommitted changes of tracked files, project-relative).
public enum ChangedSince {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The project with only the findings `changed` makes relevant.
    public static func filter(_ project: LoadedProject, since ref: String) throws -> LoadedProject {
        filter(project, changed: try changedPaths(root: project.root.path, since: ref))
    }

    /// The project-relative paths changed since `ref`.
    package static func changedPaths(root: String, since ref: String) throws -> Set<String> {
        guard !ref.hasPrefix("-") else { throw Failure(description: "`\(ref)` is not a git revision") }
        guard let git = GitProcess.locate() else { throw Failure(description: "--changed-since needs git on PATH") }
        guard
            let output = GitProcess.run(
                git, ["diff", "--name-only", "--relative", "--no-renames", "-z", ref, "--"],
                in: root)
        else {
            throw Failure(description: "cannot run git in \(root)")
        }
        guard output.status == 0 else {
            throw Failure(description: "git cannot compare with `\(ref)`: \(output.errorText)")
        }
        let names = output.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return Set(names.filter { !$0.isEmpty })
    }

    package static func filter(_ project: LoadedProject, changed: Set<String>) -> LoadedProject {
        func touches(_ path: String) -> Bool {
            var path = path
            while path.hasPrefix("./") { path.removeFirst(2) }
            if path.hasSuffix("/") { path.removeLast() }
            guard !path.isEmpty else { return false }
            if changed.contains(path) { return true }
            // A folder reference: any change inside it.
            return changed.contains { $0.hasPrefix(path + "/") }
        }
        let documents = project.documents
        var affected = documents.map { document in
            touches(document.path)
                || document.codeReferences.contains { touches(String($0.text.prefix { $0 != "#" })) }
                || document.references.contains { $0.path.map(touches) ?? false }
                || frontMatterStrings(document.frontMatter).contains(where: touches)
        }
        // A document linking to a changed document may now point at a renamed or retitled one.
        let changedDocuments = affected
        for i in documents.indices where !affected[i] {
            affected[i] = project.index.outgoing[i].contains { changedDocuments[$0.to] }
        }
        var filtered = project
        filtered.findings = project.findings.filter { finding in
            if let i = project.index.byPath[finding.location.path] { return affected[i] }
            return touches(finding.location.path)
        }
        filtered.documentFindings = project.documentFindings.indices.map {
            affected[$0] ? project.documentFindings[$0] : []
        }
        return filtered
    }

    /// Every string scalar in the front matter, at any depth (paths hide in lists and maps).
    private static func frontMatterStrings(_ value: YAMLValue?) -> [String] {
        guard let value else { return [] }
        switch value.content {
        case let .string(text):
            return [text.trimmingCharacters(in: .whitespaces).split(separator: "#").first.map(String.init) ?? text]
        case let .list(items): return items.flatMap(frontMatterStrings)
        case let .map(entries): return entries.flatMap { frontMatterStrings($0.value) }
        default: return []
        }
    }
}
