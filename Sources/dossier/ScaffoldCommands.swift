import ArgumentParser
import DossierKit
import Foundation

/// A document kind as typed; `allValueStrings` lets shells complete `dossier new KIND`.
struct KindArgument: ExpressibleByArgument {
    var name: String

    init?(argument: String) {
        guard Scaffold.kinds.contains(argument.lowercased()) else { return nil }
        name = argument.lowercased()
    }

    static var allValueStrings: [String] { Scaffold.kinds }
    static var defaultCompletionKind: CompletionKind { .list(Scaffold.kinds) }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a document skeleton for a kind, with every key commented.")

    @Argument(help: ArgumentHelp("The document's kind.", valueName: "kind")) var kind: KindArgument
    @Argument(help: "The document's id (lowercase letters, digits, -, _ and .).") var id: String
    @Argument(help: "The project folder.", completion: .directory) var path: String = "."

    func run() throws {
        do {
            print("Wrote \(try Scaffold.newDocument(kind: kind.name, id: id, project: path))")
        } catch {
            Output.fail(error)
        }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write dossier.yml and a docs/ skeleton with one document of each kind.")

    @Argument(help: "The project folder.", completion: .directory) var path: String = "."

    func run() throws {
        do {
            let (written, skipped) = try Scaffold.initProject(at: path)
            for file in written { print("Wrote \(file)") }
            for file in skipped { print("Kept \(file) (it exists)") }
        } catch {
            Output.fail(error)
        }
    }
}
