@testable import DossierChecks
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// Project-wide conditions (here: no git) are told once, on the home and health pages, not in
/// every page's banner.
@Suite struct ProjectNoticeTests {
    @Test func noGitIsToldOnceOnTheHomeAndHealthPages() throws {
        let schema = "---\nkind: pseudocode\nimplements: [src/a.py]\n---\n# S%@\n\nTrains.\n"
        let project = try TemporaryProject([
            "README.md": "# Home\n",
            "src/a.py": "x = 1\n",
            "docs/s1.md": schema.replacingOccurrences(of: "%@", with: "1"),
            "docs/s2.md": schema.replacingOccurrences(of: "%@", with: "2"),
        ])
        defer { project.remove() }
        let report = try Dossier.build(path: project.path)
        let rule = "staleness.no-history"
        try #require(report.project.findings.filter { $0.rule == rule }.count == 2, "the fixture is not a git project")
        let phrase = "not in a git repository"
        func count(_ page: String) throws -> Int {
            try #require(project.read("site/" + page)).components(separatedBy: phrase).count - 1
        }
        #expect(try count("index.html") == 1)
        #expect(try count("dossier/health.html") == 1)
        #expect(try #require(project.read("site/dossier/health.html")).contains("For the whole project (2 documents)"))
        #expect(try count("docs/s1.html") == 0)
        #expect(try count("docs/s2.html") == 0)
        // The page still says it is unknown, in the badge.
        #expect(
            try #require(project.read("site/docs/s1.html")).contains(
                "<span class=\"badge state state-unknown\">unknown</span>"))
    }
}

/// A fresh page with warnings shows them in the warning colour, in its badge and its banner alike.
@Suite struct FreshWithWarningsTests {
    @Test func badgeAndBannerAgree() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write(
            "docs/s.md", "---\nkind: schema\n---\n# S\n\n| Field | Type |\n|---|---|\n| a | strng |\n| b | wat |\n")
        _ = repo.commit("schema", day: 1)
        let report = try Dossier.build(path: repo.root)
        let index = try #require(report.project.index.byPath["docs/s.md"])
        try #require(report.project.states[index] == .fresh, "\(report.project.states[index])")
        let page = repo.read("site/docs/s.html")
        #expect(page.contains("<span class=\"badge state state-warnings\">2 warnings</span>"))
        #expect(page.contains("<div class=\"banner state-warnings\" role=\"status\">"))
        #expect(page.contains("<p class=\"banner-title\">2 warnings on this page</p>"))
        #expect(!page.contains("state-fresh"))
    }
}
