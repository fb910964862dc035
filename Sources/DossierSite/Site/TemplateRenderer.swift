/// Runs compiled templates (`TemplateNode`) on typed views (`TemplateObject`) into one
/// preallocated String, with swift-mustache's semantics (`MustacheTemplate.render(context:)`):
/// - a name is looked up from the innermost context outwards; nil means "not here";
/// - a section renders once for `true` (no new context), once per item of a non-empty list, and
///   once with the value as the new context for anything else — an empty string and 0 included;
///   an inverted section renders for nil, `false` and an empty list;
/// - inside an indented standalone partial, each token that starts a new line of its render call's
///   output is preceded by the indentation.
struct TemplateRenderer {
    /// The compiled templates partials are taken from.
    let templates: [String: [TemplateNode]]
    private var out = ""
    private var stack: [TemplateValue] = []
    private var indentation = ""
    private var depth = 0

    /// Partials nested deeper than this render nothing (swift-mustache would overflow its stack).
    static let maximumDepth = 200

    init(templates: [String: [TemplateNode]], capacity: Int) {
        self.templates = templates
        out.reserveCapacity(capacity)
    }

    mutating func render(_ nodes: [TemplateNode], root: TemplateValue) -> String {
        stack = [root]
        renderFrame(nodes)
        return out
    }

    /// One render call of swift-mustache: a template, a section body or a partial.
    private mutating func renderFrame(_ nodes: [TemplateNode]) {
        if indentation.isEmpty {
            for node in nodes { renderNode(node) }
            return
        }
        let frameStart = out.utf8.count
        for node in nodes {
            let before = out.utf8.count
            // The frame's own output so far ends with a line feed Character ("\r\n" is another).
            var atLineStart = false
            if before > frameStart, out.utf8.last == 0x0A {
                let previous = out.utf8.index(out.utf8.endIndex, offsetBy: -2, limitedBy: out.utf8.startIndex)
                atLineStart = before - frameStart < 2 || previous.map { out.utf8[$0] } != 0x0D
            }
            renderNode(node)
            if atLineStart && out.utf8.count > before {
                out.insert(contentsOf: indentation, at: out.utf8.index(out.utf8.startIndex, offsetBy: before))
            }
        }
    }

    private mutating func renderNode(_ node: TemplateNode) {
        switch node {
        case let .text(text):
            out += text
        case let .variable(path, escaped):
            guard let value = lookup(path) else { return }
            let text: String
            switch value {
            case let .string(string): text = string
            case let .int(number): text = String(number)
            case let .bool(flag): text = flag ? "true" : "false"
            default: text = String(describing: value.mustacheValue)
            }
            if escaped {
                MustacheEscaping.append(text, to: &out)
            } else {
                out += text
            }
        case let .section(path, body, inverted):
            let value = lookup(path)
            if inverted {
                renderInverted(value, body)
            } else {
                renderSection(value, body)
            }
        case let .partial(name, partialIndentation):
            guard let partial = templates[name], depth < Self.maximumDepth else { return }
            let saved = indentation
            if let partialIndentation { indentation += partialIndentation }
            depth += 1
            renderFrame(partial)
            depth -= 1
            indentation = saved
        }
    }

    private mutating func renderSection(_ value: TemplateValue?, _ body: [TemplateNode]) {
        switch value {
        case nil:
            return
        case let .bool(flag):
            if flag { renderFrame(body) }
        case let .list(list):
            for index in 0..<list.templateCount {
                stack.append(list.templateItem(at: index))
                renderFrame(body)
                stack.removeLast()
            }
        case let .strings(texts):
            for text in texts {
                stack.append(.string(text))
                renderFrame(body)
                stack.removeLast()
            }
        case let .some(value):
            stack.append(value)
            renderFrame(body)
            stack.removeLast()
        }
    }

    private mutating func renderInverted(_ value: TemplateValue?, _ body: [TemplateNode]) {
        switch value {
        case nil:
            renderFrame(body)
        case let .bool(flag):
            if !flag { renderFrame(body) }
        case let .list(list):
            if list.templateCount == 0 { renderWithContext(.list(list), body) }
        case let .strings(texts):
            if texts.isEmpty { renderWithContext(.strings(texts), body) }
        default:
            return
        }
    }

    private mutating func renderWithContext(_ value: TemplateValue, _ body: [TemplateNode]) {
        stack.append(value)
        renderFrame(body)
        stack.removeLast()
    }

    private func lookup(_ path: TemplateNode.Path) -> TemplateValue? {
        let names = path.names
        guard !names.isEmpty else { return stack.last }
        // The contexts are read in the stack's buffer, not copied one by one by a reversed iterator.
        let found: TemplateValue? = stack.withUnsafeBufferPointer { contexts in
            guard !contexts.isEmpty else { return nil }
            if path.anchored { return Self.child(names[0], of: contexts[contexts.count - 1]) }
            var at = contexts.count - 1
            while at >= 0 {
                if let child = Self.child(names[0], of: contexts[at]) { return child }
                at -= 1
            }
            return nil
        }
        guard var value = found else { return nil }
        var next = 1
        while next < names.count {
            guard let child = Self.child(names[next], of: value) else { return nil }
            value = child
            next += 1
        }
        return value
    }

    /// Only views have named values (strings, numbers and lists have none a template can reach:
    /// names starting with `_` are not compiled).
    private static func child(_ name: String, of value: TemplateValue) -> TemplateValue? {
        if case let .object(object) = value { return object.value(named: name) }
        return nil
    }
}
