/// A theme's compiled templates (`TemplateNode` trees) laid out flat for `TemplateRenderer`: one
/// buffer of plain steps with no references in them, the texts and names in arrays beside it.
/// Pages render in parallel from the same templates, and walking the trees copied each node
/// through the enum's value witness, retaining every string and array it holds.
package final class TemplateProgram: @unchecked Sendable {
    /// One step. Plain values only, so reading one costs no reference counting.
    struct Step {
        enum Code: UInt8 {
            case text, variable, section, invertedSection, partial
        }

        var code: Code
        /// `variable`: HTML-escaped. `text`: ASCII (copied from `textBytes`).
        var escaped = false
        /// `variable`, sections: looked up in the innermost context only.
        var anchored = false
        /// `text`: its index in `texts`; `variable`, sections: first name in `names`;
        /// `partial`: the included template's first step (-1 when there is no such template).
        var start: Int32 = 0
        /// `variable`, sections: name count; `partial`: its steps' end; `text`: its UTF-8 length.
        var count: Int32 = 0
        /// Sections: the step after the body (the body is the steps in between). `partial`: its
        /// indentation's index in `texts`. `text`: its offset in `textBytes`.
        var end: Int32 = 0
    }

    /// Every template's steps, one after another; a template is a range of them.
    let steps: UnsafeMutableBufferPointer<Step>
    /// The texts and the partials' indentations (Strings: a page is a String, and appending a
    /// String needs no check that its bytes are UTF-8, as making one from bytes does).
    let texts: [String]
    /// The texts' UTF-8 bytes, one after another: an ASCII text is copied from here into the page
    /// (`TemplateOutput`), without reading a String.
    let textBytes: UnsafeMutableBufferPointer<UInt8>
    /// The dotted names of every tag, one after another.
    let names: [String]
    /// Each of `names` as a name the built-in views know, matched here once; nil for any other.
    let known: [TemplateName?]
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
        texts = builder.texts
        var bytes: [UInt8] = []
        for index in steps.indices where steps[index].code == .text {
            let text = texts[Int(steps[index].start)]
            steps[index].end = Int32(bytes.count)
            steps[index].count = Int32(text.utf8.count)
            steps[index].escaped = text.utf8.allSatisfy { $0 < 0x80 }
            bytes += text.utf8
        }
        textBytes = .allocate(capacity: max(1, bytes.count))
        _ = textBytes.initialize(from: bytes)
        names = builder.names
        known = builder.names.map { TemplateName(rawValue: $0) }
        self.ranges = ranges
    }

    deinit {
        steps.deallocate()
        textBytes.deallocate()
    }

    /// Flattens node trees: a section's body follows the section's step.
    private struct Builder {
        var steps: [Step] = []
        var texts: [String] = []
        var names: [String] = []
        var partialNames: [Int: String] = [:]

        mutating func add(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case let .text(text):
                    steps.append(Step(code: .text, start: Int32(texts.count)))
                    texts.append(text)
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
                    steps.append(Step(code: .partial, end: Int32(texts.count)))
                    texts.append(indentation ?? "")
                }
            }
        }
    }
}
