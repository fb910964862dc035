import DossierCore
import DossierThemeData
import Foundation
import Mustache

/// A theme: Mustache templates and static assets, read from a folder, with a project's
/// `overrides/` folder shadowing any file of the same relative path (as Hugo and MkDocs do).
package struct Theme: Sendable {
    /// swift-mustache's library of the templates, parsed on first use (`MustacheFallback`).
    package var library: MustacheLibrary { fallback.library }
    /// The templates for swift-mustache, parsed only when a page needs them.
    package let fallback: MustacheFallback
    /// Static files to copy, by site-relative path under `dossier/assets/`.
    package let assets: [(path: String, bytes: [UInt8])]
    /// The theme's folder; nil for the default theme built into the executable.
    package let folder: URL?
    /// A digest of every template and asset, for build-cache keys: a theme edit re-renders all.
    package var fingerprint: String = ""
    /// The layout split for filling in (`LayoutShell`); pages whose layout cannot be split
    /// render through Mustache.
    package private(set) var shell: LayoutShell
    /// The templates compiled for the fast renderer (`CompiledTemplates`); the others render
    /// through swift-mustache.
    package var compiled: CompiledTemplates

    package static let requiredTemplates = [
        "layout", "nav", "document", "catalog", "health", "home", "experiments", "notfound",
    ]

    /// Loads `name` (a folder under Themes/, or a path) with `overrides/` from the project.
    /// When no `Themes/default` folder is found, the default theme built into the executable is
    /// used, so a binary copied out of the checkout (release tarball, wheel) runs anywhere.
    package static func load(name: String, projectRoot: URL) throws -> Theme {
        let folder = locate(name, projectRoot: projectRoot)
        guard folder != nil || name == EmbeddedTheme.name else {
            throw ProjectError(
                message:
                    "theme `\(name)` not found (looked in the project, beside the dossier executable, and in DOSSIER_THEMES)",
                findings: [])
        }
        return try load(folder: folder, projectRoot: projectRoot)
    }

    /// Loads the theme in `folder`, or the built-in default theme when `folder` is nil.
    package static func load(folder: URL?, projectRoot: URL) throws -> Theme {
        // Overrides, and a theme kept inside the project, are project files: read through the
        // door that refuses links out of the project (`OverrideLinkCheck` reports each one).
        let files = ProjectFiles(projectRoot: projectRoot)
        let themeInProject = folder.flatMap { files.relativePath(ofAbsolute: $0.path) }
        func read(_ relative: String, override: Bool) -> [UInt8]? {
            if override { return try? files.bytes("overrides/" + relative) }
            guard let folder else { return EmbeddedTheme.files[relative] }
            if let base = themeInProject { return try? files.bytes(base.isEmpty ? relative : base + "/" + relative) }
            return try? ProjectFiles.readBytes(folder.appendingPathComponent(relative).path)
        }
        func list(_ relative: String, override: Bool) -> [String] {
            if override { return (try? files.contents(ofDirectory: "overrides/" + relative)) ?? [] }
            guard let folder else {
                // As from a folder: the files directly in it.
                let prefix = relative + "/"
                return EmbeddedTheme.files.keys.filter {
                    $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/")
                }
                .map { String($0.dropFirst(prefix.count)) }.sorted()
            }
            if let base = themeInProject {
                return (try? files.contents(ofDirectory: base.isEmpty ? relative : base + "/" + relative)) ?? []
            }
            return ProjectFiles.listNames(folder.appendingPathComponent(relative).path)?.names ?? []
        }
        var texts: [String: String] = [:]
        var paths: [String: String] = [:]
        var digest = StableDigest()
        for name in requiredTemplates {
            let relative = "templates/\(name).mustache"
            let overridden = read(relative, override: true)
            let path =
                overridden != nil
                ? "overrides/" + relative
                : folder.map { $0.appendingPathComponent(relative).path } ?? "built-in " + relative
            guard let bytes = overridden ?? read(relative, override: false),
                let text = String(validating: bytes, as: UTF8.self)
            else {
                throw ProjectError(message: "theme file \(path) is missing or not UTF-8", findings: [])
            }
            digest.add(name)
            digest.add(text)
            texts[name] = text
            paths[name] = path
        }
        // Templates are parsed once: by the compiler, and by swift-mustache only those the compiler
        // leaves out (they render through it, and a template that does not parse is an error now).
        let compiled = CompiledTemplates(texts: texts)
        var parsed: [String: MustacheTemplate] = [:]
        for name in compiled.leftOut.keys.sorted() {
            do {
                parsed[name] = try MustacheFallback.parse(texts[name]!)
            } catch {
                throw ProjectError(message: "template \(paths[name]!) does not parse: \(error)", findings: [])
            }
        }
        var assets: [String: [UInt8]] = [:]
        for override in [false, true] {
            for name in list("assets", override: override) where !name.hasPrefix(".") {
                if let bytes = read("assets/" + name, override: override) { assets[name] = bytes }
            }
        }
        for name in assets.keys.sorted() {
            digest.add(name)
            digest.add(bytes: assets[name]!)
        }
        let fallback = MustacheFallback(texts: texts, parsed: parsed, parses: parsed.count)
        return Theme(
            fallback: fallback,
            assets: assets.keys.sorted().map { ("dossier/assets/" + $0, assets[$0]!) },
            folder: folder, fingerprint: digest.hex, shell: layoutShell(compiled: compiled, fallback: fallback),
            compiled: compiled)
    }

    /// The layout split through the compiled layout when it compiles (the same bytes as
    /// swift-mustache), through swift-mustache otherwise.
    private static func layoutShell(compiled: CompiledTemplates, fallback: MustacheFallback) -> LayoutShell {
        LayoutShell { view in
            compiled.render("layout", view: view) ?? fallback.library.render(view, withTemplate: "layout")
        }
    }

    /// This theme with every template rendered through swift-mustache (the reference in tests).
    package func renderingThroughMustacheOnly() -> Theme {
        var copy = self
        copy.compiled = CompiledTemplates(texts: [:])
        copy.shell = Self.layoutShell(compiled: copy.compiled, fallback: fallback)
        return copy
    }

    /// A theme path, or a name looked up in the project's `Themes/`, `$DOSSIER_THEMES`, and the
    /// `Themes/` folder of the checkout or install the executable runs from.
    package static func locate(_ name: String, projectRoot: URL) -> URL? {
        var candidates: [URL] = []
        // A relative theme path and the project's Themes/ are project files: `..` and links may
        // not lead out of the project.
        let files = ProjectFiles(projectRoot: projectRoot)
        if name.contains("/") {
            if name.hasPrefix("/") {
                candidates.append(URL(fileURLWithPath: name))
            } else if files.isDirectory(name) {
                candidates.append(projectRoot.appendingPathComponent(name))
            }
        } else {
            if files.isDirectory("Themes/" + name) {
                candidates.append(projectRoot.appendingPathComponent("Themes").appendingPathComponent(name))
            }
            if let env = ProcessInfo.processInfo.environment["DOSSIER_THEMES"] {
                candidates.append(URL(fileURLWithPath: env).appendingPathComponent(name))
            }
            var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
                .deletingLastPathComponent()
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
        return candidates.first { ProjectFiles.exists($0.appendingPathComponent("templates/layout.mustache").path) }
    }

    /// Renders a page template into the layout.
    package func render(_ template: String, view: any TemplateObject, layout: LayoutView) -> String {
        let content = renderTemplate(template, view: view)
        var page = layout
        page.content = content
        return renderLayout(page) ?? content
    }

    /// The layout around `page`: filled in by copying, else compiled, else through swift-mustache.
    package func renderLayout(_ page: LayoutView) -> String? {
        shell.render(page) ?? compiled.render("layout", view: page) ?? library.render(page, withTemplate: "layout")
    }

    /// Renders one template (a page's content, a navigation level): compiled when it can be,
    /// through swift-mustache otherwise, with the same bytes either way.
    package func renderTemplate(_ template: String, view: any TemplateObject) -> String {
        compiled.render(template, view: view) ?? library.render(view, withTemplate: template) ?? ""
    }
}
