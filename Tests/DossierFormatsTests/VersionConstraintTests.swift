@testable import DossierFormats
import Testing

@Suite struct VersionConstraintTests {
    private func v(_ text: String) -> PEP440Version {
        PEP440Version(text)!
    }

    @Test func pep440Ordering() {
        let ordered = [
            "1.0.dev1", "1.0a1", "1.0a2.dev3", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0.post1.dev1", "1.0.post1", "1.1",
            "1!0.5",
        ]
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            #expect(v(lower) < v(higher), "\(lower) < \(higher)")
        }
        #expect(v("1.0") == v("1.0.0"))
        #expect(v("v2.1") == v("2.1"))
        #expect(v("1.0-alpha.1") == v("1.0a1"))
        #expect(v("1.0-1") == v("1.0.post1"))
        #expect(v("2.1.0+cu118").local == ["cu118"])
        #expect(v("2.1.0").matches(v("2.1.0+cu118")))
        #expect(PEP440Version("1.1.1w") == nil)
        #expect(PEP440Version("latest") == nil)
    }

    @Test func pep440Specifiers() {
        func verdict(_ spec: String, _ version: String) -> VersionConstraint.Verdict {
            VersionConstraint.pep440(spec).verdict(for: version)
        }
        #expect(verdict(">=1.26,<2", "1.26.4") == .satisfied)
        #expect(verdict(">=1.26,<2", "2.0.0") == .violated)
        #expect(verdict(">=1.26, <2", "1.25") == .violated)
        #expect(verdict(">=1.26.2", "1.26") == .unsure)  // less precise: could be 1.26.3
        #expect(verdict("==1.26.4", "1.26") == .unsure)
        #expect(verdict("==1.26.4", "1.26.3") == .violated)
        #expect(verdict("==1.26", "1.26.0") == .satisfied)
        #expect(verdict("==1.26.*", "1.26.4") == .satisfied)
        #expect(verdict("==1.26.*", "1.27") == .violated)
        #expect(verdict("!=1.26.3", "1.26.3") == .violated)
        #expect(verdict("~=1.4.2", "1.4.9") == .satisfied)
        #expect(verdict("~=1.4.2", "1.5.0") == .violated)
        #expect(verdict("~=2.1", "2.9") == .satisfied)
        #expect(verdict("===1.0+local", "1.0+local") == .satisfied)
        #expect(verdict(">=1.0", "latest") == .unsure)
        #expect(VersionConstraint.pep440("") == .any)
        #expect(VersionConstraint.pep440("=1.0") == .unknown)
    }

    @Test func poetryConstraints() {
        func verdict(_ spec: String, _ version: String) -> VersionConstraint.Verdict {
            VersionConstraint.poetry(spec).verdict(for: version)
        }
        #expect(verdict("^1.2.3", "1.9.0") == .satisfied)
        #expect(verdict("^1.2.3", "2.0.0") == .violated)
        #expect(verdict("^0.2.3", "0.3.0") == .violated)
        #expect(verdict("^0.0.3", "0.0.3") == .satisfied)
        #expect(verdict("^0.0.3", "0.0.4") == .violated)
        #expect(verdict("^3.11", "3.12.1") == .satisfied)
        #expect(verdict("^3.11", "3.10") == .violated)
        #expect(verdict("~1.2.3", "1.2.9") == .satisfied)
        #expect(verdict("~1.2.3", "1.3.0") == .violated)
        #expect(verdict("~1", "1.9") == .satisfied)
        #expect(verdict("1.2.*", "1.2.7") == .satisfied)
        #expect(verdict("2.0.3", "2.0.4") == .violated)
        #expect(verdict(">= 1.2, < 1.5", "1.4") == .satisfied)
        #expect(verdict(">=1.2 <1.5 || >=2.0", "2.3") == .satisfied)
        #expect(verdict(">=1.2 <1.5 || >=2.0", "1.7") == .violated)
        #expect(VersionConstraint.poetry("*") == .any)
    }

    @Test func condaSpecs() {
        func verdict(_ spec: String, _ version: String) -> VersionConstraint.Verdict {
            VersionConstraint.conda(spec).verdict(for: version)
        }
        #expect(verdict("=1.26", "1.26.4") == .satisfied)
        #expect(verdict("=1.26.4=py311h_0", "1.26.4") == .satisfied)
        #expect(verdict("=3.11", "3.12") == .violated)
        #expect(verdict("==1.26.4", "1.26.3") == .violated)
        #expect(verdict(" 1.26.4 py311_0", "1.26.4") == .satisfied)
        #expect(verdict(" 1.26*", "1.26.2") == .satisfied)
        #expect(verdict(">=1.2,<2|>=3", "3.1") == .satisfied)
        #expect(verdict(">=1.2,<2|>=3", "2.5") == .violated)
        #expect(verdict("[version='>=1.26']", "1.25") == .violated)
        #expect(verdict("=1.1.1", "1.1.1w") == .unsure)
        #expect(verdict("==1.1.1w", "1.1.1w") == .satisfied)
        #expect(verdict("", "9") == .satisfied)
    }

    @Test func environmentMarkers() {
        #expect(RequirementMarker.evaluate("python_version < \"3.12\"", python: "3.11.7") == true)
        #expect(RequirementMarker.evaluate("python_version < \"3.12\"", python: "3.12") == false)
        #expect(RequirementMarker.evaluate("\"3.9\" <= python_version", python: "3.8") == false)
        #expect(RequirementMarker.evaluate("python_full_version >= '3.11.4'", python: "3.11") == nil)
        #expect(RequirementMarker.evaluate("sys_platform == 'linux'", python: "3.11") == nil)
        #expect(
            RequirementMarker.evaluate("sys_platform == 'linux' and python_version < '3.9'", python: "3.11") == false)
        #expect(
            RequirementMarker.evaluate("sys_platform == 'linux' or python_version < '3.12'", python: "3.11") == true)
        #expect(
            RequirementMarker.evaluate(
                "(python_version >= '3.9' and python_version < '3.10') or extra == 'gpu'", python: "3.9") == true)
        #expect(RequirementMarker.evaluate("python_version < '3.12'", python: nil) == nil)
        #expect(RequirementMarker.evaluate("python_version <", python: "3.11") == nil)
    }
}
