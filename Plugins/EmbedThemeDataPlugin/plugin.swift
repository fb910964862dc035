import Foundation
import PackagePlugin

/// Generates `EmbeddedThemeFiles.swift` for the `DossierThemeData` target from every file under
/// `Themes/default/` and the `VERSION` file, so the executable carries its default theme and its
/// version while both stay plain files in the repository.
@main
struct EmbedThemeDataPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let theme = root.appendingPathComponent("Themes/default")
        let version = root.appendingPathComponent("VERSION")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedThemeFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding Themes/default and VERSION",
                executable: try context.tool(named: "EmbedThemeData").url,
                arguments: [output.path, version.path, theme.path],
                // The folders too: SwiftPM does not ask the plugin again when a theme file is
                // added or removed, but the folder's changed time re-runs the tool, which lists
                // the folder itself.
                inputFiles: [version, theme] + Self.entries(under: theme),
                outputFiles: [output]
            )
        ]
    }

    /// The files and folders under `folder`, hidden ones skipped.
    static func entries(under folder: URL) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        else {
            return []
        }
        return enumerator.compactMap { $0 as? URL }
    }
}
