import DossierCore
import Foundation

/// The scripts a page needs only when it has math or a Mermaid diagram: KaTeX (Debian's
/// `libjs-katex` and `fonts-katex`) and Mermaid (vendored from PyPI's `artoo-mermaid` by
/// scripts/install-deps.sh). They are copied into the site under `dossier/assets/` only when
/// some page uses them, with their licenses, and loaded only by such pages; nothing is loaded
/// from another host. Without them installed the TeX and the diagram source stay visible.
package enum PageAssets {
    static let katexFolder = "/usr/share/javascript/katex"
    static let katexLicenses = ["/usr/share/doc/libjs-katex/copyright", "/usr/share/doc/fonts-katex/copyright"]

    /// `DOSSIER_MERMAID` names the folder holding `mermaid.min.js`; else where install-deps puts it.
    static var mermaidFolder: String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["DOSSIER_MERMAID"] { candidates.append(env) }
        candidates += ["/usr/local/share/dossier/mermaid", "/usr/share/dossier/mermaid"]
        return candidates.first { ProjectFiles.exists($0 + "/mermaid.min.js") }
    }

    static let hasKaTeX = ProjectFiles.exists(katexFolder + "/katex.min.js")
    static let mermaid = mermaidFolder

    static let mathMarker = "class=\"math math-"
    static let mermaidMarker = "<pre class=\"mermaid\">"
    static let notebookMarker = "<div class=\"nb-cell "

    /// The tags that load what `body` needs, relative to the page (`root` leads to the site root).
    package static func tags(for body: String, root: String) -> String {
        var out = ""
        let found = markers(in: body)
        if found.contains(.style) {
            out += "<link rel=\"stylesheet\" href=\"\(root)dossier/assets/notebook.css\">\n"
        }
        if hasKaTeX, found.contains(.math) {
            out +=
                "<link rel=\"stylesheet\" href=\"\(root)dossier/assets/katex/katex.min.css\">\n"
                + "<script src=\"\(root)dossier/assets/katex/katex.min.js\" defer></script>\n"
                + "<script src=\"\(root)dossier/assets/katex/render-math.js\" defer></script>\n"
        }
        if mermaid != nil, found.contains(.mermaid) {
            out +=
                "<script src=\"\(root)dossier/assets/mermaid/mermaid.min.js\" defer></script>\n"
                + "<script src=\"\(root)dossier/assets/mermaid/render-mermaid.js\" defer></script>\n"
        }
        return out
    }

    static let diagramMarker = "class=\"diagram "

    /// The markers `markers(in:)` looks for, what each makes a page load, and where `class="`
    /// begins in it (every marker holds it once).
    private static let markerTable: [(bytes: [UInt8], classAt: Int, load: Loads)] = [
        (notebookMarker, Loads.style), (diagramMarker, .style), (mathMarker, .math), (mermaidMarker, .mermaid),
    ].map { marker, load in
        (Array(marker.utf8), ByteSearch.firstOffset(of: "class=\"", in: marker) ?? 0, load)
    }

    /// Which of the markers `body` holds: `notebookMarker` or `diagramMarker` (`.style`),
    /// `mathMarker`, `mermaidMarker`. Each holds `class="`, so one pass visits each `class="` of
    /// the body and compares the markers around it, the same answer as a search for each marker:
    /// four searches stopped at every `<` and `c` of the page.
    static func markers(in body: String) -> Loads {
        var body = body
        return body.withUTF8 { bytes -> Loads in
            var found: Loads = []
            guard let base = bytes.baseAddress, bytes.count >= 7 else { return found }
            // Each `=` that ends `class` and is followed by a quote.
            var from = 5
            while from < bytes.count - 1, found != [.style, .math, .mermaid],
                let hit = memchr(base + from, Int32(UInt8(ascii: "=")), bytes.count - 1 - from)
            {
                let equals = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                from = equals + 1
                let classStart = equals - 5
                guard base[equals + 1] == UInt8(ascii: "\""), memcmp(base + classStart, "class", 5) == 0 else {
                    continue
                }
                for marker in markerTable {
                    let at = classStart - marker.classAt
                    guard at >= 0, at + marker.bytes.count <= bytes.count else { continue }
                    if memcmp(base + at, marker.bytes, marker.bytes.count) == 0 { found.insert(marker.load) }
                }
            }
            return found
        }
    }

    /// Which optional assets a page loads, found in its text before the text is dropped.
    package struct Loads: OptionSet, Sendable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        static let style = Loads(rawValue: 1)
        static let math = Loads(rawValue: 2)
        static let mermaid = Loads(rawValue: 4)

        /// What `file` loads; nothing unless it is an HTML page.
        package init(_ file: SiteFile) {
            guard file.path.hasSuffix(".html") else {
                self = []
                return
            }
            // Every page is scanned once it is written: one memchr-driven search for the folder the
            // three assets share, then a compare of what follows each hit. A byte-by-byte loop per
            // asset was 5% of a build.
            func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Loads {
                var loads: Loads = []
                var from = 0
                var folder = PageAssets.assetsFolder
                folder.withUTF8 { folder in
                    while loads != [.style, .math, .mermaid],
                        let at = ByteSearch.firstOffset(of: folder, in: bytes, from: from)
                    {
                        let rest = UnsafeBufferPointer(rebasing: bytes[at...])
                        for (load, file) in PageAssets.assetFiles where PageAssets.hasPrefix(rest, file) {
                            loads.insert(load)
                        }
                        from = at + 1
                    }
                }
                return loads
            }
            switch file.contents {
            case let .text(text):
                var text = text
                self = text.withUTF8 { scan($0) }
            case let .bytes(bytes): self = bytes.withUnsafeBufferPointer { scan($0) }
            case let .written(loads): self = loads
            }
        }
    }

    /// The asset files the rendered pages in `files` load.
    package static func files(for files: [SiteFile]) -> [SiteFile] {
        var loads: Loads = []
        for file in files where file.path.hasSuffix(".html") {
            loads.formUnion(Loads(file))
            if loads == [.style, .math, .mermaid] { break }
        }
        var out: [SiteFile] = []
        if loads.contains(.style) { out.append(SiteFile(path: "dossier/assets/notebook.css", text: notebookCSS)) }
        if loads.contains(.math) { out += katexFiles() }
        if loads.contains(.mermaid), let folder = mermaid { out += mermaidFiles(folder) }
        return out
    }

    /// The folder of the optional assets in a page's links, and the asset each path in it loads.
    static let assetsFolder = "dossier/assets/"
    static let assetFiles: [(Loads, String)] = [
        (.style, "dossier/assets/notebook.css"), (.math, "dossier/assets/katex/katex.min.js"),
        (.mermaid, "dossier/assets/mermaid/mermaid.min.js"),
    ]

    /// Whether `bytes` starts with `prefix`'s UTF-8.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        let count = prefix.utf8.count
        guard bytes.count >= count else { return false }
        return zip(bytes, prefix.utf8).allSatisfy { $0 == $1 }
    }

    private static func katexFiles() -> [SiteFile] {
        var out: [SiteFile] = []
        for name in ["katex.min.js", "katex.min.css"] {
            if let bytes = try? ProjectFiles.readBytes(katexFolder + "/" + name) {
                out.append(SiteFile(path: "dossier/assets/katex/" + name, bytes: bytes))
            }
        }
        // The stylesheet lists woff2 first; every browser that runs KaTeX reads woff2.
        let fonts = ProjectFiles.listNames(katexFolder + "/fonts")?.names ?? []
        for name in fonts.sorted() where name.hasSuffix(".woff2") {
            if let bytes = try? ProjectFiles.readBytes(katexFolder + "/fonts/" + name) {
                out.append(SiteFile(path: "dossier/assets/katex/fonts/" + name, bytes: bytes))
            }
        }
        var license = "KaTeX (MIT) and its fonts (SIL OFL 1.1), as packaged by Debian.\n\n"
        for path in katexLicenses {
            if let bytes = try? ProjectFiles.readBytes(path) {
                license += String(decoding: bytes, as: UTF8.self) + "\n"
            }
        }
        out.append(SiteFile(path: "dossier/assets/katex/LICENSE.txt", text: license))
        out.append(SiteFile(path: "dossier/assets/katex/render-math.js", text: renderMath))
        return out
    }

    private static func mermaidFiles(_ folder: String) -> [SiteFile] {
        var out: [SiteFile] = []
        if let bytes = try? ProjectFiles.readBytes(folder + "/mermaid.min.js") {
            out.append(SiteFile(path: "dossier/assets/mermaid/mermaid.min.js", bytes: bytes))
        }
        var license = mermaidLicense
        if let notice = try? ProjectFiles.readBytes(folder + "/NOTICE.md") {
            license += "\n" + String(decoding: notice, as: UTF8.self)
        }
        out.append(SiteFile(path: "dossier/assets/mermaid/LICENSE.txt", text: license))
        out.append(SiteFile(path: "dossier/assets/mermaid/render-mermaid.js", text: renderMermaid))
        return out
    }

    /// Notebook cells and diagrams, in the theme's colours where it defines them.
    static let notebookCSS = """
        .nb-cell { margin: 1rem 0; }
        .nb-code { border-left: 3px solid var(--border, #d0d7de); padding-left: .75rem; }
        .nb-prompt { font: .75rem ui-monospace, monospace; color: var(--fg-soft, #57606a); margin-bottom: .25rem; }
        .nb-output { margin: .5rem 0; overflow-x: auto; }
        pre.nb-output { max-height: 30rem; overflow: auto; font-size: .85rem; }
        .nb-stderr { background: rgba(255, 200, 0, .12); }
        .nb-error { border-left: 3px solid #cf222e; padding-left: .75rem; }
        .nb-error pre { font-size: .85rem; overflow: auto; }
        .nb-image img { max-width: 100%; height: auto; background: #fff; }
        .nb-html table { border-collapse: collapse; font-size: .85rem; }
        .nb-html th, .nb-html td { border: 1px solid var(--border, #d0d7de); padding: .2rem .5rem; text-align: right; }
        .diagram { margin: 1rem 0; overflow-x: auto; text-align: center; }
        .diagram svg { max-width: 100%; height: auto; }
        .diagram-dot svg { background: #fff; }
        .math-display { overflow-x: auto; margin: 1rem 0; }

        """

    static let renderMath = """
        // Typesets the TeX that Dossier protected from Markdown (spans and blocks of class "math").
        document.querySelectorAll(".math").forEach(function (element) {
          katex.render(element.textContent, element, {
            displayMode: element.classList.contains("math-display"), throwOnError: false
          });
        });

        """

    static let renderMermaid = """
        // Draws the page's ```mermaid blocks; "strict" keeps diagram text from becoming HTML.
        mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
        mermaid.run({ querySelector: "pre.mermaid" });

        """

    static let mermaidLicense = """
        Mermaid — MIT License. Copyright (c) 2014 - 2022 Knut Sveidqvist.
        Vendored from the PyPI package artoo-mermaid (MIT), which ships Mermaid's mermaid.min.js.

        Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
        associated documentation files (the "Software"), to deal in the Software without restriction,
        including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,
        and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so,
        subject to the following conditions: The above copyright notice and this permission notice shall be
        included in all copies or substantial portions of the Software.

        THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.

        """
}
