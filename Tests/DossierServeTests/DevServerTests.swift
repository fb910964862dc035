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

/// SPEC 2, `serve`: a real server on 127.0.0.1, asked over a real socket.
@Suite struct DevServerTests {
    static let files = [
        "README.md": "# Penguins\n\nThe home page.\n",
        "docs/guide.md": "# Guide\n\nFirst version of the guide.\n\n![Logo](img/logo.svg)\n",
        "docs/models/README.md": "# Models\n\nThe models folder.\n",
        "docs/img/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ]

    /// A started server on a free port, with no background watching: tests rebuild by hand.
    static func started(_ project: TemporaryProject) throws -> (DevServer, Int) {
        let server = try DevServer(projectPath: project.path, port: 0)
        let port = try server.start(watching: false)
        return (server, port)
    }

    @Test func servesPagesWithTheReloadScriptAndKeepsBuiltFilesClean() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let (server, port) = try Self.started(project)
        defer { server.stop() }
        #expect(port > 0)

        let home = try LoopbackClient.get(port: port, "/")
        #expect(home.status == 200)
        #expect(home.header("Content-Type") == "text/html; charset=utf-8")
        #expect(home.text.contains("The home page."))
        #expect(home.text.contains("/__dossier/version"))
        #expect(home.text.contains("location.reload()"))
        let script = home.text.range(of: "dossier serve: live reload")
        let bodyEnd = home.text.range(of: "</body>", options: .backwards)
        #expect(script != nil && bodyEnd != nil && script!.lowerBound < bodyEnd!.lowerBound)
        #expect(Int(home.header("Content-Length") ?? "") == home.body.count)

        let guide = try LoopbackClient.get(port: port, "/docs/guide.html")
        #expect(guide.status == 200)
        #expect(guide.text.contains("First version of the guide."))
        #expect(guide.text.contains("/__dossier/version"))

        // The script lives in responses only; the files on disk are what `build` writes.
        let onDisk = ProjectFiles.readText(server.outputURL.appendingPathComponent("docs/guide.html").path) ?? ""
        #expect(onDisk.contains("First version of the guide."))
        #expect(!onDisk.contains("__dossier"))
        // Nothing was written into the project.
        #expect(!project.exists("site"))
    }

    @Test func contentTypesFoldersAndHead() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let (server, port) = try Self.started(project)
        defer { server.stop() }

        let index = try LoopbackClient.get(port: port, "/index.html?x=1")
        #expect(index.status == 200)
        #expect(index.header("Content-Type") == "text/html; charset=utf-8")

        let version = try LoopbackClient.get(port: port, "/__dossier/version")
        #expect(version.status == 200)
        #expect(version.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(version.text == String(server.version))

