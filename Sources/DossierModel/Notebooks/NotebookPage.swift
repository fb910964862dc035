import DossierCore
import DossierFormats
import DossierMarkdown
import Foundation

/// Turns a notebook into a document: Markdown cells through the Markdown pipeline (math
/// included), code cells highlighted with their execution counts, saved outputs as text, images
/// written as files beside the page, HTML outputs sanitized, errors shown as errors.
package enum NotebookPage {
    /// Text outputs longer than this are cut (a training loop's log can be megabytes).
    package static let maxTextOutput = 64 * 1024

    /// The finding for a notebook over `Notebook.maxBytes`.
    package static func tooLarge(path: String, size: Int) -> Finding {
        let mb = String(format: "%.1f", Double(size) / 1_048_576)
        return Finding(
            .error, "notebook.too-large",
            "notebook is \(mb) MB; notebooks over "
                + "\(Notebook.maxBytes / 1_048_576) MB are skipped (clear its outputs, or exclude it in dossier.yml)",
            at: SourceLocation(path: path, line: 1))
    }

    /// Loads a notebook as a document; nil (with a finding) when it is not one.
    package static func load(path: String, bytes: [UInt8]) -> (Document?, [Finding]) {
        if bytes.count > Notebook.maxBytes { return (nil, [tooLarge(path: path, size: bytes.count)]) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = DocumentLoader.firstInvalidUTF8(bytes)
            return (
                nil,
                [
                    Finding(
                        .error, "notebook.invalid", "notebook is not valid UTF-8",
                        at: SourceLocation(path: path, line: line, column: column))
                ]
            )
        }
        let notebook: Notebook
        do throws(DriftFileProblem) {
            notebook = try Notebook.parse(text, path: path)
        } catch {
            return (
                nil,
                [
                    Finding(
                        .error, "notebook.invalid", "notebook cannot be read: \(error.reason)",
                        at: SourceLocation(path: path, line: error.line ?? 1, column: error.column ?? 1))
                ]
            )
        }
        let (body, attachments, refused, anchors) = tree(notebook, path: path)
        var (document, findings) = DocumentLoader.load(path: path, body: body)
        document.attachments = attachments
        document.analysis.htmlAnchors += anchors
        for cell in refused {
            findings.append(
                Finding(
                    .warning, "notebook.active-content",
                    "an SVG output of cell \(cell.number) holds "
                        + "script (`<script>`, `on…=` or `javascript:`), so it is not published; clear the output or save it as PNG",
                    at: SourceLocation(path: path, line: cell.line)))
        }
        document.findings = findings
        if document.title == document.id { document.title = (path.split(separator: "/").last).map(String.init) ?? path }
        findings = document.findings
        return (document, findings)
    }

    /// The folder, beside the page, that holds a notebook's images: `01-exploration.files`.
    package static func filesFolder(for path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return String(name.dropLast(".ipynb".count)) + ".files"
    }

    static func tree(
        _ notebook: Notebook, path: String
    )
        -> (MarkdownNode, [Document.Attachment], [(number: Int, line: Int)], anchors: [String])
    {
        var children: [MarkdownNode] = []
        var attachments: [Document.Attachment] = []
        var refused: [(number: Int, line: Int)] = []
        var anchors: [String] = []
        var jupyterIDs = Set<String>()
        let folder = filesFolder(for: path)
        func html(_ text: String) { children.append(MarkdownNode(kind: .generatedHTML, literal: text)) }
        for (offset, cell) in notebook.cells.enumerated() {
            let number = offset + 1
            var anchor = "id=\"cell-\(number)\""
            anchors.append("cell-\(number)")
            if let id = cell.id, !id.isEmpty {
                anchor += " data-cell-id=\"\(HTML.escape(id))\""
                anchors.append(id)
            }
            switch cell.kind {
            case .markdown:
                html("<div class=\"nb-cell nb-markdown\" \(anchor)>")
                if let id = cell.id, !id.isEmpty { html("<span id=\"\(HTML.escape(id))\"></span>") }
                let parsed = MathSpans.parse(cell.source)
                children += withJupyterAnchors(parsed.children, ids: &anchors, seen: &jupyterIDs).map {
                    shifted($0, by: cell.line - 1)
                }
                html("</div>")
            case .code, .raw:
                html("<div class=\"nb-cell nb-code\" \(anchor)>")
                if let id = cell.id, !id.isEmpty { html("<span id=\"\(HTML.escape(id))\"></span>") }
                if cell.kind == .code {
                    html("<div class=\"nb-prompt\">In [\(HTML.escape(cell.executionCount ?? " "))]:</div>")
                }
                children.append(
                    MarkdownNode(
                        kind: .codeBlock(info: cell.kind == .code ? notebook.language : ""),
                        literal: cell.source, line: cell.line))
                for (index, output) in cell.outputs.enumerated() {
                    let name = "cell-\(number)-\(index + 1)"
                    let rendered = NotebookOutput.html(output, fileStem: folder + "/" + name)
                    if let file = rendered.attachment { attachments.append(file) }
                    if rendered.refusedSVG { refused.append((number, cell.line)) }
                    if !rendered.html.isEmpty { html(rendered.html) }
                }
                html("</div>")
            }
        }
        return (MarkdownNode(kind: .document, children: children), attachments, refused, anchors)
    }

    /// `nodes` with an empty anchor before each heading whose Jupyter id differs from its
    /// GitHub-style one. Jupyter (JupyterLab, nbconvert) names a heading by its text with spaces
    /// turned to `-`, case kept (`#Data-preparation`), and notebooks' tables of contents link to
    /// those names; the site's own ids stay GitHub's, so both kinds of link reach the heading.
    static func withJupyterAnchors(
        _ nodes: [MarkdownNode], ids: inout [String], seen: inout Set<String>
    ) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        result.reserveCapacity(nodes.count)
        for node in nodes {
            if case .heading = node.kind {
                let text = node.plainText.trimmedSpaces()
                let jupyter = text.replacingOccurrences(of: " ", with: "-")
                if !jupyter.isEmpty, jupyter != HeadingSlugger.baseSlug(text), seen.insert(jupyter).inserted {
                    ids.append(jupyter)
                    result.append(
                        MarkdownNode(kind: .generatedHTML, literal: "<a id=\"\(HTML.escape(jupyter))\"></a>"))
                }
                result.append(node)
            } else {
                var copy = node
                copy.children = withJupyterAnchors(node.children, ids: &ids, seen: &seen)
                result.append(copy)
            }
        }
        return result
    }

    /// A Markdown cell's nodes with lines counted in the `.ipynb` file, so findings point there.
    private static func shifted(_ node: MarkdownNode, by lines: Int) -> MarkdownNode {
        var copy = node
        copy.line += lines
        copy.children = node.children.map { shifted($0, by: lines) }
        return copy
    }
}
