import DossierCore
import Foundation
import FoundationXML

#if canImport(FoundationXML)
#endif

/// The labels a Label Studio labeling config (`<View>…</View>` XML) offers annotators.
///
/// Every `<Label>` and `<Choice>` is collected with the control tag it belongs to
/// (`<Labels>`, `<RectangleLabels>`, `<Choices>`, `<Taxonomy>`, …: the nearest enclosing tag
/// with a `toName` attribute). Annotations store a label's `alias` when it has one and its
/// `value` otherwise, so both are kept.
package struct LabelStudioConfig: Sendable, Hashable {
    package struct Label: Sendable, Hashable {
        package var value: String
        package var alias: String?
        /// `Label` or `Choice`.
        package var tag: String
        package var line: Int

        /// Whether a documented class names this label, by value or by alias.
        package func isNamed(by documentedClass: String) -> Bool {
            value == documentedClass || alias == documentedClass
        }
    }

    package struct Control: Sendable, Hashable {
        /// The control's tag (`RectangleLabels`) and `name` attribute.
        package var tag: String
        package var name: String?
        package var line: Int
        package var labels: [Label]
    }

    package var path: String
    /// Controls with at least one fixed label, in document order. Labels drawn from task data
    /// (`value="$options"`) cannot be known from the config and are left out.
    package var controls: [Control]

    package var labels: [Label] { controls.flatMap(\.labels) }

    package static func load(_ path: String, projectRoot: URL) throws(DriftFileProblem) -> LabelStudioConfig {
        let reader = ProjectFiles(projectRoot: projectRoot)
        let clean = ProjectFiles.normalize(path) ?? path
        return try parse(reader.text(clean), path: clean)
    }

    package static func parse(_ text: String, path: String) throws(DriftFileProblem) -> LabelStudioConfig {
        // A labeling config needs no DTD; refusing one rules out entity-expansion bombs.
        if let entity = text.range(of: "<!ENTITY", options: .caseInsensitive) {
            let line = 1 + text[..<entity.lowerBound].filter(\.isNewline).count
            throw DriftFileProblem(
                path: path, line: line, reason: "invalid Label Studio config: entity declarations are not allowed")
        }
        let collector = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        if !parser.parse() || collector.failure != nil {
            let failure = collector.failure ?? (parser.lineNumber, parser.columnNumber, parser.parserError)
            throw DriftFileProblem(
                path: path, line: max(1, failure.line), column: max(1, failure.column),
                reason: "invalid XML: \(describe(failure.error))"
            )
        }
        guard collector.sawElement else {
            throw DriftFileProblem(path: path, reason: "invalid XML: no element found")
        }
        return LabelStudioConfig(path: path, controls: collector.controls.filter { !$0.labels.isEmpty })
    }

    /// Words for the parser's error. Both FoundationXML and Apple's XMLParser report libxml2's
    /// error numbers, so they are matched by number.
    private static func describe(_ error: (any Error)?) -> String {
        guard let error else { return "the text is not well-formed" }
        let code = (error as NSError).code
        switch code {
        case 4: return "no element found"
        case 5: return "the document ends before every tag is closed, or has text after its root element"
        case 9: return "it contains a character XML does not allow"
        case 23, 26, 27: return "an entity reference is malformed or unknown (write & as &amp;)"
        case 38: return "an attribute value contains '<' (write &lt;)"
        case 39, 40, 43, 44: return "an attribute value is not quoted or not closed"
        case 41: return "an attribute has no value"
        case 42: return "an attribute is given twice"
        case 68: return "a tag has no name"
        case 73, 77: return "a tag is not closed with '>'"
        case 76: return "a closing tag does not match its opening tag"
        default: return "the text is not well-formed (XML parser error \(code))"
        }
    }

    /// Walks the XML once; a class because XMLParser's delegate must be an object.
    private final class Collector: NSObject, XMLParserDelegate {
        package var controls: [Control] = []
        package var failure: (line: Int, column: Int, error: (any Error)?)?
        package var sawElement = false
        /// Open elements: the index into `controls` for control tags, nil for others.
        private var stack: [Int?] = []

        package func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            sawElement = true
            let tag = elementName.lowercased()
            if tag == "label" || tag == "choice",
                let value = attributes["value"], !value.hasPrefix("$"),
                let owner = stack.last(where: { $0 != nil }) ?? nil
            {
                controls[owner].labels.append(
                    Label(
                        value: value, alias: attributes["alias"].flatMap { $0.isEmpty ? nil : $0 },
                        tag: elementName, line: parser.lineNumber
                    ))
            }
            if attributes["toName"] != nil || attributes["toname"] != nil {
                controls.append(
                    Control(tag: elementName, name: attributes["name"], line: parser.lineNumber, labels: []))
                stack.append(controls.count - 1)
            } else {
                stack.append(nil)
            }
        }

        package func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if !stack.isEmpty { stack.removeLast() }
        }

        package func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if failure == nil { failure = (parser.lineNumber, parser.columnNumber, parseError) }
        }
    }
}