        let head = try LoopbackClient.get(port: port, "/docs/guide.html", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect((Int(head.header("Content-Length") ?? "") ?? 0) > 0)

        let post = try LoopbackClient.get(port: port, "/", method: "POST")
        #expect(post.status == 405)

        // Every stylesheet and script the home page links to is served with its type.
        let built = try FileManager.default.subpathsOfDirectory(atPath: server.outputURL.path)
        let expected = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]
        for (ext, type) in expected {
            let file = try #require(
                built.first { $0.hasSuffix("." + ext) && !$0.hasPrefix(".") }, "no .\(ext) file in the site")
            let response = try LoopbackClient.get(port: port, "/" + file)
            #expect(response.status == 200, "\(file)")
            #expect(response.header("Content-Type") == type, "\(file)")
        }
        let logo = try LoopbackClient.get(port: port, "/docs/img/logo.svg")
        #expect(logo.status == 200)
        #expect(logo.header("Content-Type") == "image/svg+xml")
        #expect(logo.text == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        #expect(HTTPResponse.contentType(forPath: "a/b.svg") == "image/svg+xml")
        #expect(HTTPResponse.contentType(forPath: "a/B.PNG") == "image/png")
        #expect(HTTPResponse.contentType(forPath: "x.jpeg") == "image/jpeg")
        #expect(HTTPResponse.contentType(forPath: "sitemap.xml") == "application/xml")
        #expect(HTTPResponse.contentType(forPath: "robots.txt") == "text/plain; charset=utf-8")
        #expect(HTTPResponse.contentType(forPath: "LICENSE") == "application/octet-stream")

        // A folder is its index.html; asked for without its slash it is redirected, so the
        // page's relative links keep working.
        let folder = try LoopbackClient.get(port: port, "/docs/models/")
        #expect(folder.status == 200)
        #expect(folder.text.contains("The models folder."))
        let redirect = try LoopbackClient.get(port: port, "/docs/models?tab=1")
        #expect(redirect.status == 301)
        #expect(redirect.header("Location") == "/docs/models/")
        // A folder without an index page is simply not found.
        #expect(try LoopbackClient.get(port: port, "/docs").status == 404)
    }

    @Test func missingPageIs404WithTheSitesNotFoundPage() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let (server, port) = try Self.started(project)
        defer { server.stop() }

        let missing = try LoopbackClient.get(port: port, "/docs/nowhere.html")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "text/html; charset=utf-8")
        let notFound = ProjectFiles.readText(server.outputURL.appendingPathComponent("404.html").path) ?? "<missing>"
        #expect(missing.text.hasPrefix(String(notFound.prefix(200))))
        #expect(missing.text.contains("/__dossier/version"))
        // The writer's manifest is not part of the site.
        #expect(try LoopbackClient.get(port: port, "/.dossier-manifest").status == 404)
    }

    @Test func pathTraversalNeverLeavesTheSite() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let (server, port) = try Self.started(project)
        defer { server.stop() }
        // A file just outside the output folder, which a traversal would reach.
        try ProjectFiles.write(
            "secret-beside-site",
            to: server.outputURL.deletingLastPathComponent().appendingPathComponent("secret.txt").path)

        for target in [
            "/../../etc/passwd", "/..%2f..%2fetc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/secret.txt",
            "/../secret.txt", "/docs/../../secret.txt", "//etc/passwd", "/%2fetc%2fpasswd", "/..\\secret.txt",
            "/%00", "/%zz", "http://example.org/etc/passwd", "*",
        ] {
            let response = try LoopbackClient.get(port: port, target)
            #expect(response.status == 400 || response.status == 404, "\(target): \(response.status)")
            #expect(!response.text.contains("root:"), "\(target)")
            #expect(!response.text.contains("secret-beside-site"), "\(target)")
        }
        #expect(HTTPRequest(method: "GET", target: "/a/./b/").pathSegments == ["a", "b"])
        #expect(HTTPRequest(method: "GET", target: "/a%20b.html?q=..").pathSegments == ["a b.html"])
        #expect(HTTPRequest(method: "GET", target: "/%2e%2e/x").pathSegments == nil)
    }

    @Test func editRebuildsBumpsTheVersionAndServesTheNewText() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let (server, port) = try Self.started(project)
        defer { server.stop() }
        let before = server.version

        #expect(server.rebuildIfChanged() == false)
        #expect(server.version == before)

        try project.write("docs/guide.md", "# Guide\n\nSecond version of the guide, longer than the first.\n")
        #expect(server.rebuildIfChanged() == true)
        #expect(server.lastBuildError == nil)
        #expect(server.version == before + 1)
        let version = try LoopbackClient.get(port: port, "/__dossier/version")
        #expect(version.text == String(before + 1))
        let guide = try LoopbackClient.get(port: port, "/docs/guide.html")
        #expect(guide.status == 200)
        #expect(guide.text.contains("Second version of the guide"))
        #expect(!guide.text.contains("First version of the guide."))

        // A new document gets a page; nothing more changed, nothing rebuilds.
        try project.write("docs/added.md", "# Added\n")
        #expect(server.rebuildIfChanged() == true)
        #expect(try LoopbackClient.get(port: port, "/docs/added.html").status == 200)
        #expect(server.rebuildIfChanged() == false)
        #expect(server.version == before + 2)
    }

    @Test func malformedConfigKeepsServingTheLastGoodSite() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let (server, port) = try Self.started(project)
        defer { server.stop() }
        let before = server.version

        try project.write("dossier.yml", "title: [unclosed\n")
        try project.write("docs/guide.md", "# Guide\n\nEdited while the config is broken.\n")
        #expect(server.rebuildIfChanged() == true)
        #expect(server.lastBuildError is ProjectError)
        #expect(server.version == before)
        let guide = try LoopbackClient.get(port: port, "/docs/guide.html")
        #expect(guide.status == 200)
        #expect(guide.text.contains("First version of the guide."))

        // Fixing the config rebuilds with everything changed meanwhile.
        try project.write("dossier.yml", "title: Penguins\n")
        #expect(server.rebuildIfChanged() == true)
        #expect(server.lastBuildError == nil)
        #expect(server.version == before + 1)
        #expect(
            try LoopbackClient.get(port: port, "/docs/guide.html").text.contains("Edited while the config is broken."))
    }

    @Test func brokenProjectFailsToStartAndCleansUp() throws {
        let project = try TemporaryProject(["README.md": "# R\n", "dossier.yml": "title: [unclosed\n"])
        defer { project.remove() }
        let server = try DevServer(projectPath: project.path, port: 0)
        #expect(throws: ProjectError.self) { try server.start(watching: false) }
        #expect(!ProjectFiles.exists(server.outputURL.deletingLastPathComponent().path))
        #expect(throws: ProjectError.self) { try DevServer(projectPath: project.path + "/nowhere", port: 0) }
    }

    @Test func stopRemovesTheTemporarySiteAndFreesThePort() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let (server, port) = try Self.started(project)
        #expect(ProjectFiles.exists(server.outputURL.appendingPathComponent("index.html").path))
        server.stop()
        server.stop()
        #expect(!ProjectFiles.exists(server.outputURL.deletingLastPathComponent().path))
        #expect(throws: (any Error).self) { try LoopbackClient.get(port: port, "/") }
    }

    @Test func portInUseIsAClearFailure() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let (first, port) = try Self.started(project)
        defer { first.stop() }
        let second = try DevServer(projectPath: project.path, port: port)
        #expect {
            try second.start(watching: false)
        } throws: { error in
            "\(error)".contains("port \(port) on 127.0.0.1 is already in use")
        }
        #expect(!ProjectFiles.exists(second.outputURL.deletingLastPathComponent().path))

        if DossierExecutable.url != nil {
            let result = try DossierExecutable.run(["serve", "--port", String(port), project.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("already in use"), "\(result.stderr)")
        }
    }

    @Test func watchingRebuildsOnItsOwn() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let server = try DevServer(projectPath: project.path, port: 0)
        let port = try server.start()
        defer { server.stop() }
        let before = server.version
        try project.write("docs/guide.md", "# Guide\n\nWatched edit, picked up without help.\n")
        // Bounded wait: the watcher polls every half second.
        let deadline = Date().addingTimeInterval(30)
        while server.version == before, Date() < deadline { usleep(50_000) }
        #expect(server.version > before)
        #expect(try LoopbackClient.get(port: port, "/docs/guide.html").text.contains("Watched edit"))
    }

    @Test func reloadScriptGoesBeforeTheLastBodyTag() {
        let injected = DevServer.injectingReloadScript(into: Array("<html><BODY>a</BODY></html>".utf8), version: 7)
        let text = String(decoding: injected, as: UTF8.self)
        #expect(text.hasPrefix("<html><BODY>a<script>"))
        #expect(text.hasSuffix("</script>\n</BODY></html>"))
        #expect(text.contains("var v=\"7\""))
        let bare = String(
            decoding: DevServer.injectingReloadScript(into: Array("plain".utf8), version: 1), as: UTF8.self)
        #expect(bare.hasPrefix("plain<script>"))
    }
}

