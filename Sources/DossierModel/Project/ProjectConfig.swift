import DossierCore
import DossierFormats
import Foundation

/// `dossier.yml`: every key optional, every key with a default (SPEC 1.1).
package struct ProjectConfig: Sendable {
    package var title: String?
    /// Globs of documents; empty means every `*.md` in the project.
    package var docs: [String] = []
    package var exclude: [String] = []
    /// The output folder, relative to the project root unless absolute.
    package var output: String = "site"
    package var baseURL: String?
    package var repoURL: String?
    /// The branch `repo_url` links point at (`edit_branch`; when not given, the repository's
    /// default branch from git, which the loader fills in, else main).
    package var repoBranch: String = "main"
    /// Whether `edit_branch` was written in dossier.yml.
    package var repoBranchGiven = false
    package var theme: String = "default"
    package var warnAfterCommits: Int = 1
    package var errorAfterDays: Int = 180
    package var unsafeHTML: Bool = false
    package var strict: Bool = false
    /// Rows of a data sample read for drift checks.
    package var sampleRows: Int = 10_000
    /// Absolute tolerance when documented metrics are compared with recorded ones.
    package var metricTolerance: Double = 1e-3
    /// `drift.environment.require_all_packages`: whether every pinned package must be documented
    /// (off by default: environment pages list their key packages and point at the file).
    package var requireAllPackages: Bool = false
    /// `structure.depth`: how deep the Repository page shows the project's tree.
    package var structureDepth: Int = 3
    /// `structure:` path → explanation, the first source of the Repository page's explanations.
    package var structure: [String: String] = [:]
    /// Where each finding rule's page is (`rule_docs_url`): SARIF's `helpUri`, `--format github`
    /// annotations and the banners on pages link to `<rule_docs_url><rule id>.html`. By default
    /// Dossier's own published documentation; a team that mirrors it (offline, say) points here.
    package var ruleDocsURL: String = ProjectConfig.defaultRuleDocsURL
    /// `nav`: document paths (relative to the project) in the order the navigation lists them;
    /// pages not named follow, by path.
    package var nav: [String] = []
    /// The same `nav:` with its sections and titles (MkDocs' nesting), for the sidebar.
    package var navTree: [NavEntry] = []
    /// Read from `mkdocs.yml` (no dossier.yml): findings name that file.
    package var fromMkDocs = false

    /// Dossier's published documentation (`docs/` of its repository), rules folder.
    package static let defaultRuleDocsURL = "https://dossier-docs.github.io/dossier/rules/"

    package init() {}

    /// The page that explains `rule` (a rule id such as `reference.unresolved`).
    package func ruleURL(_ rule: String) -> String {
        ruleDocsURL + rule + ".html"
    }

    package static let knownKeys = [
        "title", "docs", "exclude", "output", "base_url", "repo_url", "edit_branch", "theme",
        "staleness", "unsafe_html", "strict", "drift", "structure", "rule_docs_url", "nav",
    ]

    /// The configuration file names looked for in a project folder, in this order.
    package static let fileNames = ["dossier.yml", "dossier.yaml"]

    /// The configuration file in `projectRoot` (`dossier.yml`, else `dossier.yaml`), if any.
    package static func fileName(in projectRoot: URL) -> String? {
        fileNames.first {
            let path = projectRoot.appendingPathComponent($0).path
            return ProjectFiles.exists(path) && !ProjectFiles.isDirectory(path)
        }
    }

    /// Reads `dossier.yml` (or `dossier.yaml`, or `file`: a path relative to the project root that
    /// `--config` names) from the project root. A missing file gives the defaults; a malformed one
    /// gives an error finding (and the build writes nothing).
    package static func load(projectRoot: URL, file: String? = nil) -> (ProjectConfig, [Finding]) {
        if file == nil, fileName(in: projectRoot) == nil, let mkdocs = MkDocsConfig.load(projectRoot: projectRoot) {
            return mkdocs
        }
        let path = file ?? fileName(in: projectRoot) ?? "dossier.yml"
        var config = ProjectConfig()
        let data: Data
        do throws(DriftFileProblem) {
            data = Data(try ProjectFiles(projectRoot: projectRoot).bytes(path, limit: 1024 * 1024))
        } catch {
            // A file named with --config must exist; the default names are optional.
            if error.isMissing && file == nil { return (config, []) }
            return (
                config,
                [
                    Finding(
                        .error, "config.unreadable", "cannot read \(path): \(error.reason)",
                        at: SourceLocation(path: path))
                ]
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (
                config,
                [Finding(.error, "config.encoding", "\(path) is not valid UTF-8", at: SourceLocation(path: path))]
            )
        }
        let value: YAMLValue
        switch FrontMatter.parse(text, path: path) {
        case let .success(parsed):
            value = parsed
        case let .failure(finding):
            // FrontMatter.parse counts the opening `---`; dossier.yml has none.
            var adjusted = finding
            adjusted.rule = "config.yaml"
            adjusted.message = adjusted.message.replacingOccurrences(
                of: "malformed YAML front matter", with: "malformed \(path)")
            adjusted.location.line = max(1, adjusted.location.line - 1)
            return (config, [adjusted])
        }
        if case .null = value.content { return (config, []) }
        guard let entries = value.entries else {
            return (
                config,
                [
                    Finding(
                        .error, "config.type", "\(path) must be a mapping of `key: value` lines",
                        at: SourceLocation(path: path))
                ]
            )
        }
        var findings: [Finding] = []
        func at(_ v: YAMLValue) -> SourceLocation { SourceLocation(path: path, line: v.line - 1, column: v.column) }
        func expect(_ what: String, _ entry: YAMLValue.Entry) {
            findings.append(
                Finding(
                    .error, "config.type", "`\(entry.key)` must be \(what); found \(entry.value.typeDescription)",
                    at: at(entry.value)))
        }
        for entry in entries {
            let v = entry.value
            switch entry.key {
            case "title": if let s = v.scalarText { config.title = s } else { expect("a string", entry) }
            case "docs": if let l = v.stringList { config.docs = l } else { expect("a list of globs", entry) }
            case "exclude": if let l = v.stringList { config.exclude = l } else { expect("a list of globs", entry) }
            case "output":
                if let s = v.scalarText, !s.isEmpty { config.output = s } else { expect("a folder path", entry) }
            case "base_url", "repo_url":
                // Both land in href attributes of every page: only web addresses may.
                guard let s = v.scalarText else { expect("a URL", entry); continue }
                if let problem = webURLProblem(s) {
                    findings.append(Finding(.error, "config.type", "`\(entry.key)` \(problem)", at: at(v)))
                } else if entry.key == "base_url" {
                    config.baseURL = s.hasSuffix("/") ? s : s + "/"
                } else {
                    config.repoURL = s.hasSuffix("/") ? String(s.dropLast()) : s
                }
            case "edit_branch":
                if let s = v.scalarText {
                    config.repoBranch = s; config.repoBranchGiven = true
                } else {
                    expect("a branch name", entry)
                }
            case "theme": if let s = v.scalarText { config.theme = s } else { expect("a theme name or path", entry) }
            case "nav":
                if v.list != nil {
                    config.navTree = NavEntry.parse(v)
                    config.nav = config.navTree.flatMap(\.paths)
                } else {
                    expect("a list of paths (or `Title: path` entries)", entry)
                }
            case "rule_docs_url":
                if let s = v.scalarText, !s.isEmpty {
                    config.ruleDocsURL = s.hasSuffix("/") ? s : s + "/"
                } else {
                    expect("a URL", entry)
                }
            case "unsafe_html":
                if case let .bool(b) = v.content { config.unsafeHTML = b } else { expect("true or false", entry) }
            case "strict":
                if case let .bool(b) = v.content { config.strict = b } else { expect("true or false", entry) }
            case "staleness":
                guard let sub = v.entries else { expect("a mapping", entry); continue }
                for s in sub {
                    switch s.key {
                    case "warn_after_commits":
                        if case let .int(n) = s.value.content, n >= 1 {
                            config.warnAfterCommits = n
                        } else {
                            expect("a whole number of at least 1", s)
                        }
                    case "error_after_days":
                        if case let .int(n) = s.value.content, n >= 0 {
                            config.errorAfterDays = n
                        } else {
                            expect("a whole number of days", s)
                        }
                    default:
                        findings.append(
                            Finding(
                                .warning, "config.unknown-key",
                                "unknown key `staleness.\(s.key)`"
                                    + ClosestMatch.suggestion(s.key, in: ["warn_after_commits", "error_after_days"]),
                                at: SourceLocation(path: path, line: s.line - 1, column: s.column)))
                    }
                }
            case "drift":
                guard let sub = v.entries else { expect("a mapping", entry); continue }
                for s in sub {
                    switch s.key {
                    case "sample_rows":
                        if case let .int(n) = s.value.content, n >= 1 {
                            config.sampleRows = n
                        } else {
                            expect("a whole number of rows", s)
                        }
                    case "metric_tolerance":
                        if let n = s.value.number, n >= 0 { config.metricTolerance = n } else { expect("a number", s) }
                    case "environment":
                        guard let options = s.value.entries else { expect("a mapping", s); continue }
                        for option in options {
                            if option.key == "require_all_packages" {
                                if case let .bool(b) = option.value.content {
                                    config.requireAllPackages = b
                                } else {
                                    expect("true or false", option)
                                }
                            } else {
                                findings.append(
                                    Finding(
                                        .warning, "config.unknown-key",
                                        "unknown key `drift.environment.\(option.key)`"
                                            + ClosestMatch.suggestion(option.key, in: ["require_all_packages"]),
                                        at: SourceLocation(path: path, line: option.line - 1, column: option.column)))
                            }
                        }
                    default:
                        findings.append(
                            Finding(
                                .warning, "config.unknown-key",
                                "unknown key `drift.\(s.key)`"
                                    + ClosestMatch.suggestion(
                                        s.key, in: ["sample_rows", "metric_tolerance", "environment"]),
                                at: SourceLocation(path: path, line: s.line - 1, column: s.column)))
                    }
                }
            case "structure":
                // `depth` sets the tree's depth; every other key is a path with its explanation.
                guard let sub = v.entries else { expect("a mapping of paths to explanations", entry); continue }
                for s in sub {
                    if s.key == "depth" {
                        if case let .int(n) = s.value.content, n >= 1 {
                            config.structureDepth = n
                        } else {
                            expect("a whole number of at least 1", s)
                        }
                    } else if let text = s.value.scalarText {
                        let key = s.key.hasSuffix("/") && s.key.count > 1 ? String(s.key.dropLast()) : s.key
                        config.structure[key] = text
                    } else {
                        expect("an explanation (text)", s)
                    }
                }
            default:
                findings.append(
                    Finding(
                        .warning, "config.unknown-key",
                        "unknown key `\(entry.key)` in \(path)"
                            + ClosestMatch.suggestion(entry.key, in: knownKeys),
                        at: SourceLocation(path: path, line: entry.line - 1, column: entry.column)))
            }
        }
        return (config, findings)
    }

    /// Why `url` cannot be a link target taken from configuration, or nil when it is an absolute
    /// `http://` or `https://` URL with a host. Anything else (`javascript:`, `data:`, `file:`,
    /// scheme-relative `//host`, spaces or control characters that browsers strip) is refused:
    /// these values become the href of links on every page.
    package static func webURLProblem(_ url: String) -> String? {
        let refusal = "must be an absolute http:// or https:// URL; found `\(url)`"
        for byte in url.utf8
        where byte <= 0x20 || byte == 0x7F || byte == 0x22 || byte == 0x27 || byte == 0x3C
            || byte == 0x3E || byte == 0x5C || byte == 0x60
        {
            return refusal
        }
        let lowered = url.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let host = lowered.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return host.isEmpty || host.hasPrefix("@") ? refusal : nil
        }
        return refusal
    }
}
