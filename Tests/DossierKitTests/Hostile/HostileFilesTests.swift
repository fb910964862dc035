@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Issue 10, files: hostile projects built by the tests. Every file outside the project holds
/// `marker`; no site may contain it, no write may land outside, each case is a finding or a clear
/// error, and two builds give identical output.
@Suite struct HostileFilesTests {
    static let marker = "HOSTILE-OUTSIDE-7f3a91"
    static let schemaDocument =
        "---\nkind: schema\nid: s\nsample: data/sample.csv\n---\n# S\n\n"
        + "| key | type |\n|---|---|\n| a | integer |\n"

    /// A project plus a folder beside it standing for the rest of the machine (`/etc`, `$HOME`).
    struct Fixture {
        let project: TemporaryProject
        let outside: URL

        init(_ files: [String: String]) throws {
            project = try TemporaryProject(files)
            outside = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("dossier-outside-\(UUID())")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        }

        /// Writes a file outside the project holding the marker (and `text`).
        @discardableResult
        func outsideFile(_ name: String, _ text: String = "") throws -> String {
            let url = outside.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text.isEmpty ? HostileFilesTests.marker + "\n" : text).utf8).write(to: url)
            return url.path
        }

        func link(_ path: String, to target: String) throws {
            let url = project.url.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }

        /// Every file outside, with its bytes: compared before and after to prove nothing was written.
        func outsideSnapshot() -> [String: [UInt8]] {
            var snapshot: [String: [UInt8]] = [:]
            for path in LinkChecker.allFiles(outside) {
                snapshot[path] = (try? ProjectFiles.readBytes(outside.appendingPathComponent(path).path)) ?? []
            }
            return snapshot
        }

        /// Builds twice into two folders; returns the findings and the site's files, after
        /// checking that the builds agree byte for byte and that no file holds the marker.
        func buildTwice(
            sourceLocation: Testing.SourceLocation = #_sourceLocation
        ) throws
            -> (findings: [Finding], site: [String: [UInt8]])
        {
            var sites: [[String: [UInt8]]] = []
            var findings: [Finding] = []
            for name in ["out1", "out2"] {
                let output = project.url.appendingPathComponent(name)
                let report = try Dossier.build(path: project.path, options: BuildOptions(output: output.path))
                findings = report.project.findings
                var files: [String: [UInt8]] = [:]
                for path in LinkChecker.allFiles(output) {
                    files[path] = try ProjectFiles.readBytes(output.appendingPathComponent(path).path)
                }
                sites.append(files)
            }
            #expect(sites[0] == sites[1], "two builds differ", sourceLocation: sourceLocation)
            for (path, bytes) in sites[0] {
                #expect(
                    !String(decoding: bytes, as: UTF8.self).contains(HostileFilesTests.marker),
                    "outside content in site file \(path)", sourceLocation: sourceLocation)
            }
            return (findings, sites[0])
        }

        func remove() {
            project.remove()
            try? FileManager.default.removeItem(at: outside)
        }
    }

    // MARK: Reads

    @Test func overrideAssetsFolderLinkedOutIsNotCopied() throws {
        let fixture = try Fixture(["README.md": "# Home\n"])
        defer { fixture.remove() }
        try fixture.outsideFile("etc/passwd")
        try fixture.outsideFile("etc/shadow")
        try fixture.link("overrides/assets", to: fixture.outside.appendingPathComponent("etc").path)
        let (findings, site) = try fixture.buildTwice()
        #expect(site["dossier/assets/passwd"] == nil && site["dossier/assets/shadow"] == nil)
        let refused = findings.with(rule: "file.outside-project")
        #expect(refused.map(\.location.path) == ["overrides/assets"])
        #expect(refused.allSatisfy { $0.severity == .error })
    }

    @Test func overrideTemplateAndAssetLinkedOutAreNotRendered() throws {
        let fixture = try Fixture(["README.md": "# Home\n"])
        defer { fixture.remove() }
        let passwd = try fixture.outsideFile("passwd")
        try fixture.link("overrides/templates/notfound.mustache", to: passwd)
        try fixture.link("overrides/assets/style.css", to: passwd)
        let (findings, site) = try fixture.buildTwice()
        #expect(site["404.html"] != nil, "the theme's own template is used instead")
        #expect(
            Set(findings.with(rule: "file.outside-project").map(\.location.path))
                == ["overrides/assets/style.css", "overrides/templates/notfound.mustache"])
    }

    @Test func themeOutsideTheProjectIsNotUsed() throws {
        for theme in ["../OUTSIDE/theme", "Themes/linked", "linked-theme/"] {
            let fixture = try Fixture(["README.md": "# Home\n"])
            defer { fixture.remove() }
            let relative = theme.replacingOccurrences(of: "OUTSIDE", with: fixture.outside.lastPathComponent)
            try fixture.project.write("dossier.yml", "theme: \(relative)\n")
            let templates = fixture.outside.appendingPathComponent("theme/templates")
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            for name in Theme.requiredTemplates {
                try Data("\(Self.marker) {{{content}}}".utf8).write(
                    to: templates.appendingPathComponent("\(name).mustache"))
            }
            let themeFolder = fixture.outside.appendingPathComponent("theme").path
            try fixture.link("Themes/linked", to: themeFolder)
            try fixture.link("linked-theme", to: themeFolder)
            #expect(throws: ProjectError.self, "\(theme)") { try fixture.buildTwice() }
            #expect(!fixture.project.exists("out1/index.html"))
        }
    }

    @Test func schemaSampleLinkedOutIsNotRead() throws {
        let fixture = try Fixture([
            "README.md": "# Home\n",
            "docs/s.md": Self.schemaDocument,
        ])
        defer { fixture.remove() }
        let passwd = try fixture.outsideFile("passwd", "\(Self.marker),x\nroot,0\n")
        try fixture.link("data/sample.csv", to: passwd)
        let (findings, _) = try fixture.buildTwice()
        #expect(findings.allSatisfy { !$0.message.contains(Self.marker) }, "\(findings.map(\.message))")
        #expect(!findings.with(rule: "code.outside-project").isEmpty)
        #expect(findings.filter { $0.rule.hasPrefix("drift.schema") }.isEmpty)
    }

    @Test func sampleThatIsAPipeIsAFindingNotAStall() throws {
        let fixture = try Fixture([
            "README.md": "# Home\n",
            "docs/s.md": Self.schemaDocument,
        ])
        defer { fixture.remove() }
        try FileManager.default.createDirectory(
            atPath: fixture.project.path + "/data", withIntermediateDirectories: true)
        #expect(mkfifo(fixture.project.path + "/data/sample.csv", 0o644) == 0)
        let findings = try fixture.project.load().findings.with(rule: DriftFileProblem.rule)
        #expect(findings.map(\.location.path) == ["data/sample.csv"])
    }

    @Test func codeReferenceToAPipeDoesNotStall() throws {
        let fixture = try Fixture([
            "README.md": "# Home\n",
            "docs/p.md": "---\nkind: pseudocode\nid: p\ncode:\n  - src/pipe.py#main\n---\n# P\n",
        ])
        defer { fixture.remove() }
        try FileManager.default.createDirectory(
            atPath: fixture.project.path + "/src", withIntermediateDirectories: true)
        #expect(mkfifo(fixture.project.path + "/src/pipe.py", 0o644) == 0)
        let findings = try fixture.project.load().findings
        #expect(findings.with(rule: "code.missing-symbol").map(\.location.path) == ["docs/p.md"])
    }

    /// Every other kind of read at once: a document, requirements, params and metrics, an MLflow
    /// folder, a label config, an image, and a folder of documents, each a link out of the project.
    @Test func everyOtherReadRefusesLinksOut() throws {
        let fixture = try Fixture([
            "README.md": "# Home\n\n![chart](img/chart.png)\n",
            "docs/env.md": "---\nkind: environment\nid: env\nrequirements: requirements.txt\n"
                + "packages:\n  numpy: '1.0'\n---\n# Env\n",
            "docs/exp.md": "---\nkind: experiment\nid: exp\nparams_file: params.yaml\nmetrics_file: metrics.json\n"
                + "mlflow: mlruns/1\nselected: r\nruns:\n  - name: r\n    params: {a: 1}\n"
                + "    metrics: {m: 1}\n---\n# Exp\n",
            "docs/lab.md": "---\nkind: labeling\nid: lab\nconfig: label.xml\nclasses: [a]\n---\n# Lab\n",
        ])
        defer { fixture.remove() }
        try fixture.outsideFile("requirements.txt", "\(Self.marker)==1.0\n")
        try fixture.outsideFile("params.yaml", "\(Self.marker): 1\n")
        try fixture.outsideFile("metrics.json", "{\"\(Self.marker)\": 1}\n")
        try fixture.outsideFile("mlruns/1/run/meta.yaml", "run_name: \(Self.marker)\n")
        try fixture.outsideFile(
            "label.xml",
            "<View><Choices name=\"\(Self.marker)\"><Choice value=\"x\"/></Choices></View>\n")
        try fixture.outsideFile("chart.png", "\(Self.marker)\n")
        try fixture.outsideFile("docs/evil.md", "# \(Self.marker)\n")
        for name in ["requirements.txt", "params.yaml", "metrics.json", "label.xml"] {
            try fixture.link(name, to: fixture.outside.appendingPathComponent(name).path)
        }
        try fixture.link("mlruns", to: fixture.outside.appendingPathComponent("mlruns").path)
        try fixture.link("img/chart.png", to: fixture.outside.appendingPathComponent("chart.png").path)
        try fixture.link("docs/evil.md", to: fixture.outside.appendingPathComponent("docs/evil.md").path)
        try fixture.link("docs/more", to: fixture.outside.appendingPathComponent("docs").path)
        try fixture.link("overrides", to: fixture.outside.path)
        let (findings, site) = try fixture.buildTwice()
        #expect(findings.allSatisfy { !$0.message.contains(Self.marker) }, "\(findings.map(\.message))")
        #expect(site["img/chart.png"] == nil && site["docs/evil.html"] == nil && site["docs/more/evil.html"] == nil)
        let unreadable = Set(findings.with(rule: DriftFileProblem.rule).map(\.location.path))
        #expect(unreadable.isSuperset(of: ["requirements.txt", "label.xml"]), "\(unreadable)")
        #expect(findings.with(rule: "publish.outside-project").map(\.location.path) == ["README.md"])
        #expect(findings.with(rule: "file.outside-project").map(\.location.path) == ["docs/evil.md", "overrides"])
    }

    @Test func configLinkedOutIsNotRead() throws {
        let fixture = try Fixture(["README.md": "# Home\n"])
        defer { fixture.remove() }
        try fixture.link("dossier.yml", to: try fixture.outsideFile("shadow", "title: \(Self.marker)\n"))
        let error = try #require(throws: ProjectError.self) { try fixture.project.load() }
        #expect(error.findings.map(\.rule) == ["config.unreadable"])
        #expect(!"\(error.message) \(error.findings.map(\.message))".contains(Self.marker))
    }

    @Test func fileNamesThatAreNotUTF8AreReported() throws {
        let fixture = try Fixture(["README.md": "# Home\n", "docs/ok.md": "# Ok\n"])
        defer { fixture.remove() }
        let name = Array((fixture.project.path + "/docs/caf").utf8) + [0xE9] + Array(".md".utf8) + [0]
        let fd = name.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                open($0, O_CREAT | O_WRONLY, 0o644)
            }
        }
        #expect(fd >= 0)
        close(fd)
        let (findings, _) = try fixture.buildTwice()
        let reported = findings.with(rule: "file.name-encoding")
        #expect(reported.count == 1)
        #expect(reported.first?.location.path == "docs/caf\u{FFFD}.md")
        #expect(reported.first?.severity == .warning)
    }

    @Test func aDocumentsSizeIsReportedTruthfully() throws {
        let fixture = try Fixture(["README.md": "# Home\n", "docs/big.md": "# Big\n"])
        defer { fixture.remove() }
        // A sparse 50 MB file: its size, not the read limit, is what the message states.
        #expect(truncate(fixture.project.path + "/docs/big.md", 50 * 1_048_576) == 0)
        let findings = try fixture.project.load().findings.with(rule: "document.too-large")
        #expect(findings.count == 1)
        #expect(findings.first?.message.hasPrefix("document is 50.0 MB") == true, "\(findings.map(\.message))")
    }

    // MARK: What gets published

    @Test func secretsNamedByImagesAreNotPublished() throws {
        let fixture = try Fixture([
            "README.md": "# Home\n",
            "docs/a.md": "# A\n\n![x](../.git/config)\n\n![y](../.env)\n\n![z](../secrets/id_rsa)\n\n"
                + "![k](../certs/server.pem)\n\n![p](../pages/evil.html)\n\n![ok](fig.png)\n\n"
                + "![s](evil.svg)\n\n![t](fine.svg)\n",
            "docs/evil.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>\n",
            "docs/fine.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>only text</text></svg>\n",
            ".git/config": "[remote]\n  token = \(Self.marker)\n",
            ".env": "TOKEN=\(Self.marker)\n",
            "secrets/id_rsa": "-----BEGIN \(Self.marker)-----\n",
            "certs/server.pem": "-----BEGIN \(Self.marker)-----\n",
            "pages/evil.html": "<script>\(Self.marker)</script>\n",
            "docs/fig.png": "PNG",
        ])
        defer { fixture.remove() }
        let (findings, site) = try fixture.buildTwice()
        #expect(site["docs/fig.png"] == Array("PNG".utf8), "an ordinary image is still published")
        for path in [".git/config", ".env", "secrets/id_rsa", "certs/server.pem", "pages/evil.html"] {
            #expect(site[path] == nil, "\(path) published")
        }
        func lines(_ rule: String) -> [Int] {
            findings.with(rule: rule).filter { $0.location.path == "docs/a.md" }.map(\.location.line)
        }
        #expect(lines("publish.hidden") == [3, 5])
        #expect(lines("publish.secret") == [7, 9])
        #expect(lines("publish.kind") == [11])
        #expect(lines("publish.active-content") == [15])
        #expect(site["docs/evil.svg"] == nil && site["docs/fine.svg"] != nil)
        #expect(findings.with(rule: "publish.hidden").allSatisfy { $0.severity == .error })
        #expect(findings.with(rule: "publish.secret").allSatisfy { $0.severity == .error })
        #expect(findings.with(rule: "publish.kind").allSatisfy { $0.severity == .warning })
    }

    @Test func filesCollidingWithGeneratedPagesAreErrorsAndNotCopied() throws {
        let fixture = try Fixture([
            "README.md": "# Home\n",
            "docs/a.md": "# A\n\n![a](../index.html)\n\n![b](../404.html)\n\n![c](../sitemap.xml)\n\n"
                + "![d](../dossier/health.html)\n\n![e](b.html)\n\n![f](../dossier/assets/x.png)\n",
            "docs/b.md": "# B\n",
            "index.html": "<script>\(Self.marker)</script>",
            "404.html": "<script>\(Self.marker)</script>",
            "sitemap.xml": "<x>\(Self.marker)</x>",
            "dossier/health.html": "<script>\(Self.marker)</script>",
            "docs/b.html": "<script>\(Self.marker)</script>",
            "dossier/assets/x.png": "\(Self.marker)",
        ])
        defer { fixture.remove() }
        let (findings, site) = try fixture.buildTwice()
        let collisions = findings.with(rule: "publish.collision")
        #expect(collisions.map(\.location.line) == [3, 5, 7, 9, 11, 13], "\(collisions.map(\.formatted))")
        #expect(collisions.allSatisfy { $0.severity == .error && $0.location.path == "docs/a.md" })
        #expect(site["index.html"] != nil && site["404.html"] != nil && site["docs/b.html"] != nil)
    }

    // MARK: Writes

    @Test func verifyNeverWritesThroughALinkAndReplacesAtomically() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        let outside = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let passwdText = "---\nkind: data-source\n---\n\(Self.marker)\n"
        try Data(passwdText.utf8).write(to: URL(fileURLWithPath: outside + "/passwd"))
        try FileManager.default.createDirectory(atPath: outside + "/docs", withIntermediateDirectories: true)
        try Data(passwdText.utf8).write(to: URL(fileURLWithPath: outside + "/docs/doc.md"))
        repo.write("docs/real.md", "---\nkind: data-source\n---\n# Real\n")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: repo.root + "/docs/link.md", withDestinationPath: outside + "/passwd")
        try manager.createSymbolicLink(atPath: repo.root + "/linked", withDestinationPath: outside + "/docs")
        repo.commit("docs", day: 1)

        #expect(throws: DocumentVerifier.Failure.self) { try DocumentVerifier.verify([repo.root + "/docs/link.md"]) }
        #expect(throws: DocumentVerifier.Failure.self) { try DocumentVerifier.verify([repo.root + "/linked/doc.md"]) }
        #expect(ProjectFiles.readText(outside + "/passwd") == passwdText)
        #expect(ProjectFiles.readText(outside + "/docs/doc.md") == passwdText)
        let result = try DossierExecutable.run(["verify", repo.root + "/docs/link.md"])
        #expect(result.status == 2 && result.stderr.contains("symbolic link"))
        #expect(!result.stderr.contains("Error Domain"))

        // The real document is replaced by rename: a new inode, and no temporary file left behind.
        func inode(_ path: String) -> UInt64 {
            var info = stat()
            lstat(path, &info)
            return UInt64(info.st_ino)
        }
        let before = inode(repo.root + "/docs/real.md")
        try DocumentVerifier.verify([repo.root + "/docs/real.md"])
        #expect(repo.read("docs/real.md").contains("verified: "))
        #expect(inode(repo.root + "/docs/real.md") != before)
        #expect(try manager.contentsOfDirectory(atPath: repo.root + "/docs").sorted() == ["link.md", "real.md"])
    }

    @Test func newAndInitNeverWriteOutsideTheProject() throws {
        let fixture = try Fixture(["README.md": "# Home\n"])
        defer { fixture.remove() }
        let before = fixture.outsideSnapshot()
        // A dangling link where the new document goes, pointing out of the project.
        try fixture.link("docs/data/a.md", to: fixture.outside.appendingPathComponent("created-a.md").path)
        let project = fixture.project.path
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newDocument(kind: "schema", id: "a", project: project) }
        // A folder linked out of the project.
        try fixture.link("docs/labeling", to: fixture.outside.path)
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newDocument(kind: "labeling", id: "b", project: project) }
        // A project folder that does not exist is not created.
        let missing = fixture.outside.appendingPathComponent("nonexistent/dir").path
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newDocument(kind: "schema", id: "c", project: missing) }
        #expect(!ProjectFiles.exists(fixture.outside.appendingPathComponent("nonexistent").path))
        // init: a dangling dossier.yml link is left alone; a linked docs folder is refused.
        try fixture.link("dossier.yml", to: fixture.outside.appendingPathComponent("created.yml").path)
        _ = try? Scaffold.initProject(at: fixture.project.path)
        #expect(fixture.outsideSnapshot() == before)
        #expect(LinkChecker.allFiles(fixture.outside).isEmpty)
    }

    @Test func failuresToWriteAreOneClearMessage() throws {
        let fixture = try Fixture(["README.md": "# Home\n", "docs": "a file where a folder must be"])
        defer { fixture.remove() }
        let new = try DossierExecutable.run(["new", "schema", "s", fixture.project.path])
        #expect(new.status == 2)
        #expect(new.stderr.contains("docs") && !new.stderr.contains("Error Domain"), "\(new.stderr)")
        let blocker = fixture.project.path + "/blocker"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let build = try DossierExecutable.run(["build", fixture.project.path, "-o", blocker + "/site"])
        #expect(build.status == 2)
        #expect(build.stderr.contains(blocker) && !build.stderr.contains("Error Domain"), "\(build.stderr)")
        #expect(build.stderr.components(separatedBy: "dossier: error:").count == 2, "one error: \(build.stderr)")
    }

    // MARK: Leftovers

    @Test func stagingFoldersOfKilledBuildsAreRemoved() throws {
        let fixture = try Fixture(["README.md": "# Home\n"])
        defer { fixture.remove() }
        // A process that has exited: its id names no running build.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let dead = process.processIdentifier
        _ = try Dossier.build(path: fixture.project.path)
        try fixture.project.write(".site.dossier-new-\(dead)/index.html", "stale")
        try fixture.project.write(".site.dossier-old-\(dead)/index.html", "stale")
        // Process 1 is always running: a live build's staging folder is left alone.
        try fixture.project.write(".site.dossier-new-1/index.html", "live")
        _ = try Dossier.build(path: fixture.project.path)
        #expect(!fixture.project.exists(".site.dossier-new-\(dead)"))
        #expect(!fixture.project.exists(".site.dossier-old-\(dead)"))
        #expect(fixture.project.exists(".site.dossier-new-1/index.html"))
        #expect(fixture.project.exists("site/index.html"))
    }
}
