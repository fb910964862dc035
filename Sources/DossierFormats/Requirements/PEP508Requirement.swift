import DossierCore
import Foundation

/// One dependency specification as PEP 508 writes it: `name[extras] specifier ; marker`.
package struct PEP508Requirement: Sendable, Hashable {
    /// The name as written.
    package var name: String
    package var extras: [String]
    /// The version specifier without spaces or parentheses (`>=1.26,<2`); empty when none.
    package var specifier: String
    /// The URL of a direct reference (`name @ https://…`).
    package var url: String?
    package var marker: String?

    /// PEP 503's normalized form: lowercase, every run of `-`, `_` and `.` one `-`.
    package static func normalize(_ name: String) -> String {
        var result = ""
        var inSeparatorRun = false
        for character in name.trimmedSpaces().lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !inSeparatorRun { result.append("-") }
                inSeparatorRun = true
            } else {
                result.append(character)
                inSeparatorRun = false
            }
        }
        return result
    }

    /// Parses one requirement; nil when the text does not start with a distribution name.
    init?(_ text: String) {
        var body = Substring(text.trimmedSpaces())
        // A marker follows ';'. In a URL requirement only " ;" ends the URL (a URL may hold ';').
        let markerStart: String.Index?
        if body.contains("@"), let at = body.firstIndex(of: "@") {
            markerStart =
                body[at...].range(of: " ;").map { body.index(after: $0.lowerBound) }
                ?? body[at...].range(of: "\t;").map { body.index(after: $0.lowerBound) }
        } else {
            markerStart = body.firstIndex(of: ";")
        }
        if let markerStart {
            let marker = body[body.index(after: markerStart)...].trimmedSpaces()
            self.marker = marker.isEmpty ? nil : marker
            body = body[..<markerStart]
        } else {
            marker = nil
        }

        let nameEnd =
            body.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") } ?? body.endIndex
        let name = body[..<nameEnd]
        guard let first = name.first, first.isLetter || first.isNumber, name.allSatisfy(\.isASCII) else { return nil }
        self.name = String(name)
        var rest = body[nameEnd...].drop { $0.isWhitespace }

        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            extras = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",").map { $0.trimmedSpaces() }
            rest = rest[rest.index(after: close)...].drop { $0.isWhitespace }
        } else {
            extras = []
        }

        if rest.first == "@" {
            url = rest.dropFirst().trimmedSpaces()
            specifier = ""
        } else {
            url = nil
            var spec = rest.filter { !$0.isWhitespace }
            if spec.hasPrefix("("), spec.hasSuffix(")") { spec = String(spec.dropFirst().dropLast()) }
            specifier = spec
        }
    }

    /// What the requirement allows: a URL reference cannot be judged, a bare name allows anything.
    package var constraint: VersionConstraint {
        url != nil ? .unknown : VersionConstraint.pep440(specifier)
    }
}
