import DossierCore
import DossierMarkdown
import DossierModel
import Foundation

/// What a page would silently lose when the site renders it, found before rendering: an image
/// whose file is not in the project (the page would show only its alt text) and raw HTML that
/// the site drops because `unsafe_html` is off (a `<details>` block simply vanishes).
package struct MarkdownLossCheck: Sendable {
    package let root: URL
    package let allowRawHTML: Bool

    package func check(_ document: Document) -> [Finding] {
        var findings: [Finding] = []
        // Resolving the root's links is costly (a Foundation walk): only pages with images need it.
        var resolvedRoot: String?
        for image in Self.imageFiles(document) {
            let absolute = root.appendingPathComponent(image.path).path
            let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
            let realRoot = resolvedRoot ?? root.resolvingSymlinksInPath().path + "/"
            resolvedRoot = realRoot
            if ProjectFiles.exists(absolute), real.hasPrefix(realRoot), !ProjectFiles.isDirectory(real) { continue }
            let link = image.link
            findings.append(
                Finding(
                    .warning, "link.missing-image",
                    "image `\(link.url)` is not a file in the project (`\(image.path)`), so the page shows only its alt text; add the file or fix the path",
                    at: SourceLocation(path: document.path, line: link.line, column: link.column)))
        }
        if !allowRawHTML {
            for html in document.analysis.rawHTML {
                findings.append(
                    Finding(
                        .warning, "markdown.raw-html",
                        "raw HTML `\(html.excerpt)` is left out of the site because `unsafe_html` is off; write it in Markdown, or set `unsafe_html: true` in dossier.yml if you trust every author",
                        at: SourceLocation(path: document.path, line: html.line, column: html.column)))
            }
        }
        return findings
    }

    /// The project files a document's image links name (resolved against its folder), each with
    /// its link: what `check` looks for on disk, and what `CheckInputKey` stamps.
    package static func imageFiles(_ document: Document) -> [(link: MarkdownAnalysis.Link, path: String)] {
        var images: [(link: MarkdownAnalysis.Link, path: String)] = []
        // Made at the first image: most documents have none, and the build cache's key asks this
        // of every document on every build (`CheckInputKey`).
        var documentFolder: String?
        for link in document.analysis.links where link.isImage {
            let folder = documentFolder ?? ProjectPath.directory(of: document.path)
            documentFolder = folder
            let url = link.url
            guard !url.isEmpty, !ProjectPath.hasScheme(url), !url.hasPrefix("//") else { continue }
            var (filePart, _) = ProjectPath.splitFragment(url)
            if let query = ProjectPath.firstIndex(of: "?", in: filePart) { filePart = String(filePart[..<query]) }
            if filePart.utf8.contains(0x25) { filePart = filePart.removingPercentEncoding ?? filePart }
            // Links out of the project are reported by the loader (code.outside-project).
            guard !filePart.isEmpty, let resolved = ProjectPath.resolve(filePart, relativeTo: folder) else { continue }
            images.append((link, resolved))
        }
        return images
    }
}
