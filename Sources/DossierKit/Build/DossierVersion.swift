extension Dossier {
    /// The release version. The repository's `VERSION` file is the source of truth (`make dist`
    /// names the tarball and wheel from it); a test keeps this constant equal to it. When the
    /// build embeds `VERSION` itself (the `dist` branch's `DossierVersion.current`), this becomes
    /// that constant.
    public static let version = "0.1.0"
}
