// swift-tools-version:6.0
import PackageDescription

// The library is one target per pipeline stage; each may import only the stages before it.
// These dependency lists are the allowed edges: `scripts/check-layers.py` (run by `make test`)
// fails when a source file imports a target its own target does not list here.
//
//   DossierCore → DossierFormats → DossierMarkdown → DossierModel → DossierChecks
//     → DossierSite → DossierServe → DossierKit → dossier
let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DossierKit", targets: ["DossierKit"]),
        .executable(name: "dossier", targets: ["dossier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // pyproject.toml, poetry.lock and uv.lock for environment drift checks.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Debian's cmark-gfm; only DossierMarkdown's CMarkParser.swift imports it.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The system's SQLite, to read MLflow's default tracking store (mlflow.db); only
        // DossierChecks' MLflowSQLiteReader.swift imports it.
        .systemLibrary(
            name: "CSQLite3",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(name: "DossierCore"),
        // Themes/default and VERSION compiled in (EmbedThemeDataPlugin), so a copied binary runs
        // without a Themes/ folder beside it. Depends on nothing, so any target may use it.
        .target(name: "DossierThemeData", plugins: ["EmbedThemeDataPlugin"]),
        .executableTarget(name: "EmbedThemeData"),
        .plugin(name: "EmbedThemeDataPlugin", capability: .buildTool(), dependencies: ["EmbedThemeData"]),
        .target(
            name: "DossierFormats",
            dependencies: [
                "DossierCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(name: "DossierMarkdown", dependencies: ["DossierCore", "CCmarkGFM"]),
        .target(name: "DossierModel", dependencies: ["DossierCore", "DossierFormats", "DossierMarkdown"]),
        .target(
            name: "DossierChecks",
            dependencies: ["DossierCore", "DossierFormats", "DossierMarkdown", "DossierModel", "CSQLite3"]
        ),
        .target(
            name: "DossierSite",
            dependencies: [
                "DossierCore", "DossierFormats", "DossierMarkdown", "DossierModel", "DossierChecks", "DossierThemeData",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "DossierServe", dependencies: ["DossierCore", "DossierModel", "DossierChecks", "DossierSite"]),
        .target(
            name: "DossierKit",
            dependencies: [
                "DossierCore", "DossierFormats", "DossierModel", "DossierChecks", "DossierSite", "DossierServe",
                "DossierThemeData",
            ]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Tests follow the targets; DossierTestSupport builds projects and git histories for them.
        .target(
            name: "DossierTestSupport",
            dependencies: ["DossierCore", "DossierFormats", "DossierModel", "DossierChecks"],
            path: "Tests/DossierTestSupport"),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore"]),
        .testTarget(
            name: "DossierFormatsTests", dependencies: ["DossierCore", "DossierFormats", "DossierTestSupport"]),
        .testTarget(
            name: "DossierMarkdownTests", dependencies: ["DossierCore", "DossierMarkdown", "DossierTestSupport"]),
        .testTarget(
            name: "DossierModelTests",
            dependencies: ["DossierCore", "DossierMarkdown", "DossierModel", "DossierChecks", "DossierTestSupport"]),
        .testTarget(
            name: "DossierChecksTests",
            dependencies: [
                "DossierCore", "DossierFormats", "DossierMarkdown", "DossierModel", "DossierChecks",
                "DossierTestSupport",
            ]),
        .testTarget(
            name: "DossierSiteTests",
            dependencies: ["DossierCore", "DossierModel", "DossierSite", "DossierThemeData", "DossierTestSupport"]),
        .testTarget(name: "DossierServeTests", dependencies: ["DossierCore", "DossierServe", "DossierTestSupport"]),
        .testTarget(
            name: "DossierKitTests",
            dependencies: [
                "DossierCore", "DossierModel", "DossierChecks", "DossierSite", "DossierKit", "DossierTestSupport",
            ]
        ),
    ]
)
