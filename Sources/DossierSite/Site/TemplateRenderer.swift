/// Runs compiled templates (`TemplateProgram`) on typed views (`TemplateObject`) into one
/// preallocated String, with swift-mustache's semantics (`MustacheTemplate.render(context:)`):
/// - a name is looked up from the innermost context outwards; nil means "not here";
/// - a section renders once for `true` (no new context), once per item of a non-empty list, and
///   once with the value as the new context for anything else — an empty string and 0 included;
///   an inverted section renders for nil, `false` and an empty list;
/// - inside an indented standalone partial, each token that starts a new line of its render call's
///   output is preceded by the indentation.
struct TemplateRenderer {
    /// The compiled templates, partials included.
    let program: TemplateProgram
    private var out = ""
    private var stack: [TemplateValue] = []
    private var indentation = ""
    private var depth = 0

    /// Partials nested deeper than this render nothing (swift-mustache would overflow its stack).
    static let maximumDepth = 200

    init(program: TemplateProgram, capacity: Int) {
        self.program = program
        out.reserveCapacity(capacity)
    }

    /// Renders the steps `range` of the program (a template).
    mutating func render(_ range: Range<Int>, root: TemplateValue) -> String {
        stack = [root]
        renderFrame(range.lowerBound, range.upperBound)
        return out
    }

    /// One render call of swift-mustache: a template, a section body or a partial — the steps
    /// from `start` to `end`, a section counting as one step with its body.
    private mutating func renderFrame(_ start: Int, _ end: Int) {
        var index = start
        if indentation.isEmpty {
            while index < end { index = renderStep(at: index) }
            return
        }
        let frameStart = out.utf8.count
        while index < end {
            let before = out.utf8.count
            // The frame's own output so far ends with a line feed Character ("\r\n" is another).
            var atLineStart = false
            if before > frameStart, out.utf8.last == 0x0A {
                let previous = out.utf8.index(out.utf8.endIndex, offsetBy: -2, limitedBy: out.utf8.startIndex)
                atLineStart = before - frameStart < 2 || previous.map { out.utf8[$0] } != 0x0D
            }
            index = renderStep(at: index)
            if atLineStart && out.utf8.count > before {
                out.insert(contentsOf: indentation, at: out.utf8.index(out.utf8.startIndex, offsetBy: before))
            }
        }
    }

    /// Renders the step at `index`; returns the index of the next step of the same frame.
    private mutating func renderStep(at index: Int) -> Int {
        let step = program.steps[index]
        switch step.code {
        case .text:
            out += program.texts[Int(step.start)]
            return index + 1
        case .variable:
            guard let value = lookup(step) else { return index + 1 }
            switch value {
            case let .string(string): append(string, escaped: step.escaped)
            case let .int(number): append(String(number), escaped: step.escaped)
            case let .bool(flag): append(flag ? "true" : "false", escaped: step.escaped)
            default: append(String(describing: value.mustacheValue), escaped: step.escaped)
            }
            return index + 1
        case .section:
            renderSection(lookup(step), index + 1, Int(step.end))
            return Int(step.end)
        case .invertedSection:
            renderInverted(lookup(step), index + 1, Int(step.end))
            return Int(step.end)
        case .partial:
            guard step.start >= 0, depth < Self.maximumDepth else { return index + 1 }
            let saved = indentation
            indentation += program.texts[Int(step.end)]
            depth += 1
            renderFrame(Int(step.start), Int(step.count))
            depth -= 1
            indentation = saved
            return index + 1
        }
    }

    private mutating func append(_ text: String, escaped: Bool) {
        if escaped {
            MustacheEscaping.append(text, to: &out)
        } else {
            out += text
        }
    }

    private mutating func renderSection(_ value: TemplateValue?, _ start: Int, _ end: Int) {
        switch value {
        case nil:
            return
        case let .bool(flag):
            if flag { renderFrame(start, end) }
        case let .list(list):
            for index in 0..<list.templateCount {
                stack.append(list.templateItem(at: index))
                renderFrame(start, end)
                stack.removeLast()
            }
        case let .strings(texts):
            for text in texts {
                stack.append(.string(text))
                renderFrame(start, end)
                stack.removeLast()
            }
        case let .some(value):
            stack.append(value)
            renderFrame(start, end)
            stack.removeLast()
        }
    }

    private mutating func renderInverted(_ value: TemplateValue?, _ start: Int, _ end: Int) {
        switch value {
        case nil:
            renderFrame(start, end)
        case let .bool(flag):
            if !flag { renderFrame(start, end) }
        case let .list(list):
            if list.templateCount == 0 { renderWithContext(.list(list), start, end) }
        case let .strings(texts):
            if texts.isEmpty { renderWithContext(.strings(texts), start, end) }
        default:
            return
        }
    }

    private mutating func renderWithContext(_ value: TemplateValue, _ start: Int, _ end: Int) {
        stack.append(value)
        renderFrame(start, end)
        stack.removeLast()
    }

    /// The value a tag's name stands for: its first part looked up from the innermost context
    /// outwards (or in the innermost only, when anchored), the rest inside what was found.
    private func lookup(_ step: TemplateProgram.Step) -> TemplateValue? {
        let first = Int(step.start)
        let count = Int(step.count)
        guard count > 0 else { return stack.last }
        let names = program.names
        // The contexts are read in the stack's buffer, not copied one by one by a reversed iterator.
        let found: TemplateValue? = stack.withUnsafeBufferPointer { contexts in
            guard !contexts.isEmpty else { return nil }
            if step.anchored { return Self.child(names[first], of: contexts[contexts.count - 1]) }
            var at = contexts.count - 1
            while at >= 0 {
                if let child = Self.child(names[first], of: contexts[at]) { return child }
                at -= 1
            }
            return nil
        }
        guard var value = found else { return nil }
        var next = first + 1
        while next < first + count {
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
