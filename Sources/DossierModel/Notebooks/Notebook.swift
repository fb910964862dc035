import DossierCore
import DossierFormats

/// A Jupyter notebook (nbformat 4) as stored: its cells with their sources and saved outputs.
/// Nothing is executed; what the notebook shows is what its author saved.
package struct Notebook: Sendable {
    package struct Cell: Sendable {
        package enum Kind: String, Sendable { case markdown, code, raw }
        package var kind: Kind
        /// The cell's `id` (nbformat 4.5), if it has one.
        package var id: String?
        package var source: String
        /// The line in the `.ipynb` file where the cell's source starts, for findings.
        package var line: Int
        package var executionCount: String?
        package var outputs: [DriftData]
    }

    package var cells: [Cell]
    /// The kernel's language (`python` when the metadata does not say).
    package var language: String

    /// Notebooks larger than this are a finding, not a page: saved outputs can reach hundreds of
    /// megabytes, and a page that size helps nobody.
    package static let maxBytes = 20 * 1024 * 1024

    package static func isNotebook(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".ipynb")
    }

    /// Parses a notebook's text; a problem says where the JSON or the structure is wrong.
    package static func parse(_ text: String, path: String) throws(DriftFileProblem) -> Notebook {
        let root = try DriftJSON.load(text, path: path)
        guard root.isMap, case .list(let cells, _)? = root["cells"] else {
            throw DriftFileProblem(
                path: path, line: root.line ?? 1, column: 1,
                reason: "not a Jupyter notebook: no `cells` list (only nbformat 4 is read)")
        }
        let metadata = root["metadata"]
        let language =
            metadata?["kernelspec"]?["language"]?.text ?? metadata?["language_info"]?["name"]?.text ?? "python"
        var parsed: [Cell] = []
        for cell in cells where cell.isMap {
            let kind = Cell.Kind(rawValue: cell["cell_type"]?.text ?? "") ?? .raw
            let source = cell["source"]
            parsed.append(
                Cell(
                    kind: kind, id: cell["id"]?.text, source: Self.text(source),
                    line: source?.line ?? cell.line ?? 1,
                    executionCount: cell["execution_count"]?.text.flatMap { $0 == "null" ? nil : $0 },
                    outputs: cell["outputs"]?.items ?? []))
        }
        return Notebook(cells: parsed, language: language.lowercased())
    }

    /// nbformat's multiline strings: one string, or a list of strings to concatenate.
    package static func text(_ value: DriftData?) -> String {
        guard let value else { return "" }
        if let text = value.text { return text }
        return value.items.compactMap(\.text).joined()
    }

    /// The cell a `#fragment` names: `cell-3` (1-based, as the page numbers them) or a cell id.
    package func cell(named fragment: String) -> Cell? {
        if let id = cells.first(where: { $0.id == fragment }) { return id }
        if fragment.hasPrefix("cell-"), let number = Int(fragment.dropFirst(5)), cells.indices.contains(number - 1) {
            return cells[number - 1]
        }
        return nil
    }

    /// The code cells' sources in order, as one script (where `#symbol` definitions are looked up).
    package var script: String {
        cells.filter { $0.kind == .code }.map { $0.source.hasSuffix("\n") ? $0.source : $0.source + "\n" }.joined()
    }
}
