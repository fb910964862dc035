import DossierCore
import DossierModel
import Foundation

/// What `ProjectLoader.configure` decides before any document is read.
package struct ProjectSettings: Sendable {
    /// The project folder, standardized.
    package var root: URL
    /// `dossier.yml` (or `mkdocs.yml`) with the command line's options applied.
    package var config: ProjectConfig
    /// Warnings about the configuration file (an error would have thrown).
    package var configFindings: [Finding]
    /// The output folder, absolute.
    package var outputURL: URL
    /// The output folder relative to the root, when it lies inside the project.
    package var outputInside: String?
}
