/// A theme's compiled templates (`TemplateNode` trees) laid out flat for `TemplateRenderer`: one
/// array of plain steps with no references in them, the texts in one byte buffer. Pages render in
/// parallel from the same templates, and walking the trees copied each node, retaining its
/// strings and arrays: the two threads took turns at the same reference counts on every page.
package final class TemplateProgram: @unchecked Sendable {
    /// One step. Plain values only, so reading one costs no reference counting.
    struct Step {
        enum Code: UInt8 {
            case text, variable, section, invertedSection, partial
        }

        var code: Code
        /// `variable`: HTML-escaped.
        var escaped = false
        /// `variable`, sections: looked up in the innermost context only.
        var anchored = false
        /// `text`: offset into `bytes`; `variable`, sections: first name in `names`;
        /// `partial`: the included template's first step (-1 when there is no such template).
        var start: Int32 = 0
        /// `text`: byte count; `variable`, sections: name count; `partial`: its steps' end.
        var count: Int32 = 0
        /// Sections: the step after the body (the body is the steps in between). `partial`: the
        /// indentation's offset in `bytes`.
        var end: Int32 = 0
        /// `partial`: the indentation's byte count.
        var indentation: Int32 = 0
    }

    /// Every template's steps, one after another; a template is a range of them.
    let steps: UnsafeMutableBufferPointer<Step>
    /// The texts and indentations, one after another.
    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// The dotted names of every tag, one after another.
    let names: [String]
    /// Each template's steps.
    let ranges: [String: Range<Int>]

    init(templates: [String: [TemplateNode]]) {
        var builder = Builder()
        // Templates first, so that partials can point at them; sorted, for the same layout on every run.
        let order = templates.keys.sorted()
        var ranges: [String: Range<Int>] = [:]
        for name in order {
            let start = builder.steps.count
            builder.add(templates[name]!)
            ranges[name] = start..<builder.steps.count
        }
        // Partials name templates that may come later: resolved once every template is placed.
        for index in builder.steps.indices where builder.steps[index].code == .partial {
            if let range = ranges[builder.partialNames[index]!] {
                builder.steps[index].start = Int32(range.lowerBound)
                builder.steps[index].count = Int32(range.upperBound)
            } else {
                builder.steps[index].start = -1
            }
        }
        steps = .allocate(capacity: max(1, builder.steps.count))
        _ = steps.initialize(from: builder.steps)
        bytes = .allocate(capacity: max(1, builder.bytes.count))
        _ = bytes.initialize(from: builder.bytes)
        names = builder.names
        self.ranges = ranges
    }

    deinit {
        steps.deallocate()
        bytes.deallocate()
    }

    /// Flattens node trees: a section's body follows the section's step.
    private struct Builder {
        var steps: [Step] = []
        var bytes: [UInt8] = []
        var names: [String] = []
        var partialNames: [Int: String] = [:]

        mutating func add(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case let .text(text):
                    steps.append(Step(code: .text, start: Int32(bytes.count), count: Int32(text.utf8.count)))
                    bytes.append(contentsOf: text.utf8)
                case let .variable(path, escaped):
                    steps.append(
                        Step(
                            code: .variable, escaped: escaped, anchored: path.anchored, start: Int32(names.count),
                            count: Int32(path.names.count)))
                    names.append(contentsOf: path.names)
                case let .section(path, body, inverted):
                    let at = steps.count
                    steps.append(
                        Step(
                            code: inverted ? .invertedSection : .section, anchored: path.anchored,
                            start: Int32(names.count), count: Int32(path.names.count)))
                    names.append(contentsOf: path.names)
                    add(body)
                    steps[at].end = Int32(steps.count)
                case let .partial(name, indentation):
                    partialNames[steps.count] = name
                    let text = indentation ?? ""
                    steps.append(
                        Step(code: .partial, end: Int32(bytes.count), indentation: Int32(text.utf8.count)))
                    bytes.append(contentsOf: text.utf8)
                }
            }
        }
    }
}
