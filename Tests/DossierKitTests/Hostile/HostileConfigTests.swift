@testable import DossierChecks
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// `javascript:` and other non-web URLs in every configuration URL: a config error (exit 2,
/// nothing written) that names the key, never a link on a page.
@Suite struct HostileConfigTests {
    @Test(arguments: ["base_url", "repo_url"]) func scriptURLInDossierYmlIsAConfigError(_ key: String) throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n",
            "dossier.yml": "title: T\n\(key): \"javascript:alert(document.domain)//\"\n",
        ])
        defer { project.remove() }
        for command in ["build", "check"] {
            let result = try DossierExecutable.run([command, project.path])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(
                result.stderr.contains("dossier.yml:2:11: error: `\(key)` must be an absolute http:// or https:// URL"),
                "\(result.stderr)")
        }
        #expect(!project.exists("site"))
    }

    @Test func scriptURLOnTheCommandLineIsRefused() throws {
        let project = try TemporaryProject(["README.md": "# Home\n"])
        defer { project.remove() }
        let result = try DossierExecutable.run(["build", "--base-url", "javascript:alert(1)//", project.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--base-url must be an absolute http:// or https:// URL"), "\(result.stderr)")
        #expect(!project.exists("site"))
        #expect(throws: ProjectError.self) {
            try Dossier.build(path: project.path, options: BuildOptions(baseURL: "data:text/html,x"))
        }
    }
}
