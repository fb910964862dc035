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
/// reload script goes into responses only). Changes are noticed with inotify (`InotifyWatcher`;
/// polling with `FileWatcher` where it is missing), and a rebuild in this process redoes only
/// what the change affects (`IncrementalSite`).
public final class DevServer: @unchecked Sendable {
    /// Why the server cannot start (a port in use, say).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    package let projectPath: String
    /// The port asked for; 0 picks a free one, which `start()` returns.
    package let requestedPort: Int
    /// The IPv4 address listened on: 127.0.0.1 unless `serve --host` names another.
    package let host: String
    /// Where the site is built: a folder under the system's temporary folder.
    package let outputURL: URL
    /// Holds `outputURL` and the writer's staging folders; removed by `stop()`.
    private let workFolder: URL
    private let root: String
    private let onBuild: @Sendable (Result<BuildReport?, Error>) -> Void
    /// Runs each build in a child process when the server was given a `dossier` executable.
    private let buildProcess: BuildProcess?
    /// How long a client has to send its whole request head (408 after); set before `start()`.
    package var headDeadline: TimeInterval = 10
    /// How long writing one response may take before the connection is dropped.
    package var writeDeadline: TimeInterval = 60
    /// Connections open at once; one more gets 503 at once. Each holds a thread until its deadline.
    package static let maxConnections = 512

    // Guarded by `state`, which is also signalled when a build ends or the server stops.
    private let state = NSCondition()
    private var currentVersion = 1
    private var building = false
    private var buildsFinished = 0
    private var running = false
    private var stopped = false
    private var loopsRunning = 0
    private var openConnections = 0
    private var listener: Int32 = -1
    private var boundPort = 0
    private var lastReport: BuildReport?
    private var builtOnce = false
    private var lastError: Error?
    private var mode = "none"
    /// The page `IncrementalSite.publishEditedPage` wrote ahead of the build under way.
    private var publishedEarly: String?
    private var lastEarly: String?

    // Guarded by `buildLock`: one scan and build at a time.
    private let buildLock = NSLock()
    private var watcher: FileWatcher
    /// The in-process builds' kept state (parsed documents, rendered pages); nil before the first
    /// build and when child processes build.
    private var incremental: IncrementalSite?

    /// Counts successful builds; open pages reload when it changes.
    package var version: Int { state.withLock { currentVersion } }
    /// The last successful build; nil when child processes build.
    package var lastBuild: BuildReport? { state.withLock { lastReport } }
    /// Why the last build failed; nil after a successful one.
    package var lastBuildError: Error? { state.withLock { lastError } }
    /// How the running server notices changes: "inotify", or "polling" where inotify is missing
    /// or its watch limit was reached; "none" until the watch loop starts.
    package var watchMode: String { state.withLock { mode } }
    /// The page the last watcher-reported rebuild published ahead of itself; nil when it published none.
    package var lastPublishedEarly: String? { state.withLock { lastEarly } }
    /// The bound port once started, else 0.
    public var port: Int { state.withLock { boundPort } }

    /// Prepares a server for the project at `projectPath`; nothing is built or bound yet.
    /// With `buildExecutable` (a `dossier` binary), every build runs as `dossier build` in a child
    /// process, so that a build that crashes cannot take the server (and its temporary folder's
    /// removal) with it; the child prints its own findings and summary. Without it, builds run in
    /// this process. `onBuild` hears every build's outcome, on the thread that ran it: the report,
    /// or nil when a child built.
    /// `host`: the IPv4 address to listen on; anything but loopback lets other machines read the site.
    public init(
        projectPath: String, port: Int = 8000, host: String = "127.0.0.1", buildExecutable: String? = nil,
        onBuild: @escaping @Sendable (Result<BuildReport?, Error>) -> Void = { _ in }
    ) throws {
        guard (0...65535).contains(port) else {
            throw Failure(description: "port \(port) is not between 0 and 65535")
        }
        let rootURL = URL(fileURLWithPath: projectPath).standardizedFileURL
        guard ProjectFiles.isDirectory(rootURL.path) else {
            throw ProjectError(message: "no project folder at \(projectPath)", findings: [])
        }
        self.projectPath = projectPath
        requestedPort = port
        self.host = host
        root = rootURL.path
        self.onBuild = onBuild
        buildProcess = buildExecutable.map { BuildProcess(executable: $0) }
        Self.removeAbandonedWorkFolders()
        workFolder = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("\(Self.workFolderPrefix)\(getpid())-\(UUID().uuidString)")
        outputURL = workFolder.appendingPathComponent("site")
        try ProjectFiles.makeDirectories(workFolder.path)
        watcher = FileWatcher(root: root, skipping: Self.skippedFolders(root: root, workFolder: workFolder))
    }

