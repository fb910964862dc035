import DossierThemeData
import Foundation
import Mustache

/// A theme: Mustache templates and static assets, read from a folder, with a project's
/// `overrides/` folder shadowing any file of the same relative path (as Hugo and MkDocs do).
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// Static files to copy, by site-relative path under `dossier/assets/`.
    public let assets: [(path: String, bytes: [UInt8])]
    /// The theme's folder; nil for the default theme built into the executable.
    public let folder: URL?

    static let requiredTemplates = ["layout", "nav", "document", "catalog", "health", "home", "experiments", "notfound"]

    /// Loads `name` (a folder under Themes/, or a path) with `overrides/` from the project.
    /// When no `Themes/default` folder is found, the default theme built into the executable is
    /// used, so a binary copied out of the checkout (release tarball, wheel) runs anywhere.
    public static func load(name: String, projectRoot: URL) throws -> Theme {
        let folder = locate(name, projectRoot: projectRoot)
        guard folder != nil || name == EmbeddedTheme.name else {
            throw ProjectError(message: "theme `\(name)` not found (looked in the project, beside the dossier executable, and in DOSSIER_THEMES)", findings: [])
        }
        return try load(folder: folder, projectRoot: projectRoot)
    }

    /// Loads the theme in `folder`, or the built-in default theme when `folder` is nil.
    static func load(folder: URL?, projectRoot: URL) throws -> Theme {
        let overrides = projectRoot.appendingPathComponent("overrides")
        var templates: [String: MustacheTemplate] = [:]
        for name in requiredTemplates {
            let relative = "templates/\(name).mustache"
            let override = overrides.appendingPathComponent(relative).path
            let path = FileIO.exists(override) ? override : folder?.appendingPathComponent(relative).path
            let text: String?
            if let path {
                text = FileIO.readText(path)
            } else {
                text = EmbeddedTheme.files[relative].map { String(decoding: $0, as: UTF8.self) }
            }
            let shown = path ?? "built-in \(relative)"
            guard let text else {
                throw ProjectError(message: "theme file \(shown) is missing or not UTF-8", findings: [])
            }
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch {
                throw ProjectError(message: "template \(shown) does not parse: \(error)", findings: [])
            }
        }
        var assets: [String: [UInt8]] = [:]
        if folder == nil {
            // As from a folder: the files directly in assets/.
            for (path, bytes) in EmbeddedTheme.files where path.hasPrefix("assets/") && !path.dropFirst(7).contains("/") {
                assets[String(path.dropFirst(7))] = bytes
            }
        }
        for base in [folder?.appendingPathComponent("assets"), overrides.appendingPathComponent("assets")].compactMap({ $0 }) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: base.path) else { continue }
            for name in names where !name.hasPrefix(".") {
                if let bytes = try? FileIO.readBytes(base.appendingPathComponent(name).path) { assets[name] = bytes }
            }
        }
        return Theme(library: MustacheLibrary(templates: templates),
                     assets: assets.keys.sorted().map { ("dossier/assets/" + $0, assets[$0]!) },
                     folder: folder)
    }

    /// A theme path, or a name looked up in the project's `Themes/`, `$DOSSIER_THEMES`, and the
    /// `Themes/` folder of the checkout or install the executable runs from.
    static func locate(_ name: String, projectRoot: URL) -> URL? {
        var candidates: [URL] = []
        if name.contains("/") {
            candidates.append(name.hasPrefix("/") ? URL(fileURLWithPath: name) : projectRoot.appendingPathComponent(name))
        } else {
            candidates.append(projectRoot.appendingPathComponent("Themes").appendingPathComponent(name))
            if let env = ProcessInfo.processInfo.environment["DOSSIER_THEMES"] {
                candidates.append(URL(fileURLWithPath: env).appendingPathComponent(name))
            }
            var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
            if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
                folder = executable.deletingLastPathComponent()
            }
            for _ in 0..<8 {
                candidates.append(folder.appendingPathComponent("Themes").appendingPathComponent(name))
                candidates.append(folder.appendingPathComponent("share/dossier/Themes").appendingPathComponent(name))
                folder = folder.deletingLastPathComponent()
            }
            #if DEBUG
            // Tests run from .build; the source checkout holds Themes/ too. Not in release builds,
            // which fall back on the built-in theme instead of the build machine's checkout.
            var source = URL(fileURLWithPath: #filePath)
            for _ in 0..<4 { source = source.deletingLastPathComponent() }
            candidates.append(source.appendingPathComponent("Themes").appendingPathComponent(name))
            #endif
        }
        return candidates.first { FileIO.exists($0.appendingPathComponent("templates/layout.mustache").path) }
    }

    /// Renders a page template into the layout.
    public func render(_ template: String, context: [String: Any], layout: [String: Any]) -> String {
        let content = library.render(context, withTemplate: template) ?? ""
        var page = layout
        page["content"] = content
        return library.render(page, withTemplate: "layout") ?? content
    }
}
