// swift-tools-version:6.0
import PackageDescription

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
        // Debian's cmark-gfm; only Markdown/CMarkParser.swift imports it.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Themes/default and VERSION compiled in (EmbedThemeDataPlugin), so a copied binary runs
        // without a Themes/ folder beside it. Depends on nothing, so any target may use it.
        .target(name: "DossierThemeData", plugins: ["EmbedThemeDataPlugin"]),
        .executableTarget(name: "EmbedThemeData"),
        .plugin(name: "EmbedThemeDataPlugin", capability: .buildTool(), dependencies: ["EmbedThemeData"]),
        .target(
            name: "DossierKit",
            dependencies: [
                "CCmarkGFM",
                "DossierThemeData",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DossierKitTests",
            dependencies: ["DossierKit", "DossierThemeData"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