    /// Binds 127.0.0.1, builds the site and starts answering; returns the bound port. Throws
    /// `Failure` when the port cannot be had and `ProjectError` (or the writer's refusal, or a child
    /// build's `BuildProcess.Failure`) when the first build fails; the temporary folder is removed then. With `watching` false, nothing
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
            socket = try LoopbackSocket.listening(port: requestedPort, host: host)
        } catch {
            removeWorkFolder()
            throw error
        }
        state.withLock {
            listener = socket.fd
            boundPort = socket.port
        }
        // The watches are in place before the first build and before `start` returns, so an
        // edit made during that build, or right after, is seen (a watcher set up later on its
        // own thread missed edits made in between).
        #if canImport(Glibc)
            let initialWatcher =
                watching
                ? try? InotifyWatcher(root: root, skipping: Self.skippedFolders(root: root, workFolder: workFolder))
                : nil
        #endif
        buildLock.lock()
        let first = build()
        buildLock.unlock()
        if case let .failure(error) = first {
            close(socket.fd)
            state.withLock {
                listener = -1; stopped = true
            }
            removeWorkFolder()
            throw error
        }
        state.withLock {
            running = true
            loopsRunning = watching ? 2 : 1
        }
        Thread { [self] in acceptLoop(socket.fd) }.start()
        #if canImport(Glibc)
            if watching { Thread { [self] in watchLoop(initialWatcher) }.start() }
        #else
            if watching { Thread { [self] in watchLoop() }.start() }
        #endif
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
        buildProcess?.terminate()
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

    /// Rebuilds for a change a watcher reported: `paths` (project-relative) are parsed again
    /// whatever their stamps say; every other file is checked by its stamp. An edit of one
    /// document's prose has its page published first (`IncrementalSite.publishEditedPage`), and
    /// open pages reload then; the rebuild that follows makes them reload again only when it
    /// changed more than that page and the search index (which a page fetches when searched).
    package func rebuild(changed paths: Set<String>) {
        buildLock.lock()
        defer { buildLock.unlock() }
        guard !state.withLock({ stopped }) else { return }
        let page = incremental?.publishEditedPage(changed: paths)
        state.withLock {
            lastEarly = page
            guard let page else { return }
            currentVersion += 1
            publishedEarly = page
            state.broadcast()
        }
        _ = build(changed: paths)
    }

    /// Waits for a build in progress (tests: a page published early is served before its rebuild ends).
    package func waitForBuild() {
        buildLock.withLock {}
    }

    // MARK: Building

    /// Builds into `outputURL`: in this process, incrementally (`IncrementalSite`), or in a child
    /// process when the server was given an executable. Call with `buildLock` held.
    private func build(changed: Set<String> = []) -> Result<BuildReport?, Error> {
        state.withLock { building = true }
        var options = BuildOptions(output: outputURL.path)
        // Absolute links (the 404 page, canonical, sitemap) should lead back to this server,
        // not to the published site.
        let (config, _) = ProjectConfig.load(projectRoot: URL(fileURLWithPath: root))
        if config.baseURL != nil { options.baseURL = "http://127.0.0.1:\(port)/" }
        let result: Result<BuildReport?, Error>
        do {
            if let buildProcess {
                try buildProcess.run(project: root, output: outputURL.path, baseURL: options.baseURL)
                result = .success(nil)
            } else {
                // A new base URL (dossier.yml gained or lost `base_url`) changes every page anyway.
                let site =
                    incremental.flatMap { $0.options.baseURL == options.baseURL ? $0 : nil }
                    ?? IncrementalSite(root: root, options: options)
                incremental = site
                result = .success(try site.build(changed: changed))
            }
        } catch {
            result = .failure(error)
        }
        state.withLock {
            switch result {
            case let .success(report):
                if builtOnce, !onlyFollowedEarlyPage(published: publishedEarly) { currentVersion += 1 }
                builtOnce = true
                lastReport = report
                lastError = nil
            case let .failure(error):
                lastError = error
                // The page published early is gone again (`IncrementalSite.build`).
                if publishedEarly != nil { currentVersion += 1 }
            }
            publishedEarly = nil
            building = false
            buildsFinished += 1
            state.broadcast()
        }
        onBuild(result)
        return result
    }

    /// Whether the build that just ended only confirmed the page published ahead of it and
    /// refreshed the search index: open pages are up to date then. Call with `state` held.
    private func onlyFollowedEarlyPage(published page: String?) -> Bool {
        guard let page, let site = incremental, site.lastPublishedPageMatched == true else { return false }
        return (site.lastChangedFiles + site.lastRemovedFiles).allSatisfy {
            $0 == page || $0.hasPrefix(SearchIndex.directory)
        }
    }

    /// The temporary folder and the project's own output folder: neither is a source.
    private static func skippedFolders(root: String, workFolder: URL) -> Set<String> {
        let (config, _) = ProjectConfig.load(projectRoot: URL(fileURLWithPath: root))
        let output =
            config.output.hasPrefix("/")
            ? URL(fileURLWithPath: config.output).standardizedFileURL.path
            : URL(fileURLWithPath: root).appendingPathComponent(config.output).standardizedFileURL.path
        return [workFolder.standardizedFileURL.path, output]
    }

    /// Temporary folders are named `dossier-serve-PID-UUID`, so a later server can tell whose they are.
    package static let workFolderPrefix = "dossier-serve-"

    /// Removes the temporary folders of servers that are no longer running: a server killed with
    /// SIGKILL, or crashed, could not remove its own. A folder whose process still runs (or whose
    /// name is not ours exactly) is left alone.
    package static func removeAbandonedWorkFolders() {
        let temporary = NSTemporaryDirectory()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporary) else { return }
        for name in names.sorted() where name.hasPrefix(workFolderPrefix) {
            let rest = name.dropFirst(workFolderPrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0,
                UUID(uuidString: String(rest[rest.index(after: dash)...])) != nil,
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let path = URL(fileURLWithPath: temporary).appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    private func removeWorkFolder() {
        try? FileManager.default.removeItem(at: workFolder)
    }

    /// `initialWatcher` is the `InotifyWatcher` `start` set up (typed loosely: it exists on Linux only).
    private func watchLoop(_ initialWatcher: AnyObject? = nil) {
        #if canImport(Glibc)
            var skipping = Self.skippedFolders(root: root, workFolder: workFolder)
            var inotify = initialWatcher as? InotifyWatcher
            while let current = inotify, state.withLock({ running }) {
                state.withLock { mode = "inotify" }
                switch current.next(timeout: 0.25) {
                case nil: continue
                case .everything?: rebuild(changed: [])
                case let .paths(paths)?: rebuild(changed: paths)
                }
                // The watch limit reached for a new folder: poll from here on.
                if current.limitReached { inotify = nil }
                // dossier.yml may have moved the output folder, which is not a source.
                let now = Self.skippedFolders(root: root, workFolder: workFolder)
                if now != skipping, inotify != nil {
                    skipping = now
                    inotify = try? InotifyWatcher(root: root, skipping: skipping)
                    rebuild(changed: [])
                }
            }
            if inotify != nil {
                loopFinished()
                return
            }
            // Polling starts from the tree as it is now.
            buildLock.withLock { watcher = FileWatcher(root: root, skipping: skipping) }
        #endif
        state.withLock { mode = "polling" }
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

    /// Accepts connections and gives each its own thread, up to `maxConnections` at once. A thread
    /// per connection, not a shared pool: a pool's few workers, each blocked on a client that
    /// sends nothing, left normal requests waiting (four idle connections delayed one by 2.5 s).
    /// Every wait of a connection ends at its deadline, so a thread lives at most
    /// `headDeadline` + `writeDeadline`.
    private func acceptLoop(_ fd: Int32) {
        while state.withLock({ running }) {
            guard let client = LoopbackSocket.accept(fd, waitingMilliseconds: 200) else { continue }
            let admitted = state.withLock { () -> Bool in
                guard openConnections < Self.maxConnections else { return false }
                openConnections += 1
                return true
            }
            guard admitted else {
                let busy = HTTPResponse.text(503, "Too many open connections; try again.\n")
                LoopbackSocket.write(client, busy.serialized(), deadline: Date())
                close(client)
                continue
            }
            let thread = Thread { [self] in
                answer(client)
                close(client)
                state.withLock { openConnections -= 1 }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        loopFinished()
    }

    /// Reads one request within the head deadline and writes its response.
    private func answer(_ client: Int32) {
        let response: HTTPResponse
        var isHead = false
        switch LoopbackSocket.readHead(client, deadline: Date().addingTimeInterval(headDeadline)) {
        case .closed:
            return
        case .timedOut:
            response = .text(408, "The request head did not arrive in time.\n")
        case .tooLarge:
            response = .text(431, "Request headers are too large.\n")
        case let .complete(head):
            do {
                let request = try HTTPRequest.parse(head)
                isHead = request.method == "HEAD"
                response = respond(to: request)
            } catch HTTPRequest.Problem.headerTooLarge {
                response = .text(431, "Request headers are too large.\n")
            } catch {
                response = .text(400, "Bad request.\n")
            }
        }
        let deadline = Date().addingTimeInterval(writeDeadline)
        LoopbackSocket.write(client, response.serialized(head: isHead), deadline: deadline)
    }

    /// The response to one request; a page missing only because a build is swapping the site
    /// in is looked up again once the build is done.
    package func respond(to request: HTTPRequest) -> HTTPResponse {
        let port = self.port
        let addressed =
            LoopbackSocket.isLoopback(host)
            ? request.isAddressedToLoopback(port: port) : request.isAddressedByAddress
        guard addressed else {
            // 421, not 403: the request is fine, it is addressed to another server's name.
            return .text(
                421,
                "dossier serve answers only requests for localhost:\(port), 127.0.0.1:\(port) "
                    + "or [::1]:\(port).\n")
        }
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
        if segments == ["__dossier", "version"] {
            guard let seen = Self.waitedVersion(request.target) else { return .text(200, String(version)) }
            return .text(200, String(waitForVersion(after: seen)))
        }
        // Dot files (the writer's manifest, staging folders) are not part of the site.
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return notFound(version: version) }
        let relative = segments.joined(separator: "/")
        let base = outputURL.path
        var path = relative.isEmpty ? base : base + "/" + relative
        if ProjectFiles.isDirectory(path) {
            path += "/index.html"
            guard relative.isEmpty || request.endsWithSlash || !ProjectFiles.exists(path) else {
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
            real.hasPrefix(base + "/"), ProjectFiles.exists(real), !ProjectFiles.isDirectory(real)
        else { return nil }
        return try? ProjectFiles.readBytes(real)
    }

    // MARK: Live reload

    /// How long `/__dossier/version?after=N` holds its answer while the version is still N.
    package var longPollSeconds: TimeInterval = 25

    /// The N of a target `/__dossier/version?after=N`; nil for a plain version request.
    package static func waitedVersion(_ target: String) -> Int? {
        guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") where pair.hasPrefix("after=") {
            return Int(pair.dropFirst("after=".count))
        }
        return nil
    }

    /// The version once it differs from `seen`, or when `longPollSeconds` have passed or the
    /// server stops: a page learns of a rebuild the moment it is done, with no polling delay.
    private func waitForVersion(after seen: Int) -> Int {
        let deadline = Date().addingTimeInterval(min(longPollSeconds, writeDeadline))
        return state.withLock {
            while currentVersion == seen, running, state.wait(until: deadline) {}
            return currentVersion
        }
    }

    /// Asks for the version with a long poll (answered as soon as a rebuild is done, or after
    /// `longPollSeconds` unchanged) and reloads when it differs from the one the page was served
    /// at; after an error (the server stopped) it asks again a second later.
    package static func reloadScript(version: Int) -> String {
        "<script>/* dossier serve: live reload */(function(){var v=\"\(version)\";function poll(){"
            + "fetch(\"/__dossier/version?after=\"+v,{cache:\"no-store\"}).then(function(r){"
            + "if(!r.ok){throw r}return r.text()})"
            + ".then(function(t){if(t!==v){location.reload()}else{poll()}},function(){setTimeout(poll,1000)})}"
            + "poll()})();</script>\n"
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

extension DevServer {
    /// Whether `host` (`serve --host`) keeps the site on this machine (127.0.0.0/8).
    public static func isLoopback(_ host: String) -> Bool { LoopbackSocket.isLoopback(host) }
}
