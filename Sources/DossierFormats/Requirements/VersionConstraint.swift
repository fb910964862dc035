import DossierCore
import Foundation

/// What a pin allows, in one form that pip, Poetry and conda specifiers all parse into.
///
/// Judging a documented version gives a three-way verdict: checks report drift only when a
/// version is certainly outside, and stay quiet when they cannot tell ("if unsure, no finding").
package enum VersionConstraint: Sendable, Hashable {
    /// Listed without a version: anything goes.
    case any
    /// A URL, a path or a specifier that could not be read: never judged.
    case unknown
    /// Any one of the groups, each of whose clauses must all hold (`>=1,<2 || >=3`).
    case anyOf([[Clause]])

    package enum Operator: String, Sendable, Hashable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case compatible = "~="
        case arbitrary = "==="
        /// `==1.26.*`: the release starts with these segments.
        case prefix = "==*"
        case notPrefix = "!=*"
    }

    package struct Clause: Sendable, Hashable {
        package var op: Operator
        package var version: String
    }

    package enum Verdict: Sendable, Hashable {
        case satisfied, violated, unsure
    }

    /// The single version an `==V` / `===V` constraint names, if that is all it says.
    package var exactVersion: String? {
        guard case .anyOf(let groups) = self, groups.count == 1, groups[0].count == 1 else { return nil }
        let clause = groups[0][0]
        return clause.op == .equal || clause.op == .arbitrary ? clause.version : nil
    }

    // MARK: Judging

    /// Whether a documented version lies inside the constraint.
    package func verdict(for documented: String) -> Verdict {
        switch self {
        case .any: return .satisfied
        case .unknown: return .unsure
        case .anyOf(let groups):
            let verdicts = groups.map { group in
                Self.all(group.map { Self.verdict(of: $0, for: documented) })
            }
            if verdicts.contains(.satisfied) { return .satisfied }
            return verdicts.contains(.unsure) ? .unsure : .violated
        }
    }

    private static func all(_ verdicts: [Verdict]) -> Verdict {
        if verdicts.contains(.violated) { return .violated }
        return verdicts.contains(.unsure) ? .unsure : .satisfied
    }

    private static func verdict(of clause: Clause, for documented: String) -> Verdict {
        let candidate = PEP440Version(documented)
        let bound = PEP440Version(clause.version)
        switch clause.op {
        case .arbitrary:
            return sameText(documented, clause.version) ? .satisfied : .violated
        case .equal:
            guard let candidate, let bound else {
                return sameText(documented, clause.version) ? .satisfied : .violated
            }
            if candidate.matches(bound) { return .satisfied }
            return candidate.isLessPrecisePrefix(of: bound) ? .unsure : .violated
        case .notEqual:
            guard let candidate, let bound else {
                return sameText(documented, clause.version) ? .violated : .satisfied
            }
            return candidate.matches(bound) ? .violated : .satisfied
        case .prefix:
            return prefixVerdict(documented, candidate, clause.version, bound)
        case .notPrefix:
            switch prefixVerdict(documented, candidate, clause.version, bound) {
            case .satisfied: return .violated
            case .violated: return .satisfied
            case .unsure: return .unsure
            }
        case .compatible:
            // ~=1.4.2 means >=1.4.2 and ==1.4.*
            guard let bound, bound.release.count >= 2 else { return .unsure }
            let series = bound.release.dropLast().map(String.init).joined(separator: ".")
            return all([
                verdict(of: Clause(op: .greaterOrEqual, version: clause.version), for: documented),
                verdict(of: Clause(op: .prefix, version: series), for: documented),
            ])
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let candidate, let bound else { return .unsure }
            let holds: Bool =
                switch clause.op {
                case .less: candidate < bound
                case .lessOrEqual: candidate <= bound
                case .greater: candidate > bound
                default: candidate >= bound
                }
            if holds { return .satisfied }
            // "1.26" against ">=1.26.2" might mean 1.26.3: imprecise, not wrong.
            return candidate.isLessPrecisePrefix(of: bound) ? .unsure : .violated
        }
    }

    private static func prefixVerdict(
        _ documented: String, _ candidate: PEP440Version?, _ prefix: String, _ bound: PEP440Version?
    ) -> Verdict {
        guard let candidate, let bound else {
            // Conda versions such as 1.1.1w: a textual prefix is the best evidence there is.
            let text = documented.lowercased(), head = prefix.lowercased()
            return text == head || text.hasPrefix(head + ".") ? .satisfied : .unsure
        }
        let width = bound.release.count
        if candidate.epoch == bound.epoch, Array(candidate.paddedRelease(width).prefix(width)) == bound.release {
            return .satisfied
        }
        if candidate.epoch == bound.epoch, candidate.isPlainRelease, candidate.release.count < width,
            Array(bound.release.prefix(candidate.release.count)) == candidate.release
        {
            return .unsure
        }
        return .violated
    }

    private static func sameText(_ lhs: String, _ rhs: String) -> Bool {
        func clean(_ text: String) -> String {
            let lower = text.trimmedSpaces().lowercased()
            return lower.hasPrefix("v") ? String(lower.dropFirst()) : lower
        }
        return clean(lhs) == clean(rhs)
    }

    // MARK: Parsing

    /// A PEP 440 specifier set: `>=1.26,<2`, `==1.26.*`, `~=2.1`. Whitespace is ignored.
    package static func pep440(_ specifier: String) -> VersionConstraint {
        let compact = specifier.filter { !$0.isWhitespace }
        if compact.isEmpty { return .any }
        var clauses: [Clause] = []
        for part in compact.split(separator: ",") {
            guard let clause = operatorClause(String(part), operators: ["===", "~=", "==", "!=", "<=", ">=", "<", ">"])
            else {
                return .unknown
            }
            clauses.append(clause)
        }
        return .anyOf([clauses])
    }

    /// A Poetry constraint: `^1.2`, `~1.2.3`, `1.2.*`, `1.2.3` (exact), `>=1,<2 || >=3`, `*`.
    package static func poetry(_ specifier: String) -> VersionConstraint {
        let text = specifier.trimmedSpaces()
        if text.isEmpty || text == "*" { return .any }
        var groups: [[Clause]] = []
        for alternative in text.components(separatedBy: "||") {
            var clauses: [Clause] = []
            for token in tokens(alternative) {
                if token == "*" { continue }
                if token.hasPrefix("^") {
                    guard let range = caretRange(String(token.dropFirst())) else { return .unknown }
                    clauses += range
                } else if token.hasPrefix("~"), !token.hasPrefix("~=") {
                    guard let range = tildeRange(String(token.dropFirst())) else { return .unknown }
                    clauses += range
                } else if let clause = operatorClause(
                    token, operators: ["===", "~=", "==", "!=", "<=", ">=", "<", ">"])
                {
                    clauses.append(clause)
                } else if let first = token.first, first.isNumber {
                    clauses.append(wildcardOrEqual(token))
                } else {
                    return .unknown
                }
            }
            groups.append(clauses)
        }
        return groups.allSatisfy(\.isEmpty) ? .any : .anyOf(groups)
    }

    /// The version part of a conda match spec, after the name: `=1.26` (fuzzy: 1.26.*),
    /// `==1.26.4`, `>=1.2,<2|>=3`, ` 1.26.4 py311_0` (space form), `[version='>=1.2']`, `=1.26.4=build`.
    package static func conda(_ spec: String) -> VersionConstraint {
        var text = Substring(spec)
        if text.first == "[" {
            // Bracket form: numpy[version='>=1.26', build=...]
            guard let range = text.range(of: "version=") else { return .any }
            let value = text[range.upperBound...].drop { $0 == "'" || $0 == "\"" }
            return condaVersion(String(value.prefix { $0 != "'" && $0 != "\"" && $0 != "," && $0 != "]" }))
        }
        if text.first?.isWhitespace == true {
            // Space form: "numpy 1.26.4 py311_0"; the first word is the version, the rest the build.
            text = text.drop { $0.isWhitespace }
            return condaVersion(String(text.prefix { !$0.isWhitespace }))
        }
        if text.hasPrefix("==") {
            return condaVersion(String(text.dropFirst(2).prefix { $0 != "=" }))
        }
        if text.hasPrefix("=") {
            // "=1.26" and "=1.26.4=py311_0" both mean "1.26*" / "1.26.4*" in conda.
            let version = text.dropFirst().prefix { $0 != "=" }
            return version.isEmpty ? .any : .anyOf([[fuzzy(String(version))]])
        }
        return condaVersion(String(text))
    }

    /// A conda version expression: `1.26.4`, `1.26*`, `>=1.2,<2`, `1.2|1.4`.
    private static func condaVersion(_ expression: String) -> VersionConstraint {
        let compact = expression.filter { !$0.isWhitespace }
        if compact.isEmpty || compact == "*" { return .any }
        var groups: [[Clause]] = []
        for alternative in compact.split(separator: "|") {
            var clauses: [Clause] = []
            for part in alternative.split(separator: ",") {
                let token = String(part)
                if let clause = operatorClause(token, operators: ["===", "==", "!=", "<=", ">=", "~=", "<", ">"]) {
                    clauses.append(clause)
                } else if token.hasPrefix("=") {
                    clauses.append(fuzzy(String(token.dropFirst())))
                } else if token.first?.isNumber == true {
                    clauses.append(token.hasSuffix("*") ? fuzzy(token) : Clause(op: .equal, version: token))
                } else {
                    return .unknown
                }
            }
            groups.append(clauses)
        }
        return .anyOf(groups)
    }

    /// Conda's fuzzy `1.26` / `1.26*` / `1.26.*`: the release starts with 1.26.
    private static func fuzzy(_ version: String) -> Clause {
        var head = Substring(version)
        while head.hasSuffix("*") || head.hasSuffix(".") { head = head.dropLast() }
        return Clause(op: .prefix, version: String(head))
    }

    private static func wildcardOrEqual(_ version: String) -> Clause {
        version.hasSuffix("*") ? fuzzy(version) : Clause(op: .equal, version: version)
    }

    /// `>=1.2` into a clause, with `==1.2.*` becoming a prefix clause; nil when no operator leads.
    private static func operatorClause(_ token: String, operators: [String]) -> Clause? {
        guard let symbol = operators.first(where: { token.hasPrefix($0) }) else { return nil }
        let version = String(token.dropFirst(symbol.count))
        guard !version.isEmpty, let op = Operator(rawValue: symbol) else { return nil }
        if version.hasSuffix(".*") || version.hasSuffix("*") {
            if op == .equal { return fuzzy(version) }
            if op == .notEqual { return Clause(op: .notPrefix, version: fuzzy(version).version) }
        }
        return Clause(op: op, version: version)
    }

    /// Poetry allows `>=1.2,<2.0`, `>=1.2 <2.0` and `>= 1.2`; these become `[">=1.2", "<2.0"]`.
    private static func tokens(_ text: String) -> [String] {
        let words = text.replacingOccurrences(of: ",", with: " ").split(whereSeparator: \.isWhitespace).map(String.init)
        var result: [String] = []
        var pendingOperator = ""
        for word in words {
            if word.allSatisfy({ "<>=!~^".contains($0) }) {
                pendingOperator += word
            } else {
                result.append(pendingOperator + word)
                pendingOperator = ""
            }
        }
        return result
    }

    /// `^1.2.3` → `>=1.2.3,<2.0.0`; `^0.2.3` → `<0.3.0`; `^0.0.3` → `<0.0.4`; `^0` → `<1`.
    private static func caretRange(_ version: String) -> [Clause]? {
        guard let parsed = PEP440Version(version) else { return nil }
        let release = parsed.release
        let bump = release.firstIndex { $0 != 0 } ?? (release.count - 1)
        return [
            Clause(op: .greaterOrEqual, version: version), Clause(op: .less, version: upper(release, bumping: bump)),
        ]
    }

    /// `~1.2.3` → `>=1.2.3,<1.3.0`; `~1.2` → `<1.3`; `~1` → `<2`.
    private static func tildeRange(_ version: String) -> [Clause]? {
        guard let parsed = PEP440Version(version) else { return nil }
        let bump = parsed.release.count >= 2 ? 1 : 0
        return [
            Clause(op: .greaterOrEqual, version: version),
            Clause(op: .less, version: upper(parsed.release, bumping: bump)),
        ]
    }

    private static func upper(_ release: [Int], bumping index: Int) -> String {
        (Array(release.prefix(index)) + [release[index] + 1]).map(String.init).joined(separator: ".")
    }
}
