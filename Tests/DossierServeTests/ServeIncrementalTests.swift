@testable import DossierCore
@testable import DossierServe
import DossierTestSupport
import Foundation
import Testing

/// `serve` with its watcher running (issue 15): inotify reports the edit, the rebuild redoes only
/// what changed, and a page waiting on the version hears of it as soon as the rebuild is done.
@Suite struct ServeIncrementalTests {
    /// Waits (bounded, not timed) until the watch loop has started.
    private func waitForWatcher(_ server: DevServer) {
        let deadline = Date().addingTimeInterval(30)
        while server.watchMode == "none", Date() < deadline { usleep(10_000) }
    }

    @Test func anEditIsSeenByInotifyRebuiltIncrementallyAndServed() throws {
        let project = try TemporaryProject(DevServerTests.files)
        defer { project.remove() }
        let server = try DevServer(projectPath: project.path, port: 0)
        let port = try server.start()
        defer { server.stop() }
        waitForWatcher(server)
        #expect(server.watchMode == "inotify")
        let before = server.version

        try project.write(
            "docs/guide.md", "# Guide\n\nAn edit inotify reported.\n\n![Logo](img/logo.svg)\n")
        // The long poll answers once the rebuild is done (or after its own bound).
        let waited = try LoopbackClient.get(port: port, "/__dossier/version?after=\(before)")
        #expect(waited.text == String(before + 1))
        #expect(try LoopbackClient.get(port: port, "/docs/guide.html").text.contains("An edit inotify reported."))
        // A prose edit: its page was published before the rebuild ended.
        server.waitForBuild()
        // Only the edited document's page rendered again.
        #expect(server.lastBuild?.pagesRendered == 1)
        #expect(server.lastBuild?.pagesFromCache == 1)

        // A page added in a new folder, then deleted.
        try project.write("docs/new/added.md", "# Added\n\nA page in a new folder.\n")
        #expect(try LoopbackClient.get(port: port, "/__dossier/version?after=\(before + 1)").text == "\(before + 2)")
        #expect(try LoopbackClient.get(port: port, "/docs/new/added.html").text.contains("A page in a new folder."))
        try FileManager.default.removeItem(atPath: project.path + "/docs/new/added.md")
        #expect(try LoopbackClient.get(port: port, "/__dossier/version?after=\(before + 2)").text == "\(before + 3)")
        #expect(try LoopbackClient.get(port: port, "/docs/new/added.html").status == 404)
    }

    /// A prose edit's page is served before its rebuild ends, and open pages reload once: the
    /// rebuild that follows changed nothing else but the search index. Other edits reload once too.
    @Test func aProseEditIsPublishedFirstAndReloadsOnce() throws {
        let project = try TemporaryProject(DevServerTests.files)
        defer { project.remove() }
        let (server, port) = try DevServerTests.started(project)
        defer { server.stop() }
        let before = server.version

        try project.write("docs/guide.md", "# Guide\n\nFirst version of the guide, edited.\n\n![Logo](img/logo.svg)\n")
        server.rebuild(changed: ["docs/guide.md"])
        #expect(server.lastPublishedEarly == "docs/guide.html")
        #expect(server.version == before + 1)
        #expect(try LoopbackClient.get(port: port, "/docs/guide.html").text.contains("the guide, edited."))
        #expect(server.lastBuild?.pagesRendered == 1)

        // A new title: every page's navigation shows it, so the rebuild does it all.
        try project.write(
            "docs/guide.md", "# Handbook\n\nFirst version of the guide, edited.\n\n![Logo](img/logo.svg)\n")
        server.rebuild(changed: ["docs/guide.md"])
        #expect(server.lastPublishedEarly == nil)
        #expect(server.version == before + 2)
        #expect(try LoopbackClient.get(port: port, "/").text.contains("Handbook"))
    }

    @Test func aCommitRebuildsThoughNoFileOfTheWorkTreeChanged() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("README.md", "# Home\n")
        repo.write("docs/a.md", "# A\n\nA page.\n")
        _ = repo.commit("docs", day: 0)
        repo.write("src/model.py", "def train():\n    pass\n")
        let server = try DevServer(projectPath: repo.root, port: 0)
        let port = try server.start()
        defer { server.stop() }
        waitForWatcher(server)
        let before = server.version
        _ = repo.commit("code", day: 1)
        #expect(try LoopbackClient.get(port: port, "/__dossier/version?after=\(before)").text == "\(before + 1)")
    }

    @Test func aPlainVersionRequestIsAnsweredAtOnceAndTheWaitIsParsed() {
        #expect(DevServer.waitedVersion("/__dossier/version") == nil)
        #expect(DevServer.waitedVersion("/__dossier/version?after=12") == 12)
        #expect(DevServer.waitedVersion("/__dossier/version?x=1&after=3") == 3)
        #expect(DevServer.waitedVersion("/__dossier/version?after=x") == nil)
        #expect(DevServer.reloadScript(version: 4).contains("/__dossier/version?after="))
    }
}
