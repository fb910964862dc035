import Foundation

/// Starts git with `posix_spawn` directly. Foundation's `Process.run` adds a close action for
/// every descriptor number up to the process's limit (about 20,000 here), which cost ~8.6 million
/// instructions a git command in the parent and as many failing `close` calls in the child —
/// five git commands were 5% of `dossier check` at 1,000 documents. Here the child closes every
/// descriptor from 3 up with one action (`posix_spawn_file_actions_addclosefrom_np`, glibc
/// 2.34), so it starts as `Process` starts it: stdin `/dev/null`, stdout and stderr pipes, the
/// given folder and environment, default signal handling, nothing else inherited. Where glibc
/// lacks that action, `start` returns nil and the caller uses `Process`.
enum GitSpawn {
    /// A started git: its pid and the read ends of its stdout and stderr.
    struct Child {
        var pid: pid_t
        var stdout: Int32
        var stderr: Int32
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeFolder =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29),
    /// found at run time: Swift's Glibc module does not declare them.
    private static let glibcActions: (closeFrom: CloseFrom, changeFolder: ChangeFolder)? = {
        guard let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"),
            let changeFolder = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
        else { return nil }
        return (unsafeBitCast(closeFrom, to: CloseFrom.self), unsafeBitCast(changeFolder, to: ChangeFolder.self))
    }()

    /// A pipe whose ends are closed on exec.
    private static func pipeClosedOnExec() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (ends[0], ends[1])
    }

    /// Starts `git arguments…` in `directory` with `environment`; nil when it cannot be started
    /// this way (the caller then tries `Process`).
    static func start(
        _ git: String, _ arguments: [String], in directory: String, environment: [String: String]
    ) -> Child? {
        guard let (closeFrom, changeFolder) = glibcActions else { return nil }
        // Close-on-exec, so that no other child inherits these pipes (a write end held open by
        // another git would keep a reader from ever seeing the end of the output).
        guard let out = pipeClosedOnExec() else { return nil }
        guard let err = pipeClosedOnExec() else {
            close(out.read)
            close(out.write)
            return nil
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var ready =
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) == 0
            && posix_spawn_file_actions_adddup2(&actions, out.write, 1) == 0
            && posix_spawn_file_actions_adddup2(&actions, err.write, 2) == 0
            && changeFolder(&actions, directory) == 0
            && closeFrom(&actions, 3) == 0
        // Signals as a fresh process has them: none blocked, SIGPIPE and the like at default.
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        ready =
            ready && posix_spawnattr_setsigmask(&attributes, &none) == 0
            && posix_spawnattr_setsigdefault(&attributes, &all) == 0
            && posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) == 0
        var pid = pid_t()
        var spawned: Int32 = -1
        if ready {
            let argv: [UnsafeMutablePointer<CChar>?] = ([git] + arguments).map { strdup($0) } + [nil]
            let envp: [UnsafeMutablePointer<CChar>?] =
                environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                for pointer in argv { free(pointer) }
                for pointer in envp { free(pointer) }
            }
            spawned = posix_spawn(&pid, git, &actions, &attributes, argv, envp)
        }
        close(out.write)
        close(err.write)
        guard spawned == 0 else {
            close(out.read)
            close(err.read)
            return nil
        }
        return Child(pid: pid, stdout: out.read, stderr: err.read)
    }

    /// Reads stdout to the end on this thread and stderr on another (so that neither pipe can
    /// fill up and stall git), then reaps git.
    static func finish(_ child: Child) -> GitProcess.Output {
        let errorHandle = FileHandle(fileDescriptor: child.stderr, closeOnDealloc: true)
        let errorBox = ErrorData()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            errorBox.set(errorHandle.readDataToEndOfFile())
        }
        let output = FileHandle(fileDescriptor: child.stdout, closeOnDealloc: true).readDataToEndOfFile()
        group.wait()
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
        // As `Process.terminationStatus` gives it: the exit code, or the signal that ended git.
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : signal
        return GitProcess.Output(status: code, stdout: output, stderr: errorBox.get())
    }
}

extension GitSpawn {
    /// Ends a child nobody will read: kills it, closes the read ends and reaps it, so that a load
    /// that stops early (a project error after `GitHistory.launchEarly`) leaves no zombie and no
    /// open pipes behind, which a long `serve` session would pile up.
    static func abandon(_ child: Child) {
        kill(child.pid, SIGKILL)
        close(child.stdout)
        close(child.stderr)
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
    }
}

/// Hands stderr's bytes from the reading thread back to `finish`.
private final class ErrorData: @unchecked Sendable {
    // Sendable by hand: every access to `data` holds `lock`.
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
