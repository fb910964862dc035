import ArgumentParser
import DossierKit
import Foundation

/// Rewrites the generated pages of Dossier's own documentation (hidden: for its maintainers).
struct DocsReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs-reference", abstract: "Write docs/reference/keys.md from the key table.",
        shouldDisplay: false)

    @Argument(help: "The documentation folder.", completion: .directory) var folder: String = "docs"

    func run() throws {
        for page in DocsReference.pages {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(page.path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(),
                    withIntermediateDirectories: true)
                try Data(page.text.utf8).write(to: url)
            } catch {
                Output.fail(error)
            }
            print("Wrote \(url.path)")
        }
    }
}
