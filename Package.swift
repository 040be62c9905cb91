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
        .library(name: "JunctionIndex", targets: ["JunctionIndex"]),
        .library(name: "JunctionJSON", targets: ["JunctionJSON"]),
        .library(name: "JunctionRouter", targets: ["JunctionRouter"]),
        .library(name: "JunctionCache", targets: ["JunctionCache"]),
        .library(name: "JunctionRedis", targets: ["JunctionRedis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
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
        .target(
            name: "JunctionCache",
            dependencies: ["JunctionEncoder", "JunctionIndex", "JunctionJSON", "JunctionRedis"]
        ),
        .executableTarget(
            name: "Junction",
            dependencies: [
                "JunctionCache",
                "JunctionEncoder",
                "JunctionRedis",
                "JunctionRouter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JunctionTokenizerTests", dependencies: ["JunctionTokenizer"], exclude: ["Fixtures"]),
        .testTarget(name: "JunctionEncoderTests", dependencies: ["JunctionEncoder"], exclude: ["Fixtures"]),
        .testTarget(name: "JunctionIndexTests", dependencies: ["JunctionIndex"]),
        .testTarget(
            name: "JunctionRedisTests",
            dependencies: [
                "JunctionRedis",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "JunctionRouterTests",
            dependencies: ["JunctionRouter", "JunctionEncoder", "JunctionJSON", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "JunctionCacheTests", dependencies: ["JunctionCache", "JunctionEncoder", "JunctionJSON", "JunctionRedis"]),
        // Runs the built `junction` binary as a user would (the dependency makes `swift test` build it).
        .testTarget(name: "JunctionCLITests", dependencies: ["Junction"]),
    ],
    swiftLanguageModes: [.v6]
)
