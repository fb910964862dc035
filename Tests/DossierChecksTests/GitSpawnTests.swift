@testable import DossierChecks
import DossierTestSupport
import Foundation
import Testing

/// `GitSpawn` starts git as Foundation's `Process` did: stdin `/dev/null`, the given folder and
/// environment, no inherited descriptor but the pipes, and the exit code or ending signal.
@Suite struct GitSpawnTests {
    @Test func startsAsProcessDid() throws {
        let folder = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A descriptor the child must not inherit (not close-on-exec, high enough to stand out).
        let open = Glibc.open("/dev/null", O_RDONLY)
        #expect(open >= 0)
        let stray = dup2(open, 200)
        defer {
            close(open)
            close(stray)
        }
        let script = "pwd; ls /proc/self/fd | tr '\\n' ' '; echo; echo \"$SPAWN_TEST\"; cat; echo err >&2; exit 3"
        let child = try #require(
            GitSpawn.start(
                "/bin/sh", ["-c", script], in: folder, environment: ["SPAWN_TEST": "passed", "PATH": "/bin:/usr/bin"]))
        let output = GitSpawn.finish(child)
        let lines = String(decoding: output.stdout, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 3)
        #expect(
            URL(fileURLWithPath: String(lines[0])).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: folder).resolvingSymlinksInPath().path)
        let descriptors = lines[1].split(separator: " ").compactMap { Int($0) }
        #expect(!descriptors.contains(200))
        #expect(descriptors.allSatisfy { $0 <= 3 })  // 0–2, and the folder `ls` reads
        #expect(lines[2] == "passed")
        #expect(lines.count == 4 && lines[3].isEmpty)  // stdin was /dev/null: `cat` printed nothing
        #expect(String(decoding: output.stderr, as: UTF8.self) == "err\n")
        #expect(output.status == 3)
    }

    @Test func reportsTheSignalThatEndedIt() throws {
        let child = try #require(GitSpawn.start("/bin/sh", ["-c", "kill -TERM $$"], in: "/", environment: [:]))
        #expect(GitSpawn.finish(child).status == SIGTERM)
    }

    /// A command that cannot be started is nil (GitProcess then tries Foundation, which fails too).
    @Test func aMissingExecutableIsNil() {
        #expect(GitSpawn.start("/nonexistent/git", [], in: "/", environment: [:]) == nil)
        #expect(GitProcess.run("/nonexistent/git", ["status"], in: "/") == nil)
    }

    /// Much output on both pipes at once does not stall.
    @Test func readsLargeOutputOnBothPipes() throws {
        let script = "i=0; while [ $i -lt 20000 ]; do echo line $i; echo error $i >&2; i=$((i+1)); done"
        let child = try #require(GitSpawn.start("/bin/sh", ["-c", script], in: "/", environment: [:]))
        let output = GitSpawn.finish(child)
        #expect(output.status == 0)
        #expect(String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").count == 20_000)
        #expect(String(decoding: output.stderr, as: UTF8.self).split(separator: "\n").count == 20_000)
    }

    /// A command started and then dropped unread (a load that threw after `launchEarly`) is ended
    /// and reaped: no process, running or zombie, is left behind.
    @Test func aDroppedCommandLeavesNoProcess() throws {
        var launched = GitProcess.launch("/bin/sh", ["-c", "sleep 60"], in: "/")
        let pid = try #require(launched?.processIdentifier)
        #expect(FileManager.default.fileExists(atPath: "/proc/\(pid)"))
        launched = nil
        #expect(launched == nil)
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(pid)"))
    }
}
