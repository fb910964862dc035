/// A theme's templates compiled for `TemplateRenderer`. A template the compiler does not handle,
/// or one that includes such a template as a partial, is left out: the theme renders it through
/// swift-mustache, so any template a user writes renders as it always did.
package struct CompiledTemplates: Sendable {
    /// The compiled templates, laid out for the renderer.
    private let program: TemplateProgram
    /// Why each template left out is left out, by name (for tests and diagnostics).
    package let leftOut: [String: String]

    /// Compiles `texts` (template name → text, all of which swift-mustache parsed).
    package init(texts: [String: String]) {
        var programs: [String: [TemplateNode]] = [:]
        var leftOut: [String: String] = [:]
        for (name, text) in texts {
            do {
                programs[name] = try TemplateCompiler.compile(text)
            } catch {
                leftOut[name] = "\(error)"
            }
        }
        // A partial swift-mustache would render must be compiled too; a missing one renders nothing
        // in both engines.
        var changed = true
        while changed {
            changed = false
            for name in programs.keys.sorted() {
                let missing = Self.partials(of: programs[name]!).sorted().first { leftOut[$0] != nil }
                if let missing {
                    programs[name] = nil
                    leftOut[name] = "includes \(missing), which is not compiled"
                    changed = true
                }
            }
        }
        self.leftOut = leftOut
        program = TemplateProgram(templates: programs)
    }

    /// Whether `name` renders through the compiled program.
    package func isCompiled(_ name: String) -> Bool { program.ranges[name] != nil }

    /// Renders `view` with the compiled template `name`; nil when it is not compiled.
    package func render(_ name: String, view: any TemplateObject, capacity: Int = 16_384) -> String? {
        render(name, root: .object(view), capacity: capacity)
    }

    /// Renders any value as the root context (the Mustache spec's data may be a list or a string).
    package func render(_ name: String, root: TemplateValue, capacity: Int = 16_384) -> String? {
        guard let range = program.ranges[name] else { return nil }
        var renderer = TemplateRenderer(program: program, capacity: capacity)
        return renderer.render(range, root: root)
    }

    private static func partials(of nodes: [TemplateNode]) -> Set<String> {
        var names: Set<String> = []
        for node in nodes {
            switch node {
            case let .partial(name, _): names.insert(name)
            case let .section(_, body, _): names.formUnion(partials(of: body))
            case .text, .variable: break
            }
        }
        return names
    }
}
