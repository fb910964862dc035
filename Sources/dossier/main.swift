import ArgumentParser
import DossierKit
import Foundation

// Before any thread allocates: malloc settings that lower the peak memory (issue 15, `MallocTuning`).
MallocTuning.apply()

// Exit statuses follow SPEC 2: 0 nothing fails, 1 findings fail, 2 bad invocation or unreadable
// project. ArgumentParser's own usage errors (64) are mapped to 2.
if let message = UnknownCommand.message(
    arguments: Array(CommandLine.arguments.dropFirst()),
    commands: DossierCommand.commandNames)
{
    Output.error(message)
    exit(2)
}
do {
    var command = try DossierCommand.parseAsRoot()
    try command.run()
} catch {
    let code = DossierCommand.exitCode(for: error)
    if code == .success || error is ExitCode {
        DossierCommand.exit(withError: error)
    }
    FileHandle.standardError.write(Data((DossierCommand.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
