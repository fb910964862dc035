import DossierCore

/// Every document by id and path, every reference resolved, and the backlinks (SPEC 1.3).
package struct DocumentIndex: Sendable {
    package private(set) var documents: [Document]
    package private(set) var byID: [String: Int] = [:]
    package private(set) var byPath: [String: Int] = [:]
    package private(set) var relations: [Relation] = []
    /// Incoming relations per document index, sorted.
    package private(set) var backlinks: [[Relation]] = []
    /// Outgoing relations per document index.
    package private(set) var outgoing: [[Relation]] = []
    package private(set) var findings: [Finding] = []
    /// Pipeline inputs/outputs and labeling targets that name a column their schema lacks. Such a
    /// reference contradicts the schema (drift, SPEC 1.6), so the checks stage reports it, not the graph.
    package private(set) var missingColumns: [MissingColumn] = []
    /// File-name ids several documents share, with their paths: none of them declares the id, so
    /// none is its owner and a reference by it cannot resolve.
    private var ambiguousIDs: [String: [String]] = [:]
    /// Typo suggestions for unresolved references, by candidate set; built on the first miss
    /// that needs one and dropped when the index is complete.
    private var suggesters: [String: ClosestMatchIndex] = [:]

    /// Empties every document's search text (`analysis.text`), which only the search index reads
    /// (`LoadedProject.dropSearchText`).
    package mutating func dropSearchText() {
        for i in documents.indices where !documents[i].analysis.text.isEmpty { documents[i].analysis.text = "" }
    }

    /// A `schema.column` reference whose schema exists but whose column does not.
    package struct MissingColumn: Sendable {
        package var document: Int
        package var reference: DocumentReference
        /// What is wrong and the closest field names.
        package var message: String
    }

    package init(documents: [Document]) {
        self.documents = documents
        backlinks = Array(repeating: [], count: documents.count)
        outgoing = Array(repeating: [], count: documents.count)
        // Sized once: grown by inserting, they were rehashed a dozen times at 10,000 documents.
        byPath.reserveCapacity(documents.count)
        byID.reserveCapacity(documents.count)
        // By index, not `enumerated()`: each element it yields is a copy of a whole `Document`.
        for index in documents.indices {
            let (path, id) = (documents[index].path, documents[index].id)
            byPath[path] = index
            if let first = byID[id], documents[index]["id"] == nil, documents[first]["id"] == nil {
                // Two file-name ids alike (every folder's `index.md` in an MkDocs project) are
                // normal; only a reference by that id is ambiguous, and says so (`resolve`).
                ambiguousIDs[id, default: [documents[first].path]].append(path)
            } else if let first = byID[id] {
                findings.append(
                    Finding(
                        .error, "document.duplicate-id",
                        "id `\(id)` is used by both \(documents[first].path) and \(path); ids must be unique",
                        at: documents[index].location(ofKey: "id"), state: .broken))
            } else {
                byID[id] = index
            }
        }
        // Every relation resolved from a document starts at that document, so a repeated one can
        // only repeat one of the same document's: looked for among those (a set of them all,
        // hashed by their strings, was a fifth of the index's time at 10,000 documents).
        var seen = Set<Relation>()
        for index in documents.indices {
            let first = relations.count
            let many = documents[index].references.count > 16
            if many { seen.removeAll(keepingCapacity: true) }
            for reference in documents[index].references {
                guard let relation = resolve(reference, from: index), relation.from != relation.to else { continue }
                let repeated = many ? !seen.insert(relation).inserted : relations[first...].contains(relation)
                if !repeated { relations.append(relation) }
            }
            // The relations are in document order: each document's outgoing ones are one run.
            if relations.count > first { outgoing[index] = Array(relations[first...]) }
            checkSelected(index)
        }
        var incoming = Array(repeating: 0, count: documents.count)
        for relation in relations { incoming[relation.to] += 1 }
        for i in backlinks.indices where incoming[i] > 0 { backlinks[i].reserveCapacity(incoming[i]) }
        for relation in relations { backlinks[relation.to].append(relation) }
        suggesters = [:]
    }

    /// The suggester over `candidates`, made once per `key` (each miss would otherwise measure
    /// every document again: misses × documents).
    private mutating func suggester(_ key: String, _ candidates: () -> [String]) -> ClosestMatchIndex {
        if let made = suggesters[key] { return made }
        let made = ClosestMatchIndex(candidates())
        suggesters[key] = made
        return made
    }

    /// A schema field by reference text (`schema-id.column` or `schema-id.Entity.field`):
    /// the longest prefix that is a schema's id wins; the rest is a field key or a unique name.
    package func field(_ target: String) -> (document: Int, field: SchemaField)? {
        var dot = target.endIndex
        while let found = target[..<dot].lastIndex(of: ".") {
            dot = found
            let schemaID = String(target[..<found])
            let rest = String(target[target.index(after: found)...])
            guard let index = byID[schemaID], documents[index].kind == .schema else { continue }
            let fields = documents[index].schemaFields
            if let exact = fields.first(where: { $0.key == rest }) { return (index, exact) }
            let byName = fields.filter { $0.name == rest }
            if byName.count == 1 { return (index, byName[0]) }
            let folded = fields.filter {
                $0.key.lowercased() == rest.lowercased() || $0.name.lowercased() == rest.lowercased()
            }
            if folded.count == 1 { return (index, folded[0]) }
            return nil
        }
        return nil
    }

    /// The document a `[[target]]` names, if any (by id, or by a schema field's schema).
    package func document(named target: String) -> Int? {
        if let index = byID[target] { return index }
        return field(target)?.document
    }

    private mutating func resolve(_ reference: DocumentReference, from index: Int) -> Relation? {
        // No `let document = documents[index]`: in a mutating method that is a copy of the whole
        // document, for every reference of every document.
        let location = reference.location
        if reference.key == "anchor" {
            checkAnchor(reference.anchor ?? "", in: index, at: location)
            return nil
        }
        if let path = reference.path {
            guard let target = byPath[path] else {
                let paths = byPath
                let closest = suggester("\u{0}paths") { Array(paths.keys) }.suggestion(path)
                findings.append(
                    Finding(
                        .error, "reference.missing-page",
                        "link to `\(path)`, which is not a document of this project\(closest)",
                        at: location, state: .broken))
                return nil
            }
            if let anchor = reference.anchor, !anchor.isEmpty { checkAnchor(anchor, in: target, at: location) }
            return Relation(from: index, to: target, key: "body", field: nil)
        }
        let expected = FrontMatterKeys.expectedKinds[reference.key]
        let allowsField =
            reference.key == "target" || reference.key == "inputs" || reference.key == "outputs"
            || reference.key == "body"
        if let paths = ambiguousIDs[reference.target] {
            let what =
                reference.key == "body"
                ? "link [[\(reference.target)]]" : "`\(reference.key)` reference `\(reference.target)`"
            findings.append(
                Finding(
                    .error, "reference.unresolved",
                    "\(what) is ambiguous: it is the file name of \(paths.joined(separator: ", "));"
                        + " give the one you mean an `id:`, or link to its path",
                    at: location, state: .broken))
            return nil
        }
        if let target = byID[reference.target] {
            let kind = documents[target].kind
            if let hint = reference.kindHint, kind != hint {
                findings.append(
                    Finding(
                        .error, "reference.wrong-kind",
                        "`\(reference.kindHint!.rawValue):\(reference.target)` names a \(kind?.rawValue ?? "plain page"), not a \(hint.rawValue)",
                        at: location, state: .broken))
                return nil
            }
            if let expected, !(kind.map(expected.contains) ?? false) {
                let wanted = expected.map(\.rawValue).sorted().joined(separator: " or ")
                findings.append(
                    Finding(
                        .error, "reference.wrong-kind",
                        "`\(reference.key)` must name a \(wanted), but `\(reference.target)` is a \(kind?.rawValue ?? "plain page")",
                        at: location, state: .broken))
                return nil
            }
            return Relation(from: index, to: target, key: reference.key, field: nil)
        }
        if allowsField, let (schema, field) = field(reference.target) {
            return Relation(from: index, to: schema, key: reference.key, field: field.key)
        }
        if let missing = missingColumn(reference, in: index) {
            missingColumns.append(missing)
        } else {
            let documents = documents
            let key = expected.map { $0.map(\.rawValue).sorted().joined(separator: " ") } ?? "\u{0}any"
            let suggester = suggester(key) {
                let candidates = documents.filter { doc in expected.map { doc.kind.map($0.contains) ?? false } ?? true }
                return (candidates.isEmpty ? documents : candidates).map(\.id)
            }
            findings.append(unresolved(reference, suggester: suggester))
        }
        return nil
    }

    /// The schema-column miss a pipeline or labeling document makes, or nil for any other reference.
    private func missingColumn(_ reference: DocumentReference, in index: Int) -> MissingColumn? {
        switch (documents[index].kind, reference.key) {
        case (.pseudocode, "inputs"), (.pseudocode, "outputs"), (.labeling, "target"):
            return unknownField(reference.target).map {
                MissingColumn(document: index, reference: reference, message: $0)
            }
        default:
            return nil
        }
    }

    /// `schema.column` whose schema exists but column does not: the message naming the schema's fields.
    private func unknownField(_ target: String) -> String? {
        var dot = target.endIndex
        while let found = target[..<dot].lastIndex(of: ".") {
            dot = found
            let schemaID = String(target[..<found])
            if let schema = byID[schemaID], documents[schema].kind == .schema {
                let column = String(target[target.index(after: found)...])
                let fields = documents[schema].schemaFields
                let suggestion = ClosestMatch.suggestion(column, in: fields.map(\.key) + fields.map(\.name))
                return "`\(target)`: schema `\(schemaID)` has no field `\(column)`\(suggestion)"
            }
        }
        return nil
    }

    private func unresolved(_ reference: DocumentReference, suggester: ClosestMatchIndex) -> Finding {
        let target = reference.target
        if let message = unknownField(target) {
            return Finding(.error, "reference.unknown-field", message, at: reference.location, state: .broken)
        }
        let suggestion = suggester.suggestion(target)
        let what = reference.key == "body" ? "link [[\(target)]]" : "`\(reference.key)` reference `\(target)`"
        return Finding(
            .error, "reference.unresolved", "\(what) does not resolve to any document\(suggestion)",
            at: reference.location, state: .broken)
    }

    private mutating func checkAnchor(_ anchor: String, in target: Int, at location: SourceLocation) {
        let document = documents[target]
        // A fragment with `=` is a directive for a viewer, not an element id: Colab's own table of
        // contents (`#scrollTo=Train`), text fragments (`#:~:text=`), PDF pages (`#page=2`). No
        // heading slug has one.
        if anchor.contains("=") { return }
        if document.analysis.headings.contains(where: { $0.id == anchor }) { return }
        if document.analysis.htmlAnchors.contains(anchor) { return }
        if document.schemaFields.contains(where: { $0.anchor == anchor }) { return }
        if document.analysis.autodocObjects.contains(where: { anchor == $0 || anchor.hasPrefix($0 + ".") }) { return }
        let ids = document.analysis.headings.map(\.id) + document.analysis.htmlAnchors
        findings.append(
            Finding(
                .error, "reference.missing-anchor",
                "`#\(anchor)` is not a heading of \(document.path)\(ClosestMatch.suggestion(anchor, in: ids))",
                at: location, state: .broken))
    }

    /// `selected` names a run of the experiment (in a model: of its experiments).
    private mutating func checkSelected(_ index: Int) {
        // Asked before the document is copied: most documents select nothing.
        guard let selected = documents[index].selected, let location = documents[index].selectedLocation else {
            return
        }
        let document = documents[index]
        var runs: [String] = []
        if document.kind == .experiment {
            runs = document.runs.map(\.name)
        } else if document.kind == .model {
            for reference in document.references where reference.key == "experiments" {
                if let experiment = byID[reference.target] { runs += documents[experiment].runs.map(\.name) }
            }
            if runs.isEmpty { return }  // no experiment resolved: that is reported already
        }
        guard !runs.contains(selected) else { return }
        let message =
            runs.isEmpty
            ? "`selected: \(selected)` names a run, but this experiment documents no runs"
            : "`selected: \(selected)` is not a run of \(document.kind == .model ? "its experiments" : "this experiment")\(ClosestMatch.suggestion(selected, in: runs)); runs are \(runs.joined(separator: ", "))"
        findings.append(Finding(.error, "reference.unknown-run", message, at: location, state: .broken))
    }
}
