@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

@Suite struct ProjectScannerTests {
    @Test func skipsWhatSpecSaysToSkip() throws {
        let project = try TemporaryProject([
            "README.md": "# R", "docs/a.md": "a", "docs/deep/b.MD": "b",
            ".git/x.md": "", ".hidden/y.md": "", "node_modules/p/z.md": "", "venv/lib/v.md": "", ".venv/w.md": "",
            "env/pyvenv.cfg": "home = /usr", "env/lib/site.md": "", "site/old.md": "", "notes/scratch/s.md": "",
            "notes/keep.md": "k", "docs/data.csv": "a,b",
        ])
        defer { project.remove() }
        var config = ProjectConfig()
        config.exclude = ["notes/scratch/**"]
        let paths = ProjectScanner(root: project.url, config: config, outputFolder: "site").scan()
        #expect(paths == ["README.md", "docs/a.md", "docs/deep/b.MD", "notes/keep.md"])
    }

    @Test func docsGlobsLimitTheScan() throws {
        let project = try TemporaryProject(["README.md": "r", "docs/a.md": "a", "other/b.md": "b"])
        defer { project.remove() }
        var config = ProjectConfig()
        config.docs = ["docs/**", "README.md"]
        #expect(
            ProjectScanner(root: project.url, config: config, outputFolder: nil).scan() == ["README.md", "docs/a.md"])
    }

    @Test func neverFollowsLinksOutOfTheProjectOrIntoLoops() throws {
        let outside = try TemporaryProject(["secret.md": "s"])
        let project = try TemporaryProject(["docs/a.md": "a"])
        defer { project.remove(); outside.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(
            atPath: project.path + "/docs/out.md", withDestinationPath: outside.path + "/secret.md")
        try fm.createSymbolicLink(atPath: project.path + "/docs/outdir", withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: project.path + "/docs/loop", withDestinationPath: project.path + "/docs")
        try fm.createSymbolicLink(
            atPath: project.path + "/docs/in.md", withDestinationPath: project.path + "/docs/a.md")
        let paths = ProjectScanner(root: project.url, config: ProjectConfig(), outputFolder: nil).scan()
        #expect(paths == ["docs/a.md", "docs/in.md"])
    }

    @Test func globs() {
        #expect(Glob("docs/**").matches("docs/a/b.md"))
        #expect(Glob("docs/").matches("docs/a.md"))
        #expect(Glob("*.md").matches("README.md"))
        #expect(!Glob("*.md").matches("docs/a.md"))
        #expect(Glob("**/*.md").matches("a/b/c.md"))
        #expect(Glob("docs/?.md").matches("docs/a.md"))
        #expect(Glob("docs/**").matchesFolderPrefix("docs/sub"))
        #expect(!Glob("docs/**").matchesFolderPrefix("other"))
    }
}

@Suite struct ProjectConfigTests {
    @Test func defaultsWithoutAFile() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let (config, findings) = ProjectConfig.load(projectRoot: project.url)
        #expect(findings.isEmpty)
        #expect(config.output == "site")
        #expect(config.warnAfterCommits == 1)
        #expect(config.errorAfterDays == 180)
        #expect(!config.unsafeHTML)
    }

    @Test func readsEveryKey() throws {
        let project = try TemporaryProject([
            "dossier.yml": """
            title: T
            docs: [docs/**]
            exclude: [x/**]
            output: public
            base_url: https://org.github.io/repo
            repo_url: https://github.com/org/repo/
            theme: default
            staleness: {warn_after_commits: 2, error_after_days: 30}
            unsafe_html: true
            strict: true
            drift: {sample_rows: 50, metric_tolerance: 0.01}
            """
        ])
        defer { project.remove() }
        let (config, findings) = ProjectConfig.load(projectRoot: project.url)
        #expect(findings.isEmpty)
        #expect(config.title == "T")
        #expect(config.baseURL == "https://org.github.io/repo/")
        #expect(config.repoURL == "https://github.com/org/repo")
        #expect(config.warnAfterCommits == 2)
        #expect(config.errorAfterDays == 30)
        #expect(config.unsafeHTML && config.strict)
        #expect(config.sampleRows == 50)
        #expect(config.metricTolerance == 0.01)
        #expect(!config.requireAllPackages)
    }

    @Test func structureHoldsTheDepthAndPathExplanations() throws {
        let project = try TemporaryProject([
            "dossier.yml": "structure:\n  depth: 2\n  models/: Training code.\n  data: [1]\n"
        ])
        defer { project.remove() }
        let (config, findings) = ProjectConfig.load(projectRoot: project.url)
        #expect(config.structureDepth == 2)
        #expect(config.structure == ["models": "Training code."])
        #expect(findings.map(\.rule) == ["config.type"])
        #expect(ProjectConfig().structureDepth == 3)
    }

    @Test func requireAllPackagesIsReadFromDriftEnvironment() throws {
        let project = try TemporaryProject(["dossier.yml": "drift: {environment: {require_all_packages: true}}\n"])
        defer { project.remove() }
        let (config, findings) = ProjectConfig.load(projectRoot: project.url)
        #expect(findings.isEmpty)
        #expect(config.requireAllPackages)
    }

    @Test func unknownKeyWarnsWithClosest() throws {
        let project = try TemporaryProject(["dossier.yml": "title: T\nexlude: [x]\n"])
        defer { project.remove() }
        let (_, findings) = ProjectConfig.load(projectRoot: project.url)
        #expect(findings.rules() == ["config.unknown-key"])
        #expect(findings[0].message.contains("did you mean `exclude`?"))
        #expect(findings[0].location == SourceLocation(path: "dossier.yml", line: 2, column: 1))
    }

    @Test func malformedFileIsAnErrorWithLineAndColumn() throws {
        let project = try TemporaryProject(["dossier.yml": "title: T\ndocs: [a, b\n"])
        defer { project.remove() }
        let (_, findings) = ProjectConfig.load(projectRoot: project.url)
        #expect(findings.rules() == ["config.yaml"])
        #expect(findings[0].severity == .error)
        #expect(findings[0].location.path == "dossier.yml")
        #expect(findings[0].location.line >= 2)
        #expect(throws: ProjectError.self) { try project.load() }
    }
}
