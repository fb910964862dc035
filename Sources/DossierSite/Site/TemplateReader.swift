/// The character reader of swift-mustache's parser (its `Parser`), ported as it is: the compiler
/// must split a template exactly where the library does, Unicode comparisons and overflow
/// errors included.
struct TemplateReader {
    struct Overflow: Error {}

    let buffer: String
    private(set) var position: String.Index

    init(_ text: String) {
        buffer = text
        position = text.startIndex
    }

    func reachedEnd() -> Bool { position == buffer.endIndex }

    /// The current character, or NUL at the end.
    func current() -> Character { reachedEnd() ? "\0" : buffer[position] }

    mutating func advance() { position = buffer.index(after: position) }

    mutating func setPosition(_ index: String.Index) { position = index }

    /// Reads `character` if it is next; throws at the end.
    mutating func read(_ character: Character) throws -> Bool {
        guard !reachedEnd() else { throw Overflow() }
        guard buffer[position] == character else { return false }
        advance()
        return true
    }

    /// Reads `string` if it is next; throws when fewer characters than it has are left.
    mutating func read(string: String) throws -> Bool {
        let count = string.count
        guard count > 0 else { return true }
        // Walks `count` characters, not the rest of the template (the library's check, measuring
        // the distance to the end at every `{`, made compiling quadratic in the template's length).
        guard let end = buffer.index(position, offsetBy: count, limitedBy: buffer.endIndex) else { throw Overflow() }
        guard buffer[position..<end] == string else { return false }
        position = end
        return true
    }

    @discardableResult mutating func read(while accept: (Character) -> Bool) -> Substring {
        let start = position
        while !reachedEnd(), accept(buffer[position]) { advance() }
        return buffer[start..<position]
    }

    /// Reads up to a character in `set`, or to the end.
    mutating func read(untilAnyOf set: Set<Character>) -> Substring {
        let start = position
        while !reachedEnd(), !set.contains(buffer[position]) { advance() }
        return buffer[start..<position]
    }

    /// Reads up to a character `stop` accepts; throws (and stays put) when there is none.
    mutating func read(until stop: (Character) -> Bool) throws -> Substring {
        let start = position
        while !reachedEnd() {
            if stop(buffer[position]) { return buffer[start..<position] }
            advance()
        }
        position = start
        throw Overflow()
    }

    /// Reads past the next `string` (the library's `read(untilString:skipToEnd: true)`, with its
    /// matching that does not back up after a partial match); throws when it is not found.
    mutating func skip(past string: String) throws {
        guard !string.isEmpty else { return }
        let start = position
        var matched = string.startIndex
        while !reachedEnd() {
            if buffer[position] == string[matched] {
                matched = string.index(after: matched)
                if matched == string.endIndex {
                    advance()
                    return
                }
            } else {
                matched = string.startIndex
            }
            advance()
        }
        position = start
        throw Overflow()
    }
}
