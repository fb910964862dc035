/// Runs compiled templates (`TemplateProgram`) on typed views (`TemplateObject`) into one
/// preallocated String (through `TemplateOutput`), with swift-mustache's semantics (`MustacheTemplate.render(context:)`):
/// - a name is looked up from the innermost context outwards; nil means "not here";
/// - a section renders once for `true` (no new context), once per item of a non-empty list, and
///   once with the value as the new context for anything else — an empty string and 0 included;
///   an inverted section renders for nil, `false` and an empty list;
/// - inside an indented standalone partial, each token that starts a new line of its render call's
///   output is preceded by the indentation.
struct TemplateRenderer {
    /// The compiled templates, partials included.
    let program: TemplateProgram
    private let out: TemplateOutput
    private var stack: [Context] = []
    private var indentation = ""
    private var depth = 0

    /// Partials nested deeper than this render nothing (swift-mustache would overflow its stack).
    static let maximumDepth = 200

    init(program: TemplateProgram, capacity: Int) {
        self.program = program
        out = TemplateOutput(capacity: capacity)
    }

    /// Renders the steps `range` of the program (a template).
    mutating func render(_ range: Range<Int>, root: TemplateValue) -> String {
        stack = [.value(root)]
        renderFrame(range.lowerBound, range.upperBound)
        return out.finish()
    }

    /// One render call of swift-mustache: a template, a section body or a partial — the steps
    /// from `start` to `end`, a section counting as one step with its body.
    private mutating func renderFrame(_ start: Int, _ end: Int) {
        var index = start
        if indentation.isEmpty {
            while index < end { index = renderStep(at: index) }
            return
        }
        // Indented partials edit what they wrote: their output goes to the String as it comes.
        let wasDirect = out.direct
        out.direct = true
        defer { out.direct = wasDirect }
        let frameStart = out.utf8Count
        while index < end {
            let before = out.utf8Count
            let atLineStart = out.endsLine(since: frameStart)
            index = renderStep(at: index)
            if atLineStart && out.utf8Count > before {
                out.insert(indentation, atUTF8Offset: before)
            }
        }
    }

    /// Renders the step at `index`; returns the index of the next step of the same frame.
    private mutating func renderStep(at index: Int) -> Int {
        let step = program.steps[index]
        switch step.code {
        case .text:
            if step.escaped {
                let bytes = program.textBytes[Int(step.end)..<Int(step.end + step.count)]
                out.append(asciiBytes: UnsafeBufferPointer(rebasing: bytes))
            } else {
                out.append(program.texts[Int(step.start)])
            }
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

    private func append(_ text: String, escaped: Bool) {
        if escaped {
            out.appendEscaped(text)
        } else {
            out.append(text)
        }
    }

    private mutating func renderSection(_ value: TemplateValue?, _ start: Int, _ end: Int) {
        switch value {
        case nil:
            return
        case let .bool(flag):
            if flag { renderFrame(start, end) }
        case let .items(box):
            for index in 0..<box.list.templateCount {
                stack.append(.item(box, index))
                renderFrame(start, end)
                stack.removeLast()
            }
        case let .strings(texts):
            for text in texts {
                stack.append(.value(.string(text)))
                renderFrame(start, end)
                stack.removeLast()
            }
        case let .some(value):
            stack.append(.value(value))
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
        case let .items(box):
            if box.list.templateCount == 0 { renderWithContext(.items(box), start, end) }
        case let .strings(texts):
            if texts.isEmpty { renderWithContext(.strings(texts), start, end) }
        default:
            return
        }
    }

    private mutating func renderWithContext(_ value: TemplateValue, _ start: Int, _ end: Int) {
        stack.append(.value(value))
        renderFrame(start, end)
        stack.removeLast()
    }

    /// The value a tag's name stands for: its first part looked up from the innermost context
    /// outwards (or in the innermost only, when anchored), the rest inside what was found.
    private func lookup(_ step: TemplateProgram.Step) -> TemplateValue? {
        let first = Int(step.start)
        let count = Int(step.count)
        // The contexts are read in the stack's buffer, not copied out of it.
        return stack.withUnsafeBufferPointer { contexts -> TemplateValue? in
            guard !contexts.isEmpty else { return nil }
            guard count > 0 else { return contexts[contexts.count - 1].value }
            let names = program.names
            let known = program.known
            var found: TemplateValue?
            if step.anchored {
                found = contexts[contexts.count - 1].child(known[first], names[first])
            } else {
                var at = contexts.count - 1
                while at >= 0 {
                    found = contexts[at].child(known[first], names[first])
                    if found != nil { break }
                    at -= 1
                }
            }
            var next = first + 1
            while next < first + count, let value = found {
                found = Context.value(value).child(known[next], names[next])
                next += 1
            }
            return found
        }
    }

    /// One context of the stack: a value, or an item of a list a section iterates (looked up in
    /// place, `TemplateList.templateValue(named:at:)`, not made into a value per item).
    private enum Context {
        case value(TemplateValue)
        case item(TemplateListBox, Int)

        var value: TemplateValue {
            switch self {
            case let .value(value): value
            case let .item(box, index): box.list.templateItem(at: index)
            }
        }

        /// Only views have named values (strings, numbers and lists have none a template can
        /// reach: names starting with `_` are not compiled). `known` is `name` as a
        /// `TemplateName`, when it is one.
        func child(_ known: TemplateName?, _ name: String) -> TemplateValue? {
            switch self {
            case let .value(.view(box)):
                if let known { return box.object.value(known) }
                return box.object.value(named: name)
            case let .item(box, index):
                return box.valueAt(known, name, index)
            case .value:
                return nil
            }
        }
    }
}
