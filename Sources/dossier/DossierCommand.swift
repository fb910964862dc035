import ArgumentParser

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Documentation sites for machine learning projects that know when they are out of date.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, VerifyCommand.self, InitCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
