import DossierCore
import Foundation

/// One long-lived `git cat-file --batch` process: asks for `commit:path` and reads the blob back,
/// so comparing symbols at many commits costs no process per file.
///
/// Started on first use. One request is in flight at a time (the protocol is strictly
/// request/response over one pair of pipes), so every request holds `lock`.
package final class GitObjectReader: @unchecked Sendable {
    // Sendable by hand: all mutable state below is only touched while holding `lock`.
    private let lock = NSLock()
    private let git: String
    private let directory: String
    private var process: Process?
    private var input: FileHandle?
    private var output: FileHandle?
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var broken = false
    private var cache: [String: Data?] = [:]
    private var cachedBytes = 0
    /// Blobs are cached (symbols are compared at the same commits for many documents), up to this much.
    private static let cacheLimit = 64 << 20

    package init(git: String, directory: String) {
        self.git = git
        self.directory = directory
    }

    deinit {
        // Closing stdin ends `cat-file`; Foundation reaps the child.
        try? input?.close()
    }

    /// The blob named `spec` (`<commit>:<path from the repository root>`), or `nil` when there is
    /// no such blob (missing path, a tree, or git failed).
    package func blob(_ spec: String) -> Data? {
        guard !spec.utf8.contains(UInt8(ascii: "\n")) else { return nil }
        return lock.withLock {
            if let cached = cache[spec] { return cached }
            let result = request(spec)
            store(spec, result)
            return result
        }
    }

    /// Fetches several blobs with one write and one read per batch instead of a round trip each,
    /// and caches them for `blob(_:)`.
    package func prefetch(_ specs: [String]) {
        lock.withLock {
            let missing = specs.filter { !$0.utf8.contains(UInt8(ascii: "\n")) && cache[$0] == nil }
            // Each batch fits in an empty pipe buffer (64 KiB on Linux, 16 KiB at least
            // elsewhere), so writing it never waits on git, which may itself be waiting for us to
            // read its answers. git has read every earlier batch before we read its answers.
            var start = 0
            while start < missing.count, !broken {
                var end = start
                var bytes = 0
                while end < missing.count, end - start < 64, bytes + missing[end].utf8.count < 8_000 || end == start {
                    bytes += missing[end].utf8.count + 1
                    end += 1
                }
                let batch = missing[start..<end]
                start = end
                guard startIfNeeded(), let input else { return }
                do {
                    try input.write(contentsOf: Data(batch.map { $0 + "\n" }.joined().utf8))
                } catch {
                    broken = true
                    return
                }
                for spec in batch { store(spec, response()) }
            }
        }
    }

    private func store(_ spec: String, _ result: Data?) {
        if cachedBytes + (result?.count ?? 0) > Self.cacheLimit {
            cache.removeAll(keepingCapacity: true)
            cachedBytes = 0
        }
        cache[spec] = .some(result)
        cachedBytes += result?.count ?? 0
    }

    private func request(_ spec: String) -> Data? {
        guard !broken, startIfNeeded(), let input else { return nil }
        do {
            try input.write(contentsOf: Data((spec + "\n").utf8))
        } catch {
            broken = true
            return nil
        }
        return response()
    }

    /// Reads one answer.
    private func response() -> Data? {
        guard let header = readLine() else {
            broken = true
            return nil
        }
        // `<oid> <type> <size>`, or `<spec> missing` / `<spec> ambiguous`.
        let fields = header.split(separator: " ")
        guard fields.count == 3, let size = Int(fields[2]) else { return nil }
        guard let body = read(count: size), read(count: 1) != nil else {
            broken = true
            return nil
        }
        return fields[1] == "blob" ? body : nil
    }

    private func startIfNeeded() -> Bool {
        if process != nil { return true }
        // A write to a pipe whose reader died must fail with EPIPE, not kill the whole program.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = ["cat-file", "--batch"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true)
        process.environment = GitProcess.environment
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            broken = true
            return false
        }
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.output = stdout.fileHandleForReading
        return true
    }

    /// Reads more bytes into the buffer; `false` at end of stream.
    private func fill() -> Bool {
        guard let output else { return false }
        let data = output.availableData
        if data.isEmpty { return false }
        if bufferStart > 0, bufferStart >= buffer.count / 2 {
            buffer.removeFirst(bufferStart)
            bufferStart = 0
        }
        buffer.append(contentsOf: data)
        return true
    }

    private func readLine() -> String? {
        var scanned = bufferStart
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[bufferStart..<newline], as: UTF8.self)
                bufferStart = newline + 1
                return line
            }
            let consumed = buffer.count - bufferStart
            guard fill() else { return nil }
            scanned = bufferStart + consumed
        }
    }

    private func read(count: Int) -> Data? {
        while buffer.count - bufferStart < count {
            guard fill() else { return nil }
        }
        let data = Data(buffer[bufferStart..<(bufferStart + count)])
        bufferStart += count
        return data
    }
}
