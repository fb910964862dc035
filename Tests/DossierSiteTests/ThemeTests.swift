@testable import DossierThemeData
import Foundation
import Testing
@testable import DossierSite
import DossierCore
import DossierTestSupport

/// The default theme built into the executable (issue 14): what a copied binary renders with
/// when no `Themes/` folder is beside it.
@Suite struct ThemeTests {
    static let themeFolder = Repository.root.appendingPathComponent("Themes/default")

    @Test func builtInThemeIsThemesDefaultByteForByte() throws {
        var onDisk: [String: [UInt8]] = [:]
        let base = Self.themeFolder.standardizedFileURL.path + "/"
        let enumerator = try #require(
            FileManager.default.enumerator(
                at: Self.themeFolder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]))
        for case let url as URL in enumerator
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            onDisk[String(url.standardizedFileURL.path.dropFirst(base.count))] = try ProjectFiles.readBytes(url.path)
        }
        #expect(onDisk.keys.sorted() == EmbeddedTheme.files.keys.sorted())
        for (path, bytes) in onDisk { #expect(EmbeddedTheme.files[path] == bytes, "\(path) differs") }
    }

    @Test func builtInThemeLoadsLikeTheFolder() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let builtIn = try Theme.load(folder: nil, projectRoot: project.url)
        let folder = try Theme.load(folder: Self.themeFolder, projectRoot: project.url)
        #expect(builtIn.folder == nil)
        #expect(builtIn.assets.map(\.path) == folder.assets.map(\.path))
        #expect(builtIn.assets.map(\.bytes) == folder.assets.map(\.bytes))
        let view = RootView(root: "../")
        let layout = LayoutView(root: "../", pageTitle: "T", siteTitle: "S", pageType: "notfound", navigation: "")
        #expect(
            builtIn.render("notfound", view: view, layout: layout)
                == folder.render("notfound", view: view, layout: layout))
    }

    @Test func overridesShadowTheBuiltInTheme() throws {
        let project = try TemporaryProject([
            "overrides/assets/dossier.css": "body { color: red }\n",
            "overrides/assets/extra.js": "// mine\n",
            "overrides/templates/notfound.mustache": "<p>gone: {{title}}</p>",
        ])
        defer { project.remove() }
        let theme = try Theme.load(folder: nil, projectRoot: project.url)
        let assets = Dictionary(uniqueKeysWithValues: theme.assets.map { ($0.path, $0.bytes) })
        #expect(assets["dossier/assets/dossier.css"] == Array("body { color: red }\n".utf8))
        #expect(assets["dossier/assets/extra.js"] == Array("// mine\n".utf8))
        #expect(assets["dossier/assets/search.js"] == EmbeddedTheme.files["assets/search.js"])
        #expect(theme.library.render(["title": "X"], withTemplate: "notfound") == "<p>gone: X</p>")
    }

    @Test func anotherMissingThemeIsStillAnError() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(throws: ProjectError.self) { try Theme.load(name: "no-such-theme", projectRoot: project.url) }
    }

    /// Theme files that are not UTF-8 (images, fonts) are embedded as base64.
    @Test func base64DecodesWithAndWithoutPadding() {
        #expect(Base64.decode("iVBORwAB") == [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])
        #expect(Base64.decode("YQ==") == Array("a".utf8))
        #expect(Base64.decode("YWI=") == Array("ab".utf8))
        #expect(Base64.decode("+/8=") == [0xFB, 0xFF])
        #expect(Base64.decode("") == [])
    }

    @Test func versionComesFromTheVersionFile() throws {
        let file = try #require(ProjectFiles.readText(Repository.root.appendingPathComponent("VERSION").path))
        #expect(DossierVersion.current == file.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
