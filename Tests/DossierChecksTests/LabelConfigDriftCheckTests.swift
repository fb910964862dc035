@testable import DossierChecks
@testable import DossierCore
@testable import DossierFormats
import DossierTestSupport
import Foundation
import Testing

@Suite struct LabelConfigDriftCheckTests {
    private static let config = """
        <View>
          <Image name="image" value="$image"/>
          <Header value="Which species is this penguin?"/>
          <Choices name="species" toName="image" choice="single" showInLine="true">
            <Choice value="Adelie"/>
            <Choice value="Chinstrap" hint="Thin black band under the head"/>
            <Choice value="Gentoo" alias="gentoo_penguin"/>
          </Choices>
          <RectangleLabels name="box" toName="image">
            <Label value="Penguin" background="#FFA39E"/>
            <Label value="Egg &amp; nest" background="#D4380D"/>
          </RectangleLabels>
          <Choices name="dynamic" toName="image" value="$options"/>
        </View>
        """

    private func check(
        _ classes: [String], _ project: DriftTestProject, config: String = "labeling/config.xml"
    ) -> [Finding] {
        LabelConfigDriftCheck(projectRoot: project.root).check(
            DocumentedLabeling(
                classes: classes, classesLocation: DriftTestProject.doc(9, "docs/labeling.md"),
                config: DocumentedPath(path: config, location: DriftTestProject.doc(12, "docs/labeling.md"))
            ))
    }

    @Test func configIsParsedWithControlsAndLines() throws {
        let config = try LabelStudioConfig.parse(Self.config, path: "labeling/config.xml")
        #expect(config.controls.map(\.name) == ["species", "box"])
        #expect(config.controls.map(\.tag) == ["Choices", "RectangleLabels"])
        #expect(config.labels.map(\.value) == ["Adelie", "Chinstrap", "Gentoo", "Penguin", "Egg & nest"])
        #expect(config.labels.map(\.line) == [5, 6, 7, 10, 11])
        #expect(config.labels[2].alias == "gentoo_penguin")
    }

    @Test func classesMatchingOneControlGiveNoFindings() {
        let project = DriftTestProject()
        project.write("labeling/config.xml", Self.config)
        #expect(check(["Adelie", "Chinstrap", "Gentoo"], project).isEmpty)
        #expect(check(["Gentoo", "Adelie", "Chinstrap", "Adelie"], project).isEmpty)  // order and repeats do not matter
        #expect(check(["Adelie", "Chinstrap", "gentoo_penguin"], project).isEmpty)  // alias is what annotations store
        #expect(check(["Penguin", "Egg & nest"], project).isEmpty)
        // Every control together.
        #expect(check(["Adelie", "Chinstrap", "Gentoo", "Penguin", "Egg & nest"], project).isEmpty)
    }

    @Test func mismatchListsMissingAndUndocumentedLabels() throws {
        let project = DriftTestProject()
        project.write("labeling/config.xml", Self.config)
        let findings = check(["Adelie", "chinstrap", "Emperor"], project)
        #expect(findings.map(\.rule) == [LabelConfigDriftCheck.classesMismatch])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.state == .drift)
        #expect(finding.location == DriftTestProject.doc(9, "docs/labeling.md"))
        #expect(
            finding.message == """
                documented classes differ from the <Choices name="species"> labels in labeling/config.xml: \
                missing from the config: chinstrap, Emperor; \
                configured but not documented: Chinstrap (line 6), Gentoo (line 7); \
                differ only in case: chinstrap vs Chinstrap
                """)
    }

    @Test func singleControlWithoutName() {
        let project = DriftTestProject()
        project.write(
            "config.xml",
            """
            <View>
              <Text name="text" value="$text"/>
              <Labels toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
            </View>
            """)
        #expect(check(["PER", "ORG"], project, config: "config.xml").isEmpty)
        #expect(
            check(["PER"], project, config: "config.xml").map(\.message) == [
                "documented classes differ from the <Labels> labels in config.xml: configured but not documented: ORG (line 3)"
            ])
    }

    @Test func configWithOnlyDynamicLabelsIsNotCompared() {
        let project = DriftTestProject()
        project.write(
            "config.xml",
            "<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"t\" value=\"$options\"/></View>")
        #expect(check(["a", "b"], project, config: "config.xml").isEmpty)
    }

    @Test func malformedXMLIsAFindingWithALine() throws {
        let project = DriftTestProject()
        project.write(
            "bad.xml", "<View>\n  <Choices name=\"c\" toName=\"t\">\n    <Choice value=\"a\">\n  </Choices>\n</View>\n")
        project.write("entity.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE v [\n<!ENTITY a \"aaaa\">\n]>\n<View/>\n")
        project.write("empty.xml", "")
        let bad = try #require(check(["a"], project, config: "bad.xml").first)
        #expect(bad.rule == DriftFileProblem.rule)
        #expect(bad.state == .broken)
        #expect(bad.location.path == "bad.xml")
        #expect(bad.location.line == 4)
        #expect(bad.message.hasPrefix("cannot read bad.xml: invalid XML: a closing tag does not match its opening tag"))
        #expect(bad.message.hasSuffix("(referenced from docs/labeling.md:12)"))
        let entity = try #require(check(["a"], project, config: "entity.xml").first)
        #expect(entity.location.line == 3)
        #expect(entity.message.contains("entity declarations are not allowed"))
        #expect(check(["a"], project, config: "empty.xml").first?.rule == DriftFileProblem.rule)
        #expect(
            check(["a"], project, config: "missing.xml").first?.message
                == "cannot read missing.xml: it does not exist (referenced from docs/labeling.md:12)")
    }
}
