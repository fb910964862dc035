@testable import DossierCore
@testable import DossierServe
import DossierTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 10, `serve`: only this machine's names are answered, a request head has one deadline, and
/// idle or slow clients cannot keep a normal request waiting.
@Suite struct DevServerHardeningTests {
    /// Every page of the test site, as the server's targets.
    static func pages(of server: DevServer) throws -> [String] {
        let files = try FileManager.default.subpathsOfDirectory(atPath: server.outputURL.path)
        return files.filter { $0.hasSuffix(".html") && !$0.hasPrefix(".") }.sorted().map { "/" + $0 }
    }

    @Test func hundredIdleAndSlowConnectionsDoNotDelayPages() throws {
        let project = try TemporaryProject(DevServerTests.files)
        defer { project.remove() }
        let (server, port) = try DevServerTests.started(project)
        defer { server.stop() }
        let pages = try Self.pages(of: server)
        #expect(pages.count >= 4)

        // Fifty clients that connect and send nothing, fifty that send half a request head and stop.
        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        for index in 0..<100 {
            let fd = try LoopbackClient.connected(port: port)
            held.append(fd)
            if index.isMultiple(of: 2) {
                let partial = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n".utf8)
                _ = partial.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, LoopbackClient.noSignal) }
            }
        }
        // Each page within 1 s: a read that waits longer fails the request, and so the test.
        for page in pages {
            let response = try LoopbackClient.get(port: port, page, timeoutSeconds: 1)
            #expect(response.status == 200, "\(page)")
        }
        // The held connections were not answered meanwhile: they are all still waiting.
        let answered = held.filter { fd in
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            return poll(&ready, 1, 0) > 0
        }
        #expect(answered.isEmpty)
    }

    @Test func foreignHostIsRefused() throws {
        let project = try TemporaryProject(DevServerTests.files)
        defer { project.remove() }
        let (server, port) = try DevServerTests.started(project)
        defer { server.stop() }

        let refused = [
            "evil.example", "evil.example:\(port)", "127.0.0.1.evil.example:\(port)",
            "localhost.evil.example:\(port)", "localhost.:\(port)", "127.0.0.1:\(port + 1)",
            "localhost", "127.0.0.1", "127.0.0.1:\(port)@evil.example", "0.0.0.0:\(port)", "",
        ]
        for host in refused {
            let response = try LoopbackClient.exchange(port: port, "GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            #expect(response.status == 421, "\(host): \(response.status)")
            #expect(!response.text.contains("The home page."), "\(host)")
        }
        // No Host at all, and the reload script's endpoint, are refused alike.
        #expect(try LoopbackClient.exchange(port: port, "GET / HTTP/1.0\r\n\r\n").status == 421)
        let version = try LoopbackClient.exchange(
            port: port, "GET /__dossier/version HTTP/1.1\r\nHost: evil.example\r\n\r\n")
        #expect(version.status == 421)
        // Two Host headers are a bad request, whichever comes first.
        let twice = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nhost: evil.example\r\n\r\n"
        #expect(try LoopbackClient.exchange(port: port, twice).status == 400)

        for host in ["localhost:\(port)", "LocalHost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"] {
            let response = try LoopbackClient.exchange(port: port, "GET / HTTP/1.1\r\nhost:\(host) \r\n\r\n")
            #expect(response.status == 200, "\(host): \(response.status)")
            #expect(response.text.contains("The home page."), "\(host)")
        }
    }

    @Test func hostHeaderIsParsed() throws {
        let head = Array("GET / HTTP/1.1\r\nAccept: */*\r\nHOST:  localhost:8000\t\r\nX: y".utf8)
        let request = try HTTPRequest.parse(head)
        #expect(request.host == "localhost:8000")
        #expect(request.isAddressedToLoopback(port: 8000))
        #expect(!request.isAddressedToLoopback(port: 8001))
        #expect(try HTTPRequest.parse(Array("GET / HTTP/1.1".utf8)).host == nil)
        #expect(HTTPRequest(method: "GET", target: "/", host: "[::1]").isAddressedToLoopback(port: 80))
        #expect(!HTTPRequest(method: "GET", target: "/", host: "[::1]").isAddressedToLoopback(port: 8000))
    }

    @Test func slowLorisHeadIsCutOffAtTheDeadline() throws {
        let project = try TemporaryProject(DevServerTests.files)
        defer { project.remove() }
        let server = try DevServer(projectPath: project.path, port: 0)
        server.headDeadline = 1
        let port = try server.start(watching: false)
        defer { server.stop() }

        // One byte every 100 ms: each read gets a byte long before any per-read timeout, but the
        // whole head (200 bytes, 20 s) cannot arrive within the 1 s deadline.
        let padding = String(repeating: "a", count: 150)
        let head = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Padding: \(padding)\r\n\r\n".utf8)
        let fd = try LoopbackClient.connected(port: port)
        defer { close(fd) }
        var sent = 0
        for byte in head {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, 100) > 0 { break }
            guard withUnsafePointer(to: byte, { send(fd, $0, 1, LoopbackClient.noSignal) }) == 1 else { break }
            sent += 1
        }
        #expect(sent < head.count, "the server waited for the whole slow head")
        let response = try LoopbackClient.response(fd)
        #expect(response.status == 408)
        #expect(!response.text.contains("The home page."))
        // Normal requests are still answered.
        #expect(try LoopbackClient.get(port: port, "/", timeoutSeconds: 5).status == 200)
    }

    @Test func foldersOfServersThatAreGoneAreRemoved() throws {
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/sh")
        ended.arguments = ["-c", "exit 0"]
        try ended.run()
        ended.waitUntilExit()
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory())
        let prefix = DevServer.workFolderPrefix
        let abandoned = temporary.appendingPathComponent("\(prefix)\(ended.processIdentifier)-\(UUID().uuidString)")
        let alive = temporary.appendingPathComponent("\(prefix)\(getpid())-\(UUID().uuidString)")
        let foreign = temporary.appendingPathComponent("\(prefix)\(ended.processIdentifier)-not-a-uuid")
        // Made under another name and moved into place: servers that other tests start meanwhile
        // sweep too, and must not see a half-made folder.
        for folder in [abandoned, alive, foreign] {
            let making = temporary.appendingPathComponent("making-" + folder.lastPathComponent)
            try ProjectFiles.makeDirectories(making.appendingPathComponent("site").path)
            try ProjectFiles.write("site", to: making.appendingPathComponent("site/index.html").path)
            try FileManager.default.moveItem(at: making, to: folder)
        }
        defer { [alive, foreign].forEach { try? FileManager.default.removeItem(at: $0) } }

        let project = try TemporaryProject(DevServerTests.files)
        defer { project.remove() }
        let server = try DevServer(projectPath: project.path, port: 0)
        defer { server.stop() }
        #expect(!ProjectFiles.exists(abandoned.path))
        #expect(ProjectFiles.exists(alive.appendingPathComponent("site/index.html").path))
        #expect(ProjectFiles.exists(foreign.path))
        // This server's own folder carries its process id.
        #expect(server.outputURL.deletingLastPathComponent().lastPathComponent.hasPrefix("\(prefix)\(getpid())-"))
    }

    @Test func aBuildThatCrashesLeavesTheServerServing() throws {
        let dossier = try #require(DossierExecutable.url, "the dossier executable is not built")
        let project = try TemporaryProject(DevServerTests.files)
        defer { project.remove() }
        // A stand-in for `dossier` that dies of SIGSEGV while the project holds CRASH, as a build on
        // hostile input once did, and builds normally otherwise.
        let tools = try TemporaryProject([
            "dossier": """
            #!/bin/sh
            if [ -e "$2/CRASH" ]; then kill -SEGV $$; fi
            exec '\(dossier.path)' "$@"

            """
        ])
        defer { tools.remove() }
        let executable = tools.url.appendingPathComponent("dossier").path
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable)

        let server = try DevServer(projectPath: project.path, port: 0, buildExecutable: executable)
        let port = try server.start(watching: false)
        defer { server.stop() }
        #expect(try LoopbackClient.get(port: port, "/docs/guide.html").text.contains("First version of the guide."))
        let before = server.version

        try project.write("CRASH", "")
        try project.write("docs/guide.md", "# Guide\n\nSecond version.\n")
        #expect(server.rebuildIfChanged())
        #expect("\(server.lastBuildError.map { "\($0)" } ?? "no error")".contains("the build crashed"))
        #expect(server.version == before)
        let kept = try LoopbackClient.get(port: port, "/docs/guide.html")
        #expect(kept.status == 200)
        #expect(kept.text.contains("First version of the guide."))

        try FileManager.default.removeItem(atPath: project.path + "/CRASH")
        #expect(server.rebuildIfChanged())
        #expect(server.lastBuildError == nil)
        #expect(server.version == before + 1)
        #expect(try LoopbackClient.get(port: port, "/docs/guide.html").text.contains("Second version."))
    }

    /// `dossier serve` itself: a document that crashed the build in process (10,000 nested quotes,
    /// SIGSEGV before issue 10) leaves it serving, and SIGTERM removes its temporary folder.
    @Test func theServeCommandSurvivesAHostileDocumentAndCleansUpWhenKilled() throws {
        let dossier = try #require(DossierExecutable.url, "the dossier executable is not built")
        let project = try TemporaryProject(DevServerTests.files)
        defer { project.remove() }
        let process = Process()
        process.executableURL = dossier
        process.arguments = ["serve", "--port", "0", project.path]
        let output = OutputCollector()
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        err.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let serving = try #require(output.waitFor(#"at http://127\.0\.0\.1:(\d+)/"#), "no Serving line: \(output.text)")
        let port = try #require(Int(serving))
        let folder = try #require(output.waitFor(#"to (/\S*dossier-serve-[^/]+)/site"#))
        #expect(ProjectFiles.isDirectory(folder))
        #expect(try LoopbackClient.get(port: port, "/").status == 200)

        try project.write("docs/deep.md", String(repeating: ">", count: 10_000) + " deep\n")
        // Either outcome of the rebuild will do: a crash reported, or a site written again.
        let rebuilt = output.waitFor(
            #"(still serving the last good site|Wrote \d+ pages[^\n]*\n[\s\S]*Wrote \d+ pages)"#)
        #expect(rebuilt != nil, "\(output.text)")
        #expect(try LoopbackClient.get(port: port, "/docs/guide.html").status == 200)

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(!ProjectFiles.exists(folder))
    }
}

/// A child process's output as it arrives, waited on with a bound.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    func append(_ more: Data) {
        lock.withLock { data.append(more) }
    }

    /// The first group of the first match of `pattern` in the output, waiting up to 60 s for it.
    func waitFor(_ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let now = text
            if let match = regex.firstMatch(in: now, range: NSRange(now.startIndex..., in: now)),
                let range = Range(match.range(at: 1), in: now)
            {
                return String(now[range])
            }
            usleep(50_000)
        }
        return nil
    }
}
