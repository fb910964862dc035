import DossierCore
import DossierFormats
import Foundation

/// One saved output of a code cell as HTML: stream and `text/plain` as preformatted text,
/// PNG/JPEG/SVG as an image file (never inline base64; SVG only ever as `<img>`, where it
/// cannot run script), `text/html` through the raw-HTML sanitizer, errors with their traceback.
package enum NotebookOutput {
    package struct Rendered {
        package var html: String
        package var attachment: Document.Attachment?
        /// An SVG output holding script, left out: the file's own URL on the site would run it.
        package var refusedSVG = false
    }

    private static let images: [(mime: String, ext: String)] = [
        ("image/png", "png"), ("image/jpeg", "jpg"),
        ("image/svg+xml", "svg"),
    ]
    /// Decoded images larger than this are not written (the notebook limit bounds the total).
    package static let maxImageBytes = 10 * 1024 * 1024

    /// `fileStem` is the image's path relative to the page, without extension.
    package static func html(_ output: DriftData, fileStem: String) -> Rendered {
        switch output["output_type"]?.text {
        case "stream":
            let stream = output["name"]?.text == "stderr" ? " nb-stderr" : ""
            return Rendered(html: pre(Notebook.text(output["text"]), className: "nb-stream" + stream))
        case "error":
            let name = output["ename"]?.text ?? "Error"
            let value = output["evalue"]?.text ?? ""
            let traceback = output["traceback"]?.items.compactMap(\.text).joined(separator: "\n") ?? ""
            var html =
                "<div class=\"nb-output nb-error\" role=\"alert\"><p class=\"nb-error-name\"><strong>"
                + HTML.escape(name) + "</strong>: " + HTML.escape(value) + "</p>"
            if !traceback.isEmpty {
                html += "<pre tabindex=\"0\">" + HTML.escape(clip(stripANSI(traceback))) + "</pre>"
            }
            return Rendered(html: html + "</div>")
        case "execute_result", "display_data":
            guard let data = output["data"] else { return Rendered(html: "") }
            for image in images {
                guard let value = data[image.mime] else { continue }
                let path = fileStem + "." + image.ext
                let bytes: [UInt8]?
                if image.ext == "svg" {
                    bytes = Array(Notebook.text(value).utf8)
                } else {
                    bytes = Data(base64Encoded: Notebook.text(value), options: .ignoreUnknownCharacters).map {
                        Array($0)
                    }
                }
                guard let bytes, !bytes.isEmpty, bytes.count <= maxImageBytes else { continue }
                if image.ext == "svg", holdsScript(bytes) {
                    return Rendered(
                        html: "<p class=\"nb-output nb-refused\">(an SVG output holding script is not "
                            + "published)</p>", refusedSVG: true)
                }
                let alt = HTML.escape(Notebook.text(data["text/plain"]).prefix(200).description)
                let name = path.split(separator: "/").suffix(2).joined(separator: "/")
                return Rendered(
                    html: "<div class=\"nb-output nb-image\"><img src=\"\(HTML.escape(name))\" alt=\"\(alt)\" "
                        + "loading=\"lazy\"></div>", attachment: Document.Attachment(name: path, bytes: bytes))
            }
            if let html = data["text/html"] {
                return Rendered(
                    html: "<div class=\"nb-output nb-html\" tabindex=\"0\">" + sanitize(clip(Notebook.text(html)))
                        + "</div>")
            }
            if let text = data["text/plain"] {
                return Rendered(html: pre(Notebook.text(text), className: "nb-result"))
            }
            return Rendered(html: "")
        default:
            return Rendered(html: "")
        }
    }

    /// The one place notebook HTML passes the raw-HTML sanitizer (the same allow-list as
    /// `unsafe_html`: no script, no event handlers, no `javascript:`/`data:` URLs after decoding).
    /// Notebook HTML is shown whatever `unsafe_html` says, so it is always sanitized.
    package static func sanitize(_ html: String) -> String {
        HTML.filterRawHTML(html)
    }

    private static func pre(_ text: String, className: String) -> String {
        "<pre class=\"nb-output \(className)\" tabindex=\"0\">" + HTML.escape(clip(stripANSI(text))) + "</pre>"
    }

    private static func clip(_ text: String) -> String {
        guard text.utf8.count > NotebookPage.maxTextOutput else { return text }
        let cut = String(decoding: Array(text.utf8.prefix(NotebookPage.maxTextOutput)), as: UTF8.self)
        return cut + "\n… (output cut: \(text.utf8.count) bytes)"
    }

    /// True when SVG text holds what a browser runs if the file is opened directly: the same test
    /// as `PublishedFiles.holdsScript` for embedded images (that one lives in a later stage).
    package static func holdsScript(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        if text.contains("<script") || text.contains("javascript:") || text.contains("<foreignobject") { return true }
        return text.range(of: "[\\s\"'/]on[a-z]+\\s*=", options: .regularExpression) != nil
    }

    /// Terminal colour and cursor codes (IPython tracebacks are full of them).
    package static func stripANSI(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        return text.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[ -/]*[@-~]", with: "", options: .regularExpression)
    }
}
