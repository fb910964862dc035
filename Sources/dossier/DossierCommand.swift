import ArgumentParser
import DossierKit

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Documentation sites for machine learning projects that know when they are out of date.",
        discussion: """
            The project is the folder named, or the working directory; when it holds no dossier.yml
            (or dossier.yaml), the nearest folder above it that does, up to the git repository's root.
            --config FILE names the configuration file instead (its folder is the project).

            Shell completions: dossier --generate-completion-script bash|zsh|fish
            """,
        version: Dossier.version,
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, VerifyCommand.self,
            InitCommand.self, DocsReferenceCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )

    /// The names a user may type as the first argument (the hidden ones excluded; `help` is
    /// ArgumentParser's own).
    static var commandNames: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
            + ["help"]
    }
}
