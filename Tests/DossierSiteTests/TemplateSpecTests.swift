import DossierTestSupport
import Foundation
import Mustache
import Testing

@testable import DossierSite

/// The compiled renderer (`CompiledTemplates`) against the official Mustache spec's core files
/// (Tests/Fixtures/mustache-spec): every case compiles and renders what the spec expects, which
/// is what swift-mustache renders from the same data (JSON null is a missing value here).
@Suite struct TemplateSpecTests {
    /// The spec's JSON data, as the typed values views hand to templates.
    indirect enum JSON: Decodable, Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case array([JSON])
        case object([String: JSON])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Int.self) {
                self = .int(number)
            } else if let number = try? container.decode(Double.self) {
                self = .double(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let items = try? container.decode([JSON].self) {
                self = .array(items)
            } else {
                self = .object(try container.decode([String: JSON].self))
            }
        }

        var value: TemplateValue? {
            switch self {
            case .null: nil
            case let .bool(flag): .bool(flag)
            case let .int(number): .int(number)
            // Views have no decimals; both engines get the text swift-mustache prints for one.
            case let .double(number): .string(String(describing: number))
            case let .string(text): .string(text)
            case let .array(items): .list(List(items: items.compactMap(\.value)))
            case let .object(fields): .object(Object(fields: fields))
            }
        }
    }

    struct Object: TemplateObject {
        var fields: [String: JSON]
        func value(named name: String) -> TemplateValue? { fields[name]?.value }
    }

    struct List: TemplateList {
        var items: [TemplateValue]
        var templateCount: Int { items.count }
        func templateItem(at index: Int) -> TemplateValue { items[index] }
        var mustacheValue: Any { items.map(\.mustacheValue) }
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var data: JSON
        var template: String
        var partials: [String: String]?
        var expected: String
        var file = ""

        enum CodingKeys: String, CodingKey { case name, data, template, partials, expected }

        var testDescription: String { "\(file): \(name)" }
    }

    struct SpecFile: Decodable { var tests: [Case] }

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]

    static func cases() throws -> [Case] {
        var cases: [Case] = []
        for file in files {
            let url = Repository.root.appendingPathComponent("Tests/Fixtures/mustache-spec/\(file).json")
            let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
            cases += spec.tests.map { test in
                var test = test
                test.file = file
                return test
            }
        }
        return cases
    }

    @Test func theSpecIsRead() throws {
        #expect(try Self.cases().count > 130)
    }

    @Test(arguments: try cases())
    func rendersAsSwiftMustache(_ test: Case) throws {
        let texts = (test.partials ?? [:]).merging(["test": test.template]) { _, template in template }
        let compiled = CompiledTemplates(texts: texts)
        #expect(compiled.isCompiled("test"), "\(compiled.leftOut)")
        let library = MustacheLibrary(templates: try texts.mapValues { try MustacheTemplate(string: $0) })
        let root = try #require(test.data.value)
        let ours = compiled.render("test", root: root)
        let theirs = library.render(root.mustacheValue, withTemplate: "test")
        #expect(ours == theirs)
        #expect(ours == test.expected)
    }
}
