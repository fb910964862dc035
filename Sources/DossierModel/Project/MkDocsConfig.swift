import DossierCore
import DossierFormats
import Foundation

/// A way in from MkDocs: a project with `mkdocs.yml` and no `dossier.yml` builds from what
/// `mkdocs.yml` says — `site_name` (the title), `docs_dir` (which files are documents), `nav:`
/// (the order of pages in the navigation), `repo_url` and `edit_uri` (the branch edit links
/// point at). Everything else in it (theme, plugins, Markdown extensions) is MkDocs' own and is
/// left alone; `dossier.yml`, once written, wins.
package enum MkDocsConfig {
    package static let fileName = "mkdocs.yml"

    /// The configuration `mkdocs.yml` in `projectRoot` describes, or nil when there is none.
    /// A file that is not YAML gives a `config.yaml` error, as a malformed dossier.yml does.
    package static func load(projectRoot: URL) -> (ProjectConfig, [Finding])? {
        let data: [UInt8]
        do throws(DriftFileProblem) {
            data = try ProjectFiles(projectRoot: projectRoot).bytes(fileName, limit: 1024 * 1024)
        } catch {
            if error.isMissing { return nil }
            return (
                ProjectConfig(),
                [
                    Finding(
                        .error, "config.unreadable", "cannot read \(fileName): \(error.reason)",
                        at: SourceLocation(path: fileName))
                ]
            )
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return (
                ProjectConfig(),
                [
                    Finding(
                        .error, "config.encoding", "\(fileName) is not valid UTF-8",
                        at: SourceLocation(path: fileName))
                ]
            )
        }
        // MkDocs files often hold Python tags (`!!python/name:…`, `!ENV`); their values do not
        // matter here, so the tags are dropped before parsing.
        let untagged = text.replacingOccurrences(of: #"!!?[A-Za-z][\w/:.\-]*"#, with: "", options: .regularExpression)
        let value: YAMLValue
        switch FrontMatter.parse(untagged, path: fileName) {
        case let .success(parsed):
            value = parsed
        case let .failure(finding):
            var adjusted = finding
            adjusted.rule = "config.yaml"
            adjusted.message = adjusted.message.replacingOccurrences(
                of: "malformed YAML front matter",
                with: "malformed \(fileName)")
            adjusted.location.line = max(1, adjusted.location.line - 1)
            return (ProjectConfig(), [adjusted])
        }
        var config = ProjectConfig()
        config.fromMkDocs = true
        guard let entries = value.entries else { return (config, []) }
        var docsDir = "docs"
        var navValue: YAMLValue?
        var editURI: String?
        for entry in entries {
            switch entry.key {
            case "site_name": config.title = entry.value.scalarText
            case "docs_dir": if let dir = entry.value.scalarText, !dir.isEmpty { docsDir = dir }
            case "repo_url":
                if let url = entry.value.scalarText {
                    config.repoURL = url.hasSuffix("/") ? String(url.dropLast()) : url
                }
            case "edit_uri": editURI = entry.value.scalarText
            case "site_url":
                if let url = entry.value.scalarText, !url.isEmpty {
                    config.baseURL = url.hasSuffix("/") ? url : url + "/"
                }
            case "nav": navValue = entry.value
            default: break
            }
        }
        // A docs_dir that leaves the project (`../elsewhere`) is not followed: the project's own files.
        docsDir = ProjectPath.resolve(docsDir) ?? ""
        config.docs = docsDir.isEmpty ? [] : [docsDir + "/**"]
        let prefix = docsDir.isEmpty ? "" : docsDir + "/"
        // `edit/BRANCH/…` (GitHub) or `-/edit/BRANCH/…` (GitLab) names the branch.
        if let editURI {
            let parts = editURI.split(separator: "/").map(String.init)
            if let at = parts.firstIndex(of: "edit"), at + 1 < parts.count {
                config.repoBranch = parts[at + 1]
                config.repoBranchGiven = true
            }
        }
        if let navValue {
            config.navTree = NavEntry.parse(navValue, prefix: prefix)
            config.nav = config.navTree.flatMap(\.paths)
        }
        return (config, [])
    }
}
