import Foundation

/// Runs `dossier build` in a child process for `serve`: a build that crashes (a stack overflow on
/// hostile Markdown, say) then ends only the child, and the server keeps the last good site. The
/// child prints its findings and summary itself, on the server's standard error and output (less
/// `build`'s "Open …/index.html" line: the server's address is what to open).
package final class BuildProcess: @unchecked Sendable {
    /// Why a child build produced no site.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package var description: String
    }

    private let executable: String
    // Guarded by `lock`: the child running now, so that `terminate()` can end it.
    private let lock = NSLock()
    private var running: Process?
    private var terminated = false

    /// `executable` is a `dossier` binary (the running one, for `serve`).
    package init(executable: String) {
        self.executable = executable
    }

    /// Builds `project` into `output`; returns when the child has ended. Exit status 0 or 1 (error
    /// findings) means the site was written, as an in-process build returns its report then.
    package func run(project: String, output: String, baseURL: String?) throws(Failure) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["build", project, "-o", output] + (baseURL.map { ["--base-url", $0] } ?? [])
        let summary = Pipe()
        process.standardOutput = summary
        let started = lock.withLock { () -> Bool in
            guard !terminated else { return false }
            running = process
            return (try? process.run()) != nil
        }
        defer { lock.withLock { running = nil } }
        guard started else {
            throw Failure(description: "cannot run \(executable) to build the site")
        }
        // Read to the end before waiting, so that a full pipe cannot block the child.
        let printed = String(decoding: summary.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let kept = printed.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Open ") }
        FileHandle.standardOutput.write(Data(kept.joined(separator: "\n").utf8))
        let status = process.terminationStatus
        if process.terminationReason == .uncaughtSignal {
            let name = strsignal(status).map { String(cString: $0) } ?? "signal \(status)"
            throw Failure(description: "the build crashed (\(name), signal \(status))")
        }
        guard status == 0 || status == 1 else {
            throw Failure(description: "the build failed (exit status \(status))")
        }
    }

    /// Ends the child build running now, if any, and refuses to start another.
    package func terminate() {
        lock.withLock {
            terminated = true
            if let running, running.isRunning { running.terminate() }
        }
    }
}
