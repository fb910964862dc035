import DossierCore
import Foundation

/// `dossier biuld`: build is the default command, so a first argument that is not a command is
/// taken for the project folder. A mistyped command must not become "no project folder at biuld":
/// a first argument that is not an existing path and lies within edit distance 2 of a command is
/// an unknown command, with the command it is closest to.
public enum UnknownCommand {
    /// The error message for `arguments` (without the program name), or nil when the first
    /// argument is an option, a command, an existing path or not close to any command.
    public static func message(arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first),
            !first.contains("/"), !ProjectFiles.exists(first)
        else { return nil }
        let target = Array(first.lowercased().utf8)
        let close = commands.filter { ClosestMatch.editDistance(target, Array($0.utf8)) <= 2 }
        guard let match = ClosestMatch.find(first, in: close) ?? close.sorted().first else { return nil }
        return "unknown command `\(first)`; did you mean `\(match)`?"
            + " (commands: \(commands.joined(separator: ", ")); a project folder must exist)"
    }
}
