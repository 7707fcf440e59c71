// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Handbook",
    products: [
        .executable(name: "handbook", targets: ["handbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
        // Already in Hummingbird's graph; named for the one channel handler the preview server adds.
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
    ],
    targets: [
        // libcmark from the system (apt: libcmark-dev).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // zlib from the system, for the gzipped search bundle.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // One system call Swift's Glibc module leaves out: renameat2(RENAME_EXCHANGE), the atomic swap of two folders.
        .target(name: "CFileSwap"),
        // Value types shared by every stage: pages, people, settings, diagnostics, URLs.
        .target(name: "HandbookModel"),
        // Reading content/: files, front matter, Markdown rendering.
        .target(
            name: "HandbookContent",
            dependencies: ["HandbookModel", "CCmark", .product(name: "Yams", package: "Yams")]
        ),
        // Every rule of the content contract.
        .target(name: "HandbookValidation", dependencies: ["HandbookModel"]),
        // One git pass for the whole handbook, old versions in one batch, word diffs.
        .target(name: "HandbookHistory", dependencies: ["HandbookModel"]),
        // The search index: tokenizer, Ukrainian/Russian/English stemmers, the sharded bundle.
        // Its inner loops touch local tables on every character: runtime exclusivity checks are off (measured: a
        // tenth of the indexing time); the compile-time checks stay.
        .target(name: "HandbookSearch", dependencies: ["HandbookModel", "CZlib"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        // The default theme, embedded so the tool works from any folder: generated from theme/ at build time.
        .target(name: "HandbookTheme", plugins: ["EmbedTheme"]),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .executableTarget(name: "ThemeEmbedder"),
        // Relations, templates, the build pipeline and the atomic writer.
        .target(
            name: "HandbookSite",
            dependencies: [
                "HandbookModel", "HandbookContent", "HandbookValidation", "HandbookHistory", "HandbookSearch", "HandbookTheme", "CFileSwap",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The preview server: the site held in memory, watching, incremental rebuilds, live reload, error overlay.
        // Its own target: only it (and the command line) pulls in Hummingbird.
        .target(
            name: "HandbookServer",
            dependencies: [
                "HandbookSite", "HandbookModel", "HandbookValidation", "HandbookTheme",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ]
        ),
        // The command line.
        .executableTarget(
            name: "handbook",
            dependencies: [
                "HandbookSite", "HandbookServer", "HandbookValidation", "HandbookModel", "HandbookContent", "HandbookSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "HandbookTestSupport", dependencies: ["HandbookModel"], path: "Tests/HandbookTestSupport"),
        .testTarget(name: "HandbookContentTests", dependencies: ["HandbookContent", "HandbookTestSupport"]),
        .testTarget(name: "HandbookValidationTests", dependencies: ["HandbookValidation", "HandbookContent", "HandbookTestSupport"]),
        .testTarget(name: "HandbookHistoryTests", dependencies: ["HandbookHistory", "HandbookTestSupport"]),
        .testTarget(name: "HandbookSearchTests", dependencies: ["HandbookSearch", "HandbookTestSupport"]),
        .testTarget(name: "HandbookBrowserTests", dependencies: ["HandbookSite", "HandbookTestSupport"]),
        .testTarget(name: "HandbookSiteTests", dependencies: ["HandbookSite", "HandbookTheme", "HandbookSearch", "HandbookTestSupport"]),
        // Starts the real `handbook serve` (so it depends on the executable) and drives it over HTTP and in Chromium.
        .testTarget(name: "HandbookServerTests", dependencies: ["handbook", "HandbookServer", "HandbookSite", "HandbookTestSupport"]),
        .testTarget(name: "HandbookCLITests", dependencies: ["handbook", "HandbookTestSupport"]),
    ]
)
