import DossierCore
import DossierModel

/// What `dossier verify` records for one referenced item, and what staleness compares: a short
/// digest of the item's *content* as SPEC 1.6 counts it, so the record survives squash, rebase
/// and merge commits (no commit id in it) and can be taken before the code edit is committed.
///
/// - a `#symbol`: its tokens (comments, whitespace, blank lines and line endings left out; the
///   file it lives in is not part of it, so a moved symbol keeps its fingerprint);
/// - a `#L…` range: its lines, trailing whitespace, line endings and the common indent dropped;
/// - a CSV/TSV/JSONL/Parquet file: its column names in order (`columns` keeps them, for messages);
/// - any other file: its bytes, CRLF read as LF for text.
///
/// The value is 16 hex digits of 64-bit FNV-1a over a kind tag and the normalized content:
/// deterministic across machines and Swift versions (no `Hasher` seeding).
package struct ContentFingerprint: Sendable, Hashable {
    package var value: String
    /// For data files: the columns the value was made from.
    package var columns: [String]?

    package init(value: String, columns: [String]? = nil) {
        self.value = value
        self.columns = columns
    }

    /// The fingerprint of `anchor` in a file whose bytes are `bytes` (`path` chooses the language
    /// or data format); `nil` when the anchor does not resolve there.
    package static func make(_ anchor: CodeReference.Anchor, path: String, bytes: [UInt8]) -> ContentFingerprint? {
        if Notebook.isNotebook(path) {
            if case .lines = anchor {} else { return notebook(anchor, path: path, bytes: bytes) }
        }
        switch anchor {
        case .whole:
            if let format = DataStructure.format(of: path),
                let columns = DataStructure.columns(of: bytes, format: format)
            {
                return ContentFingerprint(value: digest(["columns"] + columns), columns: columns)
            }
            let isText = !bytes.prefix(8_000).contains(0)
            return ContentFingerprint(value: digest(["file"], bytes: isText ? bytes.filter { $0 != 0x0D } : bytes))
        case let .lines(start, end):
            let text = String(decoding: bytes, as: UTF8.self)
            guard start >= 1, start <= end, end <= StalenessChecker.lineCount(text) else { return nil }
            let lines = text.split(separator: "\n", maxSplits: end, omittingEmptySubsequences: false)
            return ContentFingerprint(
                value: digest(["lines", StalenessChecker.normalize(Array(lines[(start - 1)..<end]))]))
        case let .symbol(symbol):
            guard let language = SourceLanguage(path: path) else {
                return make(.whole, path: path, bytes: bytes)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let definition = SymbolLocator.definition(of: symbol, in: text, language: language) else {
                return nil
            }
            return ContentFingerprint(
                value: digest(["symbol"] + SourceTokens.tokens(of: definition.text, language: language)))
        }
    }

    /// A notebook counts by its cells' sources only, so re-running it (new outputs and execution
    /// counts) is not a change: the whole notebook, one cell (`#cell-3` or a cell id), or a
    /// `#symbol` defined in its code cells (the tokens of that definition, as in a `.py` file).
    static func notebook(_ anchor: CodeReference.Anchor, path: String, bytes: [UInt8]) -> ContentFingerprint? {
        guard let text = String(validating: bytes, as: UTF8.self),
            let notebook = try? Notebook.parse(text, path: path)
        else { return nil }
        switch anchor {
        case .whole:
            return ContentFingerprint(
                value: digest(["notebook"] + notebook.cells.map { $0.kind.rawValue + ":" + $0.source }))
        case .lines:
            return nil  // `make` counts `#L…` in the `.ipynb` file's lines, as for any other file
        case let .symbol(symbol):
            if let cell = notebook.cell(named: symbol) {
                return ContentFingerprint(value: digest(["cell", cell.kind.rawValue, cell.source]))
            }
            let language =
                SourceLanguage(path: "cell." + (notebook.language == "python" ? "py" : notebook.language))
                ?? .python
            guard let definition = SymbolLocator.definition(of: symbol, in: notebook.script, language: language) else {
                return nil
            }
            return ContentFingerprint(
                value: digest(["symbol"] + SourceTokens.tokens(of: definition.text, language: language)))
        }
    }

    /// A folder: the sorted names and fingerprints of the files in it.
    package static func folder(_ entries: [(path: String, fingerprint: String)]) -> ContentFingerprint {
        ContentFingerprint(
            value: digest(["folder"] + entries.sorted { $0.path < $1.path }.flatMap { [$0.path, $0.fingerprint] }))
    }

    /// FNV-1a 64 over the parts, each followed by a 0x1F separator, then `bytes`.
    package static func digest(_ parts: [String], bytes: [UInt8] = []) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        for part in parts {
            for byte in part.utf8 { add(byte) }
            add(0x1F)
        }
        for byte in bytes { add(byte) }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
