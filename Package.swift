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
        // libcmark, libqrencode and zlib from the system (apt: libcmark-dev, libqrencode-dev, zlib1g-dev; Scripts/ensure-deps
        // installs them). Their headers and libraries are in the system's default folders, so no pkg-config: its
        // `-L/usr/lib/...` would come first on the link line and defeat Scripts/release's static libcmark.
        .systemLibrary(name: "CCmark", providers: [.apt(["libcmark-dev"])]),
        // For the QR codes of briefing packs: headers only, the library is opened at run time (see QRCode).
        .systemLibrary(name: "CQRencode", providers: [.apt(["libqrencode-dev"])]),
        // For the gzipped search bundle and receipts' CRC-32.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // One system call Swift's Glibc module leaves out: renameat2(RENAME_EXCHANGE), the atomic swap of two folders.
        .target(name: "CFileSwap"),
        // glibc's malloc_trim, which the Glibc module leaves out: freed memory given back between build stages.
        .target(name: "CMemory"),
        // The commit a release was built from (`Scripts/release` defines it), for `handbook --version`.
        .target(name: "CBuildInfo"),
        // What `handbook init` writes: starter/ (a small handbook in each language, CI files, a README) embedded.
        .target(name: "HandbookStarter", plugins: ["EmbedTheme"]),
        // Value types shared by every stage: pages, people, settings, diagnostics, URLs.
        .target(name: "HandbookModel", dependencies: ["CMemory"]),
        // Reading content/: files, front matter, Markdown rendering.
        .target(
            name: "HandbookContent",
            dependencies: ["HandbookModel", "CCmark", "CZlib", .product(name: "Yams", package: "Yams")]
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
        // The theme: the default one embedded from theme/ at build time, a handbook's own theme folder over
        // it, templates compiled, UI strings, assets.
        .target(
            name: "HandbookTheme",
            dependencies: ["HandbookModel", "HandbookContent", "HandbookValidation",
                           .product(name: "Mustache", package: "swift-mustache"), .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedTheme"]
        ),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .executableTarget(name: "ThemeEmbedder"),
        // Where a build's files go: sinks (a folder, only changed files, memory), the output diff, the atomic publisher.
        .target(name: "HandbookOutput", dependencies: ["HandbookModel", "HandbookContent", "CFileSwap"]),
        // Rendering one state of the handbook: relations, page contexts, layout, templates, history pages,
        // feeds, sitemap, search documents.
        .target(
            name: "HandbookRender",
            dependencies: ["HandbookModel", "HandbookContent", "HandbookValidation", "HandbookHistory", "HandbookSearch", "HandbookTheme",
                           "HandbookOutput", "CQRencode"]
        ),
        // The engine: the site's state and index, the planner, the executor, the build cache, the pipeline.
        .target(
            name: "HandbookSite",
            dependencies: [
                "HandbookModel", "HandbookContent", "HandbookValidation", "HandbookHistory", "HandbookSearch", "HandbookTheme",
                "HandbookOutput", "HandbookRender",
            ]
        ),
        // The state the preview server holds and brings up to date edit by edit (watching stays in the server).
        .target(
            name: "HandbookLive",
            dependencies: ["HandbookSite", "HandbookRender", "HandbookOutput", "HandbookTheme", "HandbookModel", "HandbookContent",
                           "HandbookValidation", "HandbookHistory", "HandbookSearch"]
        ),
        // The preview server: HTTP on loopback, watching, live reload, error overlay.
        // Its own target: only it (and the command line) pulls in Hummingbird.
        .target(
            name: "HandbookServer",
            dependencies: [
                "HandbookLive", "HandbookSite", "HandbookOutput", "HandbookModel", "HandbookValidation", "HandbookTheme",
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
                "CBuildInfo", "HandbookStarter", "HandbookSite", "HandbookOutput", "HandbookServer", "HandbookValidation", "HandbookModel", "HandbookContent", "HandbookSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "HandbookTestSupport", dependencies: ["HandbookModel", "HandbookSearch"], path: "Tests/HandbookTestSupport"),
        .testTarget(name: "HandbookContentTests", dependencies: ["HandbookContent", "HandbookTestSupport"]),
        .testTarget(name: "HandbookValidationTests", dependencies: ["HandbookValidation", "HandbookContent", "HandbookTestSupport"]),
        .testTarget(name: "HandbookHistoryTests", dependencies: ["HandbookHistory", "HandbookTestSupport"]),
        .testTarget(name: "HandbookSearchTests", dependencies: ["HandbookSearch", "HandbookTestSupport"]),
        .testTarget(name: "HandbookBrowserTests", dependencies: ["HandbookSite", "HandbookOutput", "HandbookTestSupport"]),
        .testTarget(name: "HandbookSiteTests", dependencies: ["HandbookSite", "HandbookLive", "HandbookRender", "HandbookOutput", "HandbookTheme", "HandbookHistory",
                                                             "HandbookSearch", "HandbookTestSupport"]),
        // Starts the real `handbook serve` (so it depends on the executable) and drives it over HTTP and in Chromium.
        .testTarget(name: "HandbookServerTests", dependencies: ["handbook", "HandbookServer", "HandbookLive", "HandbookSite", "HandbookTestSupport"]),
        .testTarget(name: "HandbookCLITests", dependencies: ["handbook", "HandbookTestSupport", .product(name: "Yams", package: "Yams")]),
    ]
)