/// A minimal HTTP/1.1 client over a raw socket to 127.0.0.1, reading until the server closes.
enum LoopbackClient {
    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func get(port: Int, _ target: String, method: String = "GET", timeoutSeconds: Int = 30) throws -> Response {
        try exchange(
            port: port, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n",
            timeoutSeconds: timeoutSeconds)
    }

    /// Sends `request` as is and reads the response until the server closes.
    static func exchange(port: Int, _ request: String, timeoutSeconds: Int = 30) throws -> Response {
        let fd = try connected(port: port, timeoutSeconds: timeoutSeconds)
        defer { close(fd) }
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, noSignal) }
        return try response(fd)
    }

    #if canImport(Glibc)
        static let noSignal = Int32(MSG_NOSIGNAL)
    #else
        static let noSignal: Int32 = 0
    #endif

    /// A socket connected to the server, whose every read and write waits at most `timeoutSeconds`.
    static func connected(port: Int, timeoutSeconds: Int = 30) throws -> Int32 {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket") }
        // Bounded waits only: a stuck server fails the test instead of hanging it.
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "connect: \(reason)")
        }
        return fd
    }

    /// Reads a response from `fd` until the server closes the connection.
    static func response(_ fd: Int32) throws -> Response {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 { throw Failure(description: "recv: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            received += buffer[0..<n]
        }
        let separator = Array("\r\n\r\n".utf8)
        guard
            let split = (0...max(0, received.count - 4)).first(where: {
                Array(received[$0..<min(received.count, $0 + 4)]) == separator
            })
        else { throw Failure(description: "no response head in \(received.count) bytes") }
        let head = String(decoding: received[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(head[0])")
        }
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Response(status: status, headers: headers, body: Array(received[(split + 4)...]))
    }
}
