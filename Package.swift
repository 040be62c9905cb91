// swift-tools-version:6.0
import PackageDescription

/// Junction's modules follow the data's path: text -> tokens (JunctionTokenizer)
/// -> vectors (JunctionEncoder) -> ... -> the `junction` executable.
let package = Package(
    name: "Junction",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "junction", targets: ["Junction"]),
        .library(name: "JunctionTokenizer", targets: ["JunctionTokenizer"]),
        .library(name: "JunctionEncoder", targets: ["JunctionEncoder"]),
        .library(name: "JunctionEmbeddings", targets: ["JunctionEmbeddings"]),
        .library(name: "JunctionIndex", targets: ["JunctionIndex"]),
        .library(name: "JunctionJSON", targets: ["JunctionJSON"]),
        .library(name: "JunctionRouter", targets: ["JunctionRouter"]),
        .library(name: "JunctionCache", targets: ["JunctionCache"]),
        .library(name: "JunctionGuard", targets: ["JunctionGuard"]),
        .library(name: "JunctionGateway", targets: ["JunctionGateway"]),
        .library(name: "JunctionRedis", targets: ["JunctionRedis"]),
        .library(name: "JunctionLimits", targets: ["JunctionLimits"]),
        .library(name: "JunctionSessions", targets: ["JunctionSessions"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // OpenBLAS through CBLAS on Linux; Accelerate is used instead on Apple platforms.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Register-blocked matrix product over weights packed at load time
        // (small batches, where BLAS libraries spend their time re-packing).
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "JunctionTokenizer"),
        .target(
            name: "JunctionEncoder",
            dependencies: [
                "JunctionTokenizer",
                "CKernels",
                .target(name: "CBLAS", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
        // Which embedder a vectorizer descriptor names (local models, OpenAI and Azure OpenAI embeddings), each
        // made once, behind RedisVL's embeddings cache: on the data path after the encoder.
        .target(
            name: "JunctionEmbeddings",
            dependencies: [
                "JunctionEncoder",
                "JunctionJSON",
                "JunctionRedis",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "JunctionIndex", dependencies: ["CKernels"]),
        // JSON as RedisVL (Python) writes it, and RedisVL's content hashes: shared by the router and the cache.
        .target(name: "JunctionJSON", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Junction's own Redis client: RESP2/3 on SwiftNIO (no Redis client package is available here).
        .target(
            name: "JunctionRedis",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "JunctionRouter",
            dependencies: [
                "JunctionEncoder",
                "JunctionIndex",
                "JunctionJSON",
                "JunctionRedis",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // API keys, rate limits and token budgets: in process, or on Redis exactly across instances.
        .target(
            name: "JunctionLimits",
            dependencies: [
                "JunctionIndex",
                "JunctionJSON",
                "JunctionRedis",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Conversations: RedisVL's message history on Redis, or in process.
        .target(name: "JunctionSessions", dependencies: ["JunctionIndex", "JunctionRedis"]),
        .target(
            name: "JunctionCache",
            dependencies: ["JunctionEncoder", "JunctionIndex", "JunctionJSON", "JunctionRedis"]
        ),
        // The prompt guard: PII recognizers, the token and attack heads over the encoder's pass, the policy,
        // redaction and restore (no HTTP).
        .target(
            name: "JunctionGuard",
            dependencies: [
                "JunctionEncoder",
                "JunctionTokenizer",
                "JunctionJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
        // The OpenAI-compatible HTTP gateway: route, cache, forward and stream.
        .target(
            name: "JunctionGateway",
            dependencies: [
                "JunctionCache",
                "JunctionEmbeddings",
                "JunctionEncoder",
                "JunctionJSON",
                "JunctionRedis",
                "JunctionRouter",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                "JunctionLimits",
                "JunctionSessions",
                "JunctionGuard",
            ]
        ),
        // A real HTTP server that plays an OpenAI-compatible backend (JSON and SSE), records what it received
        // and fails on demand: for the gateway's tests, its interop tests and `junction bench gateway`.
        .target(
            name: "JunctionFakeUpstream",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(
            name: "Junction",
            dependencies: [
                "JunctionCache",
                "JunctionEmbeddings",
                "JunctionEncoder",
                "JunctionFakeUpstream",
                "JunctionGateway",
                "JunctionGuard",
                "JunctionIndex",
                "JunctionJSON",
                "JunctionLimits",
                "JunctionRedis",
                "JunctionRouter",
                "JunctionSessions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Test helpers shared by the test targets (a real Redis per suite, RedisVL's MONITOR fixture); not a product.
        .target(
            name: "JunctionTestSupport",
            dependencies: ["JunctionRedis", .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .testTarget(name: "JunctionTokenizerTests", dependencies: ["JunctionTokenizer"], exclude: ["Fixtures"]),
        .testTarget(name: "JunctionEncoderTests", dependencies: ["JunctionEncoder", "JunctionTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "JunctionIndexTests", dependencies: ["JunctionIndex"]),
        .testTarget(
            name: "JunctionEmbeddingsTests",
            dependencies: [
                "JunctionEmbeddings",
                "JunctionEncoder",
                "JunctionFakeUpstream",
                "JunctionJSON",
                "JunctionRedis",
                "JunctionTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "JunctionRedisTests",
            dependencies: [
                "JunctionRedis",
                "JunctionTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "JunctionRouterTests",
            dependencies: ["JunctionRouter", "JunctionEncoder", "JunctionIndex", "JunctionJSON", "JunctionTestSupport", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "JunctionSessionsTests", dependencies: ["JunctionSessions", "JunctionRedis", "JunctionTestSupport"]),
        .testTarget(
            name: "JunctionLimitsTests",
            dependencies: ["JunctionLimits", "JunctionRedis", "JunctionTestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "JunctionCacheTests", dependencies: ["JunctionCache", "JunctionEncoder", "JunctionJSON", "JunctionRedis", "JunctionTestSupport"]),
        .testTarget(
            name: "JunctionGatewayTests",
            dependencies: [
                "JunctionGateway",
                "JunctionGuard",
                "JunctionEncoder",
                "JunctionIndex",
                "JunctionFakeUpstream",
                "JunctionTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "JunctionGuardTests", dependencies: ["JunctionGuard", "JunctionEncoder", "JunctionTokenizer"]),
        // Runs the built `junction` binary as a user would (the dependency makes `swift test` build it).
        .testTarget(name: "JunctionCLITests", dependencies: ["Junction"]),
    ],
    swiftLanguageModes: [.v6]
)
