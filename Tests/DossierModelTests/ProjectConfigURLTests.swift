@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `base_url` and `repo_url` become hrefs on every page: only http(s) URLs are accepted.
@Suite struct ProjectConfigURLTests {
    static let hostile = [
        "javascript:alert(1)", "JavaScript:alert(document.domain)", " javascript:alert(1)", "java\\tscript:alert(1)",
        "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "//evil.example/",
        "https://", "http:evil.example", "ftp://example.org/", "https://example.org/\\\"onmouseover=alert(1)",
        "/relative/path", "",
    ]

    @Test(arguments: hostile) func hostileURLsAreConfigErrorsNamingTheKey(_ url: String) throws {
        for key in ["base_url", "repo_url"] {
            let project = try TemporaryProject(["dossier.yml": "title: T\n\(key): \"\(url)\"\n"])
            defer { project.remove() }
            let (config, findings) = ProjectConfig.load(projectRoot: project.url)
            #expect(findings.count == 1, "\(key): \(url)")
            #expect(findings.first?.severity == .error)
            #expect(findings.first?.message.hasPrefix("`\(key)` must be an absolute http:// or https:// URL") == true)
            #expect(findings.first?.location.line == 2)
            #expect(findings.first?.location.column == key.count + 3)
            #expect(config.baseURL == nil && config.repoURL == nil)
        }
    }

    @Test func webURLsAreAccepted() throws {
        let project = try TemporaryProject([
            "dossier.yml": "base_url: https://org.github.io/repo\nrepo_url: HTTP://git.example:8080/org/repo/\n"
        ])
        defer { project.remove() }
        let (config, findings) = ProjectConfig.load(projectRoot: project.url)
        #expect(findings.isEmpty)
        #expect(config.baseURL == "https://org.github.io/repo/")
        #expect(config.repoURL == "HTTP://git.example:8080/org/repo")
    }
}
