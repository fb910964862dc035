/// Compiles a Mustache template into `TemplateNode`s, splitting text, tags and standalone lines
/// exactly as swift-mustache's parser (`MustacheTemplate.parse`, ported here step for step) does.
/// What the renderer does not do — swift-mustache's transforms `{{f(x)}}`, inheritance
/// (`{{<…}}`, `{{$…}}`), pragmas (`{{%…}}`), dynamic partials (`{{>*…}}`) — throws
/// `Unsupported`, and the theme renders that template through swift-mustache instead.
enum TemplateCompiler {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    private struct State {
        var sectionName: String?
        var newLine = true
        var startDelimiter = "{{"
        var endDelimiter = "}}"
    }

    static func compile(_ text: String) throws -> [TemplateNode] {
        var reader = TemplateReader(text)
        return try parse(&reader, state: State())
    }

    // swift-mustache's structure is kept so that a difference is easy to find side by side.
    private static func parse(_ reader: inout TemplateReader, state initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore: Substring = ""
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                nodes.append(.text(String(whiteSpaceBefore)))
                whiteSpaceBefore = ""
            }
        }
        while !reader.reachedEnd() {
            if state.newLine {
                whiteSpaceBefore = reader.read(while: { $0 == " " || $0 == "\t" })
            }
            let text = try readUntilDelimiterOrNewline(&reader, state: state)
            if reader.current().isNewline {
                nodes.append(.text(String(whiteSpaceBefore) + text + String(reader.current())))
                state.newLine = true
                reader.advance()
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(String(whiteSpaceBefore) + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if reader.reachedEnd() { break }
            var setNewLine = false
            switch reader.current() {
            case "#", "^":
                let inverted = reader.current() == "^"
                reader.advance()
                let name = try parseName(&reader, state: state)
                if isStandalone(&reader, state: state) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                var inner = state
                inner.sectionName = name
                if !setNewLine { inner.newLine = false }
                let body = try parse(&reader, state: inner)
                nodes.append(.section(TemplateNode.Path(name), body, inverted: inverted))
            case "/":
                reader.advance()
                let name = try parseName(&reader, state: state)
                guard name == state.sectionName else { throw Unsupported(description: "unmatched {{/\(name)}}") }
                if !isStandalone(&reader, state: state) { flushWhiteSpace() }
                return nodes
            case "!":
                reader.advance()
                try reader.skip(past: state.endDelimiter)
                setNewLine = isStandalone(&reader, state: state)
            case "{":
                flushWhiteSpace()
                reader.advance()
                let name = try parseName(&reader, state: state)
                guard try reader.read("}") else { throw Unsupported(description: "unfinished {{{") }
                nodes.append(.variable(TemplateNode.Path(name), escaped: false))
            case "&":
                flushWhiteSpace()
                reader.advance()
                let name = try parseName(&reader, state: state)
                nodes.append(.variable(TemplateNode.Path(name), escaped: false))
            case ">":
                reader.advance()
                reader.read(while: \.isWhitespace)
                if reader.current() == "*" { throw Unsupported(description: "dynamic partial") }
                let name = try parsePartialName(&reader, state: state)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(&reader, state: state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: String(whiteSpaceBefore)))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""
            case "=":
                reader.advance()
                try setDelimiters(&reader, state: &state)
                setNewLine = isStandalone(&reader, state: state)
            case "<", "$", "%":
                throw Unsupported(description: "{{\(reader.current())")
            default:
                flushWhiteSpace()
                let name = try parseName(&reader, state: state)
                nodes.append(.variable(TemplateNode.Path(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported(description: "unclosed section") }
        return nodes
    }

    private static func readUntilDelimiterOrNewline(_ reader: inout TemplateReader, state: State) throws -> String {
        guard let first = state.startDelimiter.first else { return "" }
        let stops: Set<Character> = ["\n", "\r\n", first]
        var total = ""
        while !reader.reachedEnd() {
            total += reader.read(untilAnyOf: stops)
            if reader.current().isNewline {
                break
            } else if reader.current() == first {
                if try reader.read(string: state.startDelimiter) { break }
                total.append(first)
                reader.advance()
            }
        }
        return total
    }

    private static let nameCharacters = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = nameCharacters.union(["/"])

    private static func parseName(_ reader: inout TemplateReader, state: State) throws -> String {
        reader.read(while: \.isWhitespace)
        let name = String(reader.read(while: { nameCharacters.contains($0) }))
        reader.read(while: \.isWhitespace)
        guard try reader.read(string: state.endDelimiter) else { throw Unsupported(description: "unfinished tag") }
        if name.contains("(") || name.contains(")") { throw Unsupported(description: "transform in \(name)") }
        // A name part starting with `_` could reach a String's or Int's stored properties through
        // swift-mustache's Mirror lookup; leave such templates to it.
        if name.split(separator: ".").contains(where: { $0.first == "_" }) {
            throw Unsupported(description: "name \(name)")
        }
        return name
    }

    private static func parsePartialName(_ reader: inout TemplateReader, state: State) throws -> String {
        reader.read(while: \.isWhitespace)
        let name = String(reader.read(while: { partialNameCharacters.contains($0) }))
        reader.read(while: \.isWhitespace)
        guard try reader.read(string: state.endDelimiter) else { throw Unsupported(description: "unfinished partial") }
        return name
    }

    private static func setDelimiters(_ reader: inout TemplateReader, state: inout State) throws {
        reader.read(while: \.isWhitespace)
        let start = try reader.read(until: \.isWhitespace)
        reader.read(while: \.isWhitespace)
        let end = try reader.read(until: { $0 == "=" || $0.isWhitespace })
        reader.read(while: \.isWhitespace)
        guard try reader.read("="), try reader.read(string: state.endDelimiter), !start.isEmpty, !end.isEmpty else {
            throw Unsupported(description: "set delimiter")
        }
        state.startDelimiter = String(start)
        state.endDelimiter = String(end)
    }

    /// At the start of a line, is the rest of it blank? Then the tag stands alone and the line,
    /// its line break included, is consumed.
    private static func isStandalone(_ reader: inout TemplateReader, state: State) -> Bool {
        guard state.newLine else { return false }
        if reader.reachedEnd() { return true }
        var ahead = reader
        ahead.read(while: { $0 == " " || $0 == "\t" })
        guard ahead.current().isNewline else { return false }
        ahead.advance()
        reader.setPosition(ahead.position)
        return true
    }
}
