import DossierCore

/// GitHub-style heading ids: lowercase, punctuation dropped, spaces to `-`, repeats numbered.
package struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    package init() {}

    /// The id for the next heading with this text, unique within the page.
    package mutating func slug(for text: String) -> String {
        let base = Self.baseSlug(text)
        if let count = used[base] {
            var next = count
            var candidate: String
            repeat {
                next += 1
                candidate = "\(base)-\(next)"
            } while used[candidate] != nil
            used[base] = next
            used[candidate] = 0
            return candidate
        }
        used[base] = 0
        return base
    }

    /// GitHub's rule: keep letters, numbers, `-` and `_`; spaces become `-`; everything else goes.
    package static func baseSlug(_ text: String) -> String {
        var out = ""
        for char in text.lowercased() {
            if char.isLetter || char.isNumber || char == "-" || char == "_" {
                out.append(char)
            } else if char == " " {
                out.append("-")
            }
        }
        return out.isEmpty ? "section" : out
    }
}
