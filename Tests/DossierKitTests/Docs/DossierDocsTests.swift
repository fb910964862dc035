@testable import DossierKit
import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// Dossier's own documentation (`docs/`) builds cleanly and cannot drift from the code: a page per
/// rule the code can emit, the generated reference equal to what the code writes (issue 14, item 4).
@Suite struct DossierDocsTests {
    static let docs = Repository.root.appendingPathComponent("docs")

    /// Every `.swift` file under Sources/, but RuleCatalog.swift itself.
    static func sources() throws -> [String] {
        let base = Repository.root.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: base.path))
        return try enumerator.compactMap { $0 as? String }.sorted()
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("RuleCatalog.swift") }
            .map { try String(contentsOf: base.appendingPathComponent($0), encoding: .utf8) }
    }

    static func matches(_ pattern: String, in text: String, group: Int = 1) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    /// The rule ids the code can emit: ids in rule positions (`Finding(.error, "…"`, `rule: "…"`,
    /// `rule = "…"`) and any literal of a known rule family (`"drift.schema.missing-column"`).
    @Test func ruleCatalogListsEveryRuleTheCodeEmits() throws {
        let families = Set(RuleCatalog.descriptions.keys.map { String($0.split(separator: ".")[0]) })
        var emitted = Set<String>()
        for text in try Self.sources() {
            let position = #"(?:Finding\(\s*\.(?:error|warning),\s*|\brule:\s*|\brule\s*=\s*)"([a-z][a-z0-9.-]*)""#
            let positioned = try Self.matches(position, in: text)
            emitted.formUnion(positioned)
            let literals = try Self.matches(#""([a-z]+(?:-[a-z]+)*(?:\.[a-z]+(?:-[a-z]+)*)+)""#, in: text)
            emitted.formUnion(literals.filter { families.contains(String($0.split(separator: ".")[0])) })
        }
        #expect(emitted.sorted() == RuleCatalog.descriptions.keys.sorted())
    }

    @Test func everyRuleHasAPageAndEveryPageARule() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.docs.appendingPathComponent("rules").path)
        let pages = names.filter { $0.hasSuffix(".md") && $0 != "index.md" }.map { String($0.dropLast(3)) }.sorted()
        #expect(pages == RuleCatalog.descriptions.keys.sorted())
        let index = try String(contentsOf: Self.docs.appendingPathComponent("rules/index.md"), encoding: .utf8)
        for rule in RuleCatalog.descriptions.keys {
            #expect(index.contains("(\(rule).md)"), "rules/index.md does not link \(rule)")
            let page = try String(contentsOf: Self.docs.appendingPathComponent("rules/\(rule).md"), encoding: .utf8)
            for section in ["## What it means", "## Example", "## How to fix it", "## How to silence it"] {
                #expect(page.contains(section), "rules/\(rule).md has no \(section)")
            }
        }
    }

    /// docs/reference/keys.md is what `dossier docs-reference docs` writes from FrontMatterKeys.
    @Test func generatedPagesAreCommittedAsGenerated() throws {
        for page in DocsReference.pages {
            let committed = try String(contentsOf: Self.docs.appendingPathComponent(page.path), encoding: .utf8)
            #expect(committed == page.text, "docs/\(page.path) is stale: run `dossier docs-reference docs`")
        }
        let keys = try #require(DocsReference.pages.first { $0.path == "reference/keys.md" }?.text)
        for kind in DocumentKind.allCases {
            for key in FrontMatterKeys.common + FrontMatterKeys.specific(to: kind) {
                #expect(keys.contains("| `\(key.name)` |"))
            }
        }
    }

    @Test func configurationPageNamesEveryKey() throws {
        let page = try String(contentsOf: Self.docs.appendingPathComponent("configuration.md"), encoding: .utf8)
        let nested = [
            "staleness.warn_after_commits", "staleness.error_after_days", "drift.sample_rows",
            "drift.metric_tolerance", "drift.environment.require_all_packages",
        ]
        for key in ProjectConfig.knownKeys.filter({ $0 != "staleness" && $0 != "drift" }) + nested {
            #expect(page.contains("| `\(key)` |"), "configuration.md has no row for \(key)")
        }
        for variable in ["DOSSIER_THEMES", "DOSSIER_TIMINGS", "NO_COLOR"] {
            #expect(page.contains("`\(variable)`"))
        }
    }

    /// `dossier build docs` on the repository: 0 findings, strict.
    @Test func theDocsBuildWithoutFindings() throws {
        let project = try Dossier.check(path: Self.docs.path, options: BuildOptions(strict: true))
        #expect(project.findings.map(\.formatted) == [])
        #expect(project.documents.count == RuleCatalog.descriptions.count + 9)
    }

    /// The finding banners on pages and the health page link each finding's rule page.
    @Test func findingBannersLinkTheirRulePage() throws {
        let project = try TemporaryProject(["docs/l.md": "---\nkind: labeling\nshemas: [x]\n---\n# L\n"])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let link = "href=\"\(ProjectConfig.defaultRuleDocsURL)front-matter.unknown-key.html\""
        #expect(project.read("site/docs/l.html")?.contains(link) == true)
        #expect(project.read("site/dossier/health.html")?.contains(link) == true)
    }

    /// The README points into docs/ and at nothing outside the repository.
    @Test func readmeLinksStayInTheRepository() throws {
        var readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        // Examples in code are not links.
        for pattern in ["(?s)```.*?```", "`[^`\\n]*`"] {
            readme = readme.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        let targets = try Self.matches(#"\]\(([^)\s]+)\)"#, in: readme)
        #expect(targets.contains { $0.hasPrefix("docs/") })
        for target in targets where !target.contains("://") && !target.hasPrefix("#") {
            let path = String(target.split(separator: "#")[0])
            let url = Repository.root.appendingPathComponent(path).standardizedFileURL
            let root = Repository.root.standardizedFileURL.path
            #expect(url.path.hasPrefix(root + "/"), "\(target) leaves the repository")
            #expect(FileManager.default.fileExists(atPath: url.path), "\(target) does not exist")
        }
    }
}
