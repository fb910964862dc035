import DossierChecks
import DossierCore
import DossierModel
import DossierSite
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `dossier serve` runs: builds the site into a temporary folder (never the project's own
/// output), serves it on 127.0.0.1, rebuilds when a project file changes and makes open pages
/// reload. A rebuild that fails keeps the last good site; the built files are never edited (the
/// reload script goes into responses only).
public final class DevServer: @unchecked Sendable {
    /// Why the server cannot start (a port in use, say).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    package let projectPath: String
    /// The port asked for; 0 picks a free one, which `start()` returns.
    package let requestedPort: Int
    /// Where the site is built: a folder under the system's temporary folder.
    package let outputURL: URL
    /// Holds `outputURL` and the writer's staging folders; removed by `stop()`.
    private let workFolder: URL
    private let root: String
    private let onBuild: @Sendable (Result<BuildReport, Error>) -> Void
    private let connections = DispatchQueue(label: "dossier.serve.connections", attributes: .concurrent)

    // Guarded by `state`, which is also signalled when a build ends or the server stops.
    private let state = NSCondition()
    private var currentVersion = 1
    private var building = false
    private var buildsFinished = 0
    private var running = false
    private var stopped = false
    private var loopsRunning = 0
    private var listener: Int32 = -1
    private var boundPort = 0
    private var lastReport: BuildReport?
    private var lastError: Error?

    // Guarded by `buildLock`: one scan and build at a time.
    private let buildLock = NSLock()
    private var watcher: FileWatcher

    /// Counts successful builds; open pages reload when it changes.
    package var version: Int { state.withLock { currentVersion } }
    /// The last successful build.
    package var lastBuild: BuildReport? { state.withLock { lastReport } }
    /// Why the last build failed; nil after a successful one.
    package var lastBuildError: Error? { state.withLock { lastError } }
    /// The bound port once started, else 0.
    public var port: Int { state.withLock { boundPort } }

    /// Prepares a server for the project at `projectPath`; nothing is built or bound yet.
    /// `onBuild` hears every build's outcome, on the thread that ran it.
    public init(projectPath: String, port: Int = 8000,
                onBuild: @escaping @Sendable (Result<BuildReport, Error>) -> Void = { _ in }) throws {
        guard (0...65535).contains(port) else {
            throw Failure(description: "port \(port) is not between 0 and 65535")
        }
        let rootURL = URL(fileURLWithPath: projectPath).standardizedFileURL
        guard FileIO.isDirectory(rootURL.path) else {
            throw ProjectError(message: "no project folder at \(projectPath)", findings: [])
        }
        self.projectPath = projectPath
        requestedPort = port
        root = rootURL.path
        self.onBuild = onBuild
        workFolder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("dossier-serve-\(UUID().uuidString)")
        outputURL = workFolder.appendingPathComponent("site")
        try FileIO.makeDirectories(workFolder.path)
        watcher = FileWatcher(root: root, skipping: Self.skippedFolders(root: root, workFolder: workFolder))
    }

    /// Binds 127.0.0.1, builds the site and starts answering; returns the bound port. Throws
    /// `Failure` when the port cannot be had and `ProjectError` (or the writer's refusal) when the
    /// first build fails; the temporary folder is removed then. With `watching` false, nothing
    /// rebuilds on its own and tests call `rebuildIfChanged()`.
    @discardableResult
    public func start(watching: Bool = true) throws -> Int {
        state.lock()
        guard !running, !stopped else {
            state.unlock()
            throw Failure(description: "the server was already started")
        }
        state.unlock()
        let socket: (fd: Int32, port: Int)
        do {
            socket = try LoopbackSocket.listening(port: requestedPort)
        } catch {
            removeWorkFolder()
            throw error
        }
        state.withLock {
            listener = socket.fd
            boundPort = socket.port
        }
        buildLock.lock()
        let first = build()
        buildLock.unlock()
        if case let .failure(error) = first {
            close(socket.fd)
            state.withLock { listener = -1; stopped = true }
            removeWorkFolder()
            throw error
        }
        state.withLock {
            running = true
            loopsRunning = watching ? 2 : 1
        }
        Thread { [self] in acceptLoop(socket.fd) }.start()
        if watching { Thread { [self] in watchLoop() }.start() }
        return socket.port
    }

    /// Stops answering and watching, waits for a build in progress, and removes the temporary folder.
    public func stop() {
        state.lock()
        running = false
        state.broadcast()
        while loopsRunning > 0 { state.wait() }
        let fd = listener
        listener = -1
        let first = !stopped
        stopped = true
        state.unlock()
        if fd >= 0 { close(fd) }
        // Take the build lock so that a rebuild someone else started cannot write into a removed folder.
        buildLock.lock()
        if first { removeWorkFolder() }
        buildLock.unlock()
    }

    /// Rescans the project and, when any file changed since the last scan, rebuilds. Returns
    /// whether it rebuilt, successfully or not (`lastBuildError` tells which).
    @discardableResult
    package func rebuildIfChanged() -> Bool {
        buildLock.lock()
        defer { buildLock.unlock() }
        guard !state.withLock({ stopped }), watcher.changed() else { return false }
        _ = build()
        watcher.skipping = Self.skippedFolders(root: root, workFolder: workFolder)
        return true
    }

    // MARK: Building

    /// Builds into `outputURL`. Call with `buildLock` held.
    private func build() -> Result<BuildReport, Error> {
        state.withLock { building = true }
        var options = BuildOptions(output: outputURL.path)
        // Absolute links (the 404 page, canonical, sitemap) should lead back to this server,
        // not to the published site.
        let (config, _) = ProjectConfig.load(projectRoot: URL(fileURLWithPath: root))
        if config.baseURL != nil { options.baseURL = "http://127.0.0.1:\(port)/" }
        let result = Result { try SiteGenerator.build(path: root, options: options) }
        state.withLock {
            switch result {
            case let .success(report):
                if lastReport != nil { currentVersion += 1 }
                lastReport = report
                lastError = nil
            case let .failure(error):
                lastError = error
            }
            building = false
            buildsFinished += 1
            state.broadcast()
        }
        onBuild(result)
        return result
    }

    /// The temporary folder and the project's own output folder: neither is a source.
    private static func skippedFolders(root: String, workFolder: URL) -> Set<String> {
        let (config, _) = ProjectConfig.load(projectRoot: URL(fileURLWithPath: root))
        let output = config.output.hasPrefix("/")
            ? URL(fileURLWithPath: config.output).standardizedFileURL.path
            : URL(fileURLWithPath: root).appendingPathComponent(config.output).standardizedFileURL.path
        return [workFolder.standardizedFileURL.path, output]
    }

    private func removeWorkFolder() {
        try? FileManager.default.removeItem(at: workFolder)
    }

    private func watchLoop() {
        while true {
            let keepGoing = state.withLock { () -> Bool in
                if running { _ = state.wait(until: Date().addingTimeInterval(0.5)) }
                return running
            }
            guard keepGoing else { break }
            rebuildIfChanged()
        }
        loopFinished()
    }

    private func loopFinished() {
        state.withLock {
            loopsRunning -= 1
            state.broadcast()
        }
    }

    // MARK: Answering

    private func acceptLoop(_ fd: Int32) {
        while state.withLock({ running }) {
            guard let client = LoopbackSocket.accept(fd, waitingMilliseconds: 200) else { continue }
            connections.async { [self] in
                defer { close(client) }
                guard let head = LoopbackSocket.readHead(client) else { return }
                let response: HTTPResponse
                var isHead = false
                do {
                    let request = try HTTPRequest.parse(head)
                    isHead = request.method == "HEAD"
                    response = respond(to: request)
                } catch HTTPRequest.Problem.headerTooLarge {
                    response = .text(431, "Request headers are too large.\n")
                } catch {
                    response = .text(400, "Bad request.\n")
                }
                LoopbackSocket.write(client, response.serialized(head: isHead))
            }
        }
        loopFinished()
    }

    /// The response to one request; a page missing only because a build is swapping the site
    /// in is looked up again once the build is done.
    package func respond(to request: HTTPRequest) -> HTTPResponse {
        let (buildingBefore, finishedBefore) = state.withLock { (building, buildsFinished) }
        let response = respondOnce(to: request)
        guard response.status == 404 else { return response }
        let retry = state.withLock { () -> Bool in
            let raced = buildingBefore || building || buildsFinished != finishedBefore
            let deadline = Date().addingTimeInterval(60)
            while building, state.wait(until: deadline) {}
            return raced
        }
        return retry ? respondOnce(to: request) : response
    }

    private func respondOnce(to request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = HTTPResponse.text(405, "Only GET and HEAD are served.\n")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        guard let segments = request.pathSegments else { return .text(400, "Bad request path.\n") }
        // Read the version before the page: a page built after it only costs one extra reload.
        let version = self.version
        if segments == ["__dossier", "version"] { return .text(200, String(version)) }
        // Dot files (the writer's manifest, staging folders) are not part of the site.
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return notFound(version: version) }
        let relative = segments.joined(separator: "/")
        let base = outputURL.path
        var path = relative.isEmpty ? base : base + "/" + relative
        if FileIO.isDirectory(path) {
            path += "/index.html"
            guard relative.isEmpty || request.endsWithSlash || !FileIO.exists(path) else {
                // Pages in a folder link relatively, so the folder must be asked for with its slash.
                let encoded = segments.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }
                var response = HTTPResponse.text(301, "Moved.\n")
                response.headers.append(("Location", "/" + encoded.joined(separator: "/") + "/"))
                return response
            }
        }
        guard let bytes = readSiteFile(path) else { return notFound(version: version) }
        return file(bytes, path: path, status: 200, version: version)
    }

    private func notFound(version: Int) -> HTTPResponse {
        let path = outputURL.path + "/" + SiteLayout.notFound
        guard let bytes = readSiteFile(path) else { return .text(404, "Not found.\n") }
        return file(bytes, path: path, status: 404, version: version)
    }

    private func file(_ bytes: [UInt8], path: String, status: Int, version: Int) -> HTTPResponse {
        let type = HTTPResponse.contentType(forPath: path)
        let body = type.hasPrefix("text/html") ? Self.injectingReloadScript(into: bytes, version: version) : bytes
        return HTTPResponse(status: status, headers: [("Content-Type", type)], body: body)
    }

    /// A regular file's bytes, only when its real path lies inside the output folder.
    private func readSiteFile(_ path: String) -> [UInt8]? {
        guard let real = LoopbackSocket.realPath(path), let base = LoopbackSocket.realPath(outputURL.path),
              real.hasPrefix(base + "/"), FileIO.exists(real), !FileIO.isDirectory(real) else { return nil }
        return try? FileIO.readBytes(real)
    }

    // MARK: Live reload

    /// Polls the version once a second and reloads when it differs from the one the page was served at.
    package static func reloadScript(version: Int) -> String {
        "<script>/* dossier serve: live reload */(function(){var v=\"\(version)\";function poll(){"
            + "fetch(\"/__dossier/version\",{cache:\"no-store\"}).then(function(r){return r.text()})"
            + ".then(function(t){if(t!==v){location.reload()}else{setTimeout(poll,1000)}},function(){setTimeout(poll,1000)})}"
            + "setTimeout(poll,1000)})();</script>\n"
    }

    /// The page with the reload script before its last `</body>` (or at the end when it has none).
    package static func injectingReloadScript(into html: [UInt8], version: Int) -> [UInt8] {
        let script = Array(reloadScript(version: version).utf8)
        let tag = Array("</body".utf8)
        var index = html.count - tag.count
        while index >= 0 {
            var matches = true
            for offset in 0..<tag.count where html[index + offset] | 0x20 != tag[offset] | 0x20 {
                matches = false
                break
            }
            if matches { break }
            index -= 1
        }
        guard index >= 0 else { return html + script }
        var result = html
        result.insert(contentsOf: script, at: index)
        return result
    }
}

