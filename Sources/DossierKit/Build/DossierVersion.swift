import DossierThemeData

extension Dossier {
    /// The release version, from the repository's `VERSION` file, compiled in at build time
    /// (`DossierVersion.current`; `make dist` names the tarball and wheel from the same file):
    /// `--version`, JSON reports and baselines (`toolVersion`) and SARIF's driver carry it.
    public static let version = DossierVersion.current
}
