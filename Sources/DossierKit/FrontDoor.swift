import DossierChecks
import DossierCore
import DossierServe
import DossierSite

// The types a program that embeds Dossier (and the `dossier` command line) works with. They live
// in the stage that makes them; these names make `import DossierKit` enough to use them.

/// One problem found in the project: where, how severe, which rule.
public typealias Finding = DossierCore.Finding
/// `error` or `warning`.
public typealias Severity = DossierCore.Severity
/// A file, line and column in the project.
public typealias SourceLocation = DossierCore.SourceLocation
/// A document's health: fresh, unknown, stale, drift or broken.
public typealias HealthState = DossierCore.HealthState
/// The project cannot be read; nothing was written.
public typealias ProjectError = DossierCore.ProjectError
/// Command-line overrides of dossier.yml.
public typealias BuildOptions = DossierChecks.BuildOptions
/// A project after every check: documents, findings and health.
public typealias LoadedProject = DossierChecks.LoadedProject
/// Sets a document's verification baseline.
public typealias DocumentVerifier = DossierChecks.DocumentVerifier
/// What a build wrote, with its summary line.
public typealias BuildReport = DossierSite.BuildReport
/// The site refuses to replace an output folder it did not make.
public typealias OutputRefusal = DossierSite.OutputWriter.Refusal
/// `dossier serve`: build, serve on loopback, rebuild on change.
public typealias DevServer = DossierServe.DevServer
/// `serve`'s in-memory incremental rebuild, for the end-to-end tests that compare it with a build.
package typealias IncrementalSite = DossierServe.IncrementalSite