/// Every POSIX socket call of the dev server: a listener on 127.0.0.1 and blocking reads and
/// writes on accepted connections.
package enum LoopbackSocket {
    /// A socket bound to 127.0.0.1 and listening; port 0 picks a free port.
    package static func listening(port: Int) throws -> (fd: Int32, port: Int) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw DevServer.Failure(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            switch code {
            case EADDRINUSE:
                throw DevServer.Failure(description: "port \(port) on 127.0.0.1 is already in use; choose another with --port")
            case EACCES:
                throw DevServer.Failure(description: "not allowed to listen on port \(port); choose one above 1023 with --port")
            default:
                throw DevServer.Failure(description: "cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(code)))")
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// The next connection, or nil when none arrived within the wait (so the caller can check
    /// whether to stop: closing a socket does not wake a blocked `accept` on Linux).
    package static func accept(_ fd: Int32, waitingMilliseconds: Int32) -> Int32? {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, waitingMilliseconds) > 0 else { return nil }
        #if canImport(Glibc)
        let client = Glibc.accept(fd, nil, nil)
        #else
        let client = Darwin.accept(fd, nil, nil)
        #endif
        guard client >= 0 else { return nil }
        // A client that sends nothing must not hold a thread for ever.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
        var yes: Int32 = 1
        setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return client
    }

    /// The request line and headers, up to the blank line; a little past the limit when they
    /// are longer (so the caller can answer 431); nil when the client sent nothing.
    package static func readHead(_ fd: Int32) -> [UInt8]? {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while head.count <= HTTPRequest.maxHeadBytes {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            let searchFrom = max(0, head.count - 3)
            head += buffer[0..<n]
            if let found = endOfHead(in: head, from: searchFrom) { return Array(head[..<found]) }
        }
        return head.isEmpty ? nil : head
    }

    package static func write(_ fd: Int32, _ bytes: [UInt8]) {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var sent = 0
        bytes.withUnsafeBytes { raw in
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, flags)
                if n <= 0 { return }
                sent += n
            }
        }
    }

    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where the blank line (`\r\n\r\n`) that ends a request head starts.
    private static func endOfHead(in bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 3 < bytes.count {
            if bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }
}
