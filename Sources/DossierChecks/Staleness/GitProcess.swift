import DossierCore
import Foundation

/// Runs git with pipes read to the end (stdout on this thread, stderr on another, so neither
/// pipe can fill up and stall the child) before waiting for it to exit.
package enum GitProcess {
    package struct Output {
        package var status: Int32
        package var stdout: Data
        package var stderr: Data

        package var errorText: String {
            String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The first executable `git` on `PATH`.
    package static func locate() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = directory.hasSuffix("/") ? "\(directory)git" : "\(directory)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The environment git runs in: discovery starts from the folder we pass (a hook's `GIT_DIR`
    /// would point elsewhere), nothing prompts, and read-only commands take no optional locks.
    package static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_PREFIX", "GIT_COMMON_DIR"] { environment[key] = nil }
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_PAGER"] = "cat"
        return environment
    }

    /// Starts `run` on another thread; `wait()` on the result returns its output.
    package static func start(_ git: String, _ arguments: [String], in directory: String) -> Pending {
        let pending = Pending()
        DispatchQueue.global().async(group: pending.group) {
            pending.set(run(git, arguments, in: directory))
        }
        return pending
    }

    /// A git command running on another thread, or launched earlier and read on `wait()`.
    package final class Pending: @unchecked Sendable {
        // Sendable by hand: `output` is written once under `lock` before `group` is left, and
        // `launched` is read by the one thread that waits.
        fileprivate let group = DispatchGroup()
        private let lock = NSLock()
        private var output: Output?
        private var launched: Launched?

        fileprivate init() {}

        package init(_ launched: Launched) {
            self.launched = launched
        }

        fileprivate func set(_ value: Output?) { lock.withLock { output = value } }

        package func wait() -> Output? {
            if let launched {
                self.launched = nil
                set(launched.finish())
            }
            group.wait()
            return lock.withLock { output }
        }
    }

    /// Runs `git arguments…` in `directory`; `nil` when git cannot be started at all.
    package static func run(_ git: String, _ arguments: [String], in directory: String) -> Output? {
        launch(git, arguments, in: directory)?.finish()
    }

    /// Starts `git arguments…` in `directory` and returns at once, reading nothing: `finish()`
    /// reads its output and waits for it. Meanwhile git may fill a pipe and wait, which costs
    /// nothing. Nil when git cannot be started at all.
    package static func launch(_ git: String, _ arguments: [String], in directory: String) -> Launched? {
        if let child = GitSpawn.start(git, arguments, in: directory, environment: environment) {
            return Launched(child: child, git: git, arguments: arguments, directory: directory)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true)
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        // Foundation's `waitUntilExit` polls the run loop every 50 ms on Linux; a termination
        // handler reports the exit as soon as it happens.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return nil
        }
        return Launched(
            started: .process(process, stdout: stdout, stderr: stderr, exited: exited), git: git,
            arguments: arguments, directory: directory)
    }

    /// A git process started by `launch`, not read yet.
    package final class Launched: @unchecked Sendable {
        // Sendable by hand: `finish` is called once, by the one thread that holds it.
        package let git: String
        package let arguments: [String]
        package let directory: String
        private let started: Started
        /// Set by `finish`; a command dropped unfinished is ended by `deinit`.
        private var finished = false

        /// The started git's process id.
        package var processIdentifier: Int32 {
            switch started {
            case let .child(child): return child.pid
            case let .process(process, _, _, _): return process.processIdentifier
            }
        }

        /// Spawned directly (`GitSpawn`), or by Foundation where that is not available.
        fileprivate enum Started {
            case child(GitSpawn.Child)
            case process(Process, stdout: Pipe, stderr: Pipe, exited: DispatchSemaphore)
        }

        fileprivate init(started: Started, git: String, arguments: [String], directory: String) {
            self.started = started
            self.git = git
            self.arguments = arguments
            self.directory = directory
        }

        fileprivate convenience init(child: GitSpawn.Child, git: String, arguments: [String], directory: String) {
            self.init(started: .child(child), git: git, arguments: arguments, directory: directory)
        }

        /// Reads the pipes to the end (stdout on this thread, stderr on another, so neither can
        /// fill up and stall git), then waits for git to exit.
        package func finish() -> Output {
            finished = true
            switch started {
            case let .child(child):
                return GitSpawn.finish(child)
            case let .process(process, stdout, stderr, exited):
                let errorBox = DataBox()
                let errorHandle = stderr.fileHandleForReading
                let group = DispatchGroup()
                DispatchQueue.global().async(group: group) {
                    errorBox.set(errorHandle.readDataToEndOfFile())
                }
                let output = stdout.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                exited.wait()
                return Output(status: process.terminationStatus, stdout: output, stderr: errorBox.get())
            }
        }

        deinit {
            guard !finished else { return }
            switch started {
            case let .child(child):
                GitSpawn.abandon(child)
            case let .process(process, stdout, stderr, exited):
                process.terminate()
                try? stdout.fileHandleForReading.close()
                try? stderr.fileHandleForReading.close()
                exited.wait()
            }
        }
    }
}

/// Hands stderr's bytes from the reading thread back to the caller.
private final class DataBox: @unchecked Sendable {
    // Sendable by hand: every access to `data` holds `lock`.
    private let lock = NSLock()
    private var data = Data()

    package func set(_ value: Data) { lock.withLock { data = value } }
    package func get() -> Data { lock.withLock { data } }
}
