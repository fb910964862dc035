import DossierChecks
import DossierCore
import DossierModel
import Foundation

/// `dossier check`'s report in the formats CI systems read (SPEC 2).
public struct FindingReport: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, github, sarif, junit, markdown
    }

    package let findings: [Finding]
    /// Findings that fail the run (errors, warnings under strict, not in the baseline).
    public let failing: [Finding]
    package let documentPaths: [String]
    package let strict: Bool
    /// Where each rule is explained (`rule_docs_url` in dossier.yml).
    package let config: ProjectConfig

    /// `baseline`: findings accepted as they are; only findings not in it fail.
    public init(project: LoadedProject, strict: Bool, baseline: Baseline? = nil) {
        findings = project.findings
        documentPaths = project.documents.map(\.path)
        self.strict = strict
        config = project.config
        let candidates = project.findings.filter { $0.severity == .error || strict }
        failing = baseline.map { $0.newFindings(in: candidates) } ?? candidates
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: text()
        case .json: json()
        case .github: github()
        case .sarif: sarif()
        case .junit: junit()
        case .markdown: markdown()
        }
    }

    package var errorCount: Int { findings.filter { $0.severity == .error }.count }
    package var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    package var summaryLine: String {
        "\(documentPaths.count) documents: \(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")"
            + (failing.count != findings.filter { $0.severity == .error || strict }.count
                ? ", \(failing.count) new" : "")
    }

    package func text() -> String {
        findings.map { $0.formatted + "\n" }.joined() + summaryLine + "\n"
    }

    /// Machine-readable, and the baseline format: `--baseline` reads it back.
    package func json() -> String {
        struct Entry: Encodable {
            var rule, severity, path, message, fingerprint: String
            var line, column: Int
            var state: String?
        }
        struct Document: Encodable {
            var version = 1
            var tool = "dossier"
            /// Which Dossier wrote the report (a baseline records it too).
            var toolVersion = Dossier.version
            var summary: [String: Int]
            var findings: [Entry]
        }
        let entries = findings.map {
            Entry(
                rule: $0.rule, severity: $0.severity.rawValue, path: $0.location.path, message: $0.message,
                fingerprint: Baseline.fingerprint($0), line: $0.location.line, column: $0.location.column,
                state: $0.state?.rawValue)
        }
        let document = Document(
            summary: [
                "documents": documentPaths.count, "errors": errorCount, "warnings": warningCount,
                "failing": failing.count,
            ],
            findings: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// GitHub Actions workflow commands: annotations on the pull request's files.
    package func github() -> String {
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var out = ""
        for finding in findings {
            let command = finding.severity == .error ? "error" : "warning"
            let l = finding.location
            out +=
                "::\(command) file=\(escapeProperty(l.path)),line=\(l.line),col=\(l.column),"
                + "title=\(escapeProperty("dossier " + finding.rule))::"
                + "\(escapeData(finding.message)) (\(escapeData(config.ruleURL(finding.rule))))\n"
        }
        out += summaryLine + "\n"
        return out
    }

    /// SARIF 2.1.0, for code-scanning dashboards.
    package func sarif() -> String {
        let rules = Array(Set(findings.map(\.rule))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        let ruleObjects: [[String: Any]] = rules.map { rule in
            [
                "id": rule, "name": rule, "shortDescription": ["text": RuleCatalog.description(of: rule)],
                "helpUri": config.ruleURL(rule),
                "defaultConfiguration": [
                    "level": findings.first { $0.rule == rule }?.severity == .error ? "error" : "warning"
                ],
            ]
        }
        let results: [[String: Any]] = findings.map { finding in
            [
                "ruleId": finding.rule,
                "ruleIndex": ruleIndex[finding.rule]!,
                "level": finding.severity == .error ? "error" : "warning",
                "message": ["text": finding.message],
                "locations": [
                    [
                        "physicalLocation": [
                            "artifactLocation": ["uri": finding.location.path, "uriBaseId": "%SRCROOT%"],
                            "region": ["startLine": finding.location.line, "startColumn": finding.location.column],
                        ]
                    ]
                ],
                "partialFingerprints": ["dossier/v1": Baseline.fingerprint(finding)],
            ]
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "dossier", "informationUri": "https://github.com/dossier-docs/dossier",
                            "version": Dossier.version, "semanticVersion": Dossier.version,
                            "rules": ruleObjects,
                        ]
                    ],
                    "results": results,
                ]
            ],
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// JUnit XML: one test case per document; its failing findings are failures.
    package func junit() -> String {
        func xml(_ s: String) -> String { HTML.escape(s) }
        var byPath: [String: [Finding]] = [:]
        for finding in findings { byPath[finding.location.path, default: []].append(finding) }
        let paths = Set(documentPaths).union(byPath.keys).sorted()
        let failingSet = Set(failing)
        let failures = paths.filter { path in byPath[path]?.contains(where: failingSet.contains) ?? false }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"dossier\" tests=\"\(paths.count)\" failures=\"\(failures)\">\n"
        out +=
            "  <testsuite name=\"dossier check\" tests=\"\(paths.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for path in paths {
            out += "    <testcase classname=\"dossier\" name=\"\(xml(path))\" file=\"\(xml(path))\""
            let list = byPath[path] ?? []
            if list.isEmpty {
                out += "/>\n"
                continue
            }
            out += ">\n"
            for finding in list where failingSet.contains(finding) {
                out +=
                    "      <failure type=\"\(xml(finding.rule))\" message=\"\(xml(finding.message))\">\(xml(finding.formatted))</failure>\n"
            }
            let others = list.filter { !failingSet.contains($0) }
            if !others.isEmpty {
                out += "      <system-out>\(xml(others.map(\.formatted).joined(separator: "\n")))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// For a CI job summary (`$GITHUB_STEP_SUMMARY`).
    package func markdown() -> String {
        var out = "## Dossier documentation check\n\n"
        out += "| Documents | Errors | Warnings | Failing |\n|---:|---:|---:|---:|\n"
        out += "| \(documentPaths.count) | \(errorCount) | \(warningCount) | \(failing.count) |\n\n"
        if findings.isEmpty { return out + "Every document is fresh and consistent. ✅\n" }
        for severity in [Severity.error, .warning] {
            let list = findings.filter { $0.severity == severity }
            guard !list.isEmpty else { continue }
            out += "### \(severity == .error ? "Errors" : "Warnings")\n\n| Where | Rule | Message |\n|---|---|---|\n"
            for finding in list {
                let message = finding.message.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(
                    of: "\n", with: " ")
                out += "| `\(finding.location.path):\(finding.location.line)` | `\(finding.rule)` | \(message) |\n"
            }
            out += "\n"
        }
        return out
    }
}
