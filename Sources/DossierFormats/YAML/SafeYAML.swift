import CYaml
import DossierCore
import Yams

/// The one gateway through which Dossier reads YAML: front matter, dossier.yml, params,
/// metrics, dvc.lock, MLflow meta.yaml and environment files all compose here.
///
/// YAML aliases let a few hundred bytes describe billions of nodes ("billion laughs"), and Yams
/// expands every alias while composing. Counting `*name` in the text cannot tell an alias from a
/// quoted `*`, so instead, when the text holds a `*` byte at all (no alias exists without one),
/// libyaml's event stream is walked first and the size of the tree after expansion is computed
/// exactly: a scalar is 1 node, a sequence or mapping is 1 plus its children, an alias is the
/// size of the node its anchor names. Past `maxNodes` the text is refused before Yams sees it.
package enum SafeYAML {
    /// Nodes one YAML document may expand to, aliases counted at their full size.
    package static let maxNodes = 100_000

    /// Why a YAML text was refused; lines and columns are 1-based within the text given.
    package struct Failure: Error, Sendable, Hashable {
        package enum Reason: Sendable, Hashable {
            /// Not valid YAML; `message` is libyaml's.
            case syntax
            /// Aliases would expand the tree past `maxNodes`; the location is the alias that did.
            case aliasExpansion
            /// The tree has more than `maxNodes` nodes without any alias.
            case tooLarge
        }

        package var reason: Reason
        package var message: String
        package var line: Int
        package var column: Int
    }

    /// Composes `text` with Yams after the alias check; nil for an empty document.
    package static func compose(_ text: String, resolver: Resolver = .default) throws(Failure) -> Node? {
        if text.utf8.contains(0x2A) {
            try checkExpansion(text)
        }
        do {
            return try Yams.compose(yaml: text, resolver, .default, .utf8)
        } catch let error as YamlError {
            throw failure(for: error)
        } catch {
            throw Failure(reason: .syntax, message: "\(error)", line: 1, column: 1)
        }
    }

    /// One open sequence or mapping during the event walk.
    private struct Open {
        var anchor: String?
        var size: Int
    }

    /// Walks libyaml's events and throws when the expanded tree passes `maxNodes`. A syntax
    /// error ends the walk quietly: composing reports it with Yams' message.
    package static func checkExpansion(_ text: String) throws(Failure) {
        var copy = text
        let refusal: Failure? = copy.withUTF8 { bytes -> Failure? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            guard let base = bytes.baseAddress else { return nil }
            yaml_parser_set_input_string(&parser, base, bytes.count)
            var anchors: [String: Int] = [:]
            var open: [Open] = []
            var total = 0
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                var added = 0
                var anchor: String?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_DOCUMENT_START_EVENT:
                    // Anchors are per document; the budget is for the whole text.
                    anchors = [:]
                case YAML_SCALAR_EVENT:
                    added = 1
                    anchor = event.data.scalar.anchor.map { String(cString: $0) }
                case YAML_SEQUENCE_START_EVENT:
                    total += 1
                    open.append(Open(anchor: event.data.sequence_start.anchor.map { String(cString: $0) }, size: 1))
                case YAML_MAPPING_START_EVENT:
                    total += 1
                    open.append(Open(anchor: event.data.mapping_start.anchor.map { String(cString: $0) }, size: 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { return nil }
                    if let name = closed.anchor { anchors[name] = closed.size }
                    if !open.isEmpty { open[open.count - 1].size += closed.size }
                case YAML_ALIAS_EVENT:
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    added = anchors[name] ?? 1
                    total += added
                    if total > maxNodes {
                        return Failure(
                            reason: .aliasExpansion,
                            message: "alias `*\(name)` makes the YAML expand past \(maxNodes) values",
                            line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                    }
                    if !open.isEmpty { open[open.count - 1].size += added }
                    continue
                default:
                    break
                }
                if added > 0 {
                    total += added
                    if let anchor { anchors[anchor] = added }
                    if !open.isEmpty { open[open.count - 1].size += added }
                }
                if total > maxNodes {
                    return Failure(
                        reason: .tooLarge, message: "the YAML holds more than \(maxNodes) values",
                        line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                }
            }
        }
        if let refusal { throw refusal }
    }

    /// Yams' error as a message with a 1-based line and column in the text.
    package static func failure(for error: YamlError) -> Failure {
        var line = 1
        var column = 1
        var message = "\(error)"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            line = mark.line
            column = mark.column
            message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case let .reader(problem, _, _, _):
            message = problem
        case let .duplicatedKeysInMapping(duplicates, context):
            line = context.mark.line
            column = context.mark.column
            message = "duplicated keys in mapping: \(duplicates.joined(separator: ", "))"
        default:
            break
        }
        return Failure(reason: .syntax, message: message, line: line, column: column)
    }
}
