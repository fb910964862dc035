import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// The command line behaves as the tools people already use (issue 14, item 3).
@Suite struct CommandLineMannersTests {
    @Test func versionPrintsTheReleaseFromTheVersionFile() throws {
        let result = try DossierExecutable.run(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        let file = try String(contentsOf: Repository.root.appendingPathComponent("VERSION"), encoding: .utf8)
        let version = file.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == version)
        #expect(Dossier.version == version)
    }

    @Test func aMistypedCommandIsAnUnknownCommandNotAMissingProject() throws {
        let folder = try TemporaryProject([:])
        defer { folder.remove() }
        let result = try DossierExecutable.run(["biuld"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown command `biuld`; did you mean `build`?"), "\(result.stderr)")
        #expect(!result.stderr.contains("no project folder"))
        #expect(!folder.exists("site"))
        let serve = try DossierExecutable.run(["serev"], in: folder.url)
        #expect(serve.status == 2 && serve.stderr.contains("did you mean `serve`?"), "\(serve.stderr)")
    }

    @Test func aFolderNamedLikeACommandIsStillAProject() throws {
        let folder = try TemporaryProject(["biuld/README.md": "# Home\n"])
        defer { folder.remove() }
        let result = try DossierExecutable.run(["biuld"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.exists("biuld/site/index.html"))
        // Far from every command: a missing project, as before.
        let far = try DossierExecutable.run(["nothing-here"], in: folder.url)
        #expect(far.status == 2 && far.stderr.contains("no project folder at nothing-here"), "\(far.stderr)")
    }

    /// `cd ExampleProject/docs && dossier build` builds ExampleProject, not docs/ as a project.
    @Test func buildInASubfolderBuildsTheProjectAbove() throws {
        let output = try TemporaryProject([:])
        defer { output.remove() }
        let docs = Repository.exampleProject.appendingPathComponent("docs")
        let result = try DossierExecutable.run(["build", "-o", output.path + "/site"], in: docs)
        #expect(result.status == 0, "\(result.stderr)")
        let example = Repository.exampleProject.standardizedFileURL.path
        #expect(result.stderr.contains("project: \(example)"), "\(result.stderr)")
        #expect(result.stdout.contains("0 errors, 0 warnings"), "\(result.stdout)")
        let home = try #require(output.read("site/index.html"))
        #expect(home.contains("Penguin species classifier"))
        let pages = try FileManager.default.contentsOfDirectory(atPath: output.path + "/site/docs")
        #expect(!pages.isEmpty)
    }

    @Test func theSearchStopsAtTheRepositoryRoot() throws {
        let root = try TemporaryProject([
            "dossier.yml": "title: Above the repository\n",
            "repo/docs/guide.md": "# Guide\n",
            "repo/sub/dossier.yaml": "title: Sub project\n",
            "repo/sub/deeper/notes.md": "# Notes\n",
        ])
        defer { root.remove() }
        try FileManager.default.createDirectory(atPath: root.path + "/repo/.git", withIntermediateDirectories: true)
        // dossier.yaml is found from below; the folder named is then the one holding it.
        let sub = try ProjectLocator.locate(path: root.path + "/repo/sub/deeper", config: nil)
        #expect(sub.root == root.path + "/repo/sub" && sub.searchedUpwards)
        // No dossier.yml inside the repository: the folder named, never the one above the repository.
        let docs = try ProjectLocator.locate(path: root.path + "/repo/docs", config: nil)
        #expect(docs.root == root.path + "/repo/docs" && !docs.searchedUpwards)
        // Outside any repository nothing above is searched.
        try FileManager.default.removeItem(atPath: root.path + "/repo/.git")
        let outside = try ProjectLocator.locate(path: root.path + "/repo/sub/deeper", config: nil)
        #expect(outside.root == root.path + "/repo/sub/deeper")
    }

    @Test func configNamesTheFileAndItsFolderIsTheProject() throws {
        let project = try TemporaryProject([
            "ci/docs-config.yml": "title: From the named file\ndocs: [\"*.md\"]\n",
            "ci/page.md": "# Page\n",
            "dossier.yml": "title: Not this one\n",
        ])
        defer { project.remove() }
        let result = try DossierExecutable.run(["build", "--config", project.path + "/ci/docs-config.yml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(project.read("ci/site/index.html")?.contains("From the named file") == true)
        let missing = try DossierExecutable.run(["check", "--config", project.path + "/nope.yml"])
        #expect(missing.status == 2 && missing.stderr.contains("no configuration file at"), "\(missing.stderr)")
        // With a project folder named too, the file is read relative to it.
        let both = try DossierExecutable.run(["check", project.path, "--config", project.path + "/ci/docs-config.yml"])
        #expect(both.status == 0, "\(both.stderr)")
    }

    @Test func dossierYamlIsReadWhenThereIsNoDossierYml() throws {
        let project = try TemporaryProject([
            "dossier.yaml": "title: Spelled yaml\nstrict: [no]\n", "README.md": "# R\n",
        ])
        defer { project.remove() }
        let result = try DossierExecutable.run(["check", project.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("dossier.yaml:2:"), "\(result.stderr)")
    }

    /// Shells complete `check --format` and `new KIND` from the generated script.
    @Test func completionScriptsListFormatsAndKinds() throws {
        let bash = try DossierExecutable.run(["--generate-completion-script", "bash"])
        #expect(bash.status == 0, "\(bash.stderr)")
        let formats = FindingReport.Format.allCases.map(\.rawValue)
        let listed = bash.stdout.split(separator: "\n").filter { line in
            formats.allSatisfy { line.contains("'\($0)'") }
        }
        #expect(!listed.isEmpty, "no line lists every format")
        #expect(Scaffold.kinds.allSatisfy { bash.stdout.contains("'\($0)'") })
        let zsh = try DossierExecutable.run(["--generate-completion-script", "zsh"])
        #expect(formats.allSatisfy { zsh.stdout.contains($0) })
    }

    @Test func quietPrintsOnlyWhatFailsAndNoColourOffATerminal() throws {
        let project = try TemporaryProject(["docs/l.md": "---\nkind: labeling\nshemas: [x]\n---\n"])
        defer { project.remove() }
        let quiet = try DossierExecutable.run(["build", "-q", project.path])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")
        let loud = try DossierExecutable.run(["build", "-v", project.path])
        #expect(loud.stderr.contains("[front-matter.unknown-key]"))
        #expect(loud.stderr.contains("project: "))
        #expect(loud.stderr.contains("timings: "))
        #expect(!loud.stderr.contains("\u{1B}["), "colour on a pipe")
        #expect(try DossierExecutable.run(["build", "-q", "-v", project.path]).status == 2)
    }

    /// On a terminal (a pseudo-terminal from util-linux `script`) severities are coloured, unless
    /// NO_COLOR is set.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourOnATerminalUnlessNoColor() throws {
        let project = try TemporaryProject(["docs/l.md": "---\nkind: labeling\nshemas: [x]\n---\n"])
        defer { project.remove() }
        let executable = try #require(DossierExecutable.url).path
        func onTerminal(_ environment: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", "env \(environment) '\(executable)' build '\(project.path)'", "/dev/null"]
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let coloured = try onTerminal("-u NO_COLOR TERM=xterm")
        #expect(coloured.contains("\u{1B}[1;33mwarning:"), "\(coloured)")
        let plain = try onTerminal("TERM=xterm NO_COLOR=1")
        #expect(plain.contains("warning: unknown key") && !plain.contains("\u{1B}["), "\(plain)")
    }

    @Test func unknownCommandRuleInProcess() {
        let commands = ["build", "check", "serve", "new", "verify", "init"]
        #expect(UnknownCommand.message(arguments: ["chekc"], commands: commands)?.contains("`check`") == true)
        #expect(UnknownCommand.message(arguments: ["--strict"], commands: commands) == nil)
        #expect(UnknownCommand.message(arguments: ["build"], commands: commands) == nil)
        #expect(UnknownCommand.message(arguments: ["./biuld"], commands: commands) == nil)
        #expect(UnknownCommand.message(arguments: ["documentation"], commands: commands) == nil)
    }
}
