// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "edgecheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "edgecheck", targets: ["edgecheck"]),
        .library(name: "EdgeCheckCore", targets: ["EdgeCheckCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libcurl from Debian's libcurl4-openssl-dev: curl.h at build time, the library opened at
        // run time (see Sources/CCurl/include/CCurl.h).
        .target(name: "CCurl"),
        // System libraries from Debian: libssl-dev, libc-ares-dev.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCares", pkgConfig: "libcares", providers: [.apt(["libc-ares-dev"])]),
        .target(
            name: "EdgeCheckCore",
            dependencies: ["CCurl", "COpenSSL", "CCares", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "edgecheck",
            dependencies: ["EdgeCheckCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Golden report files are read from the source tree (#filePath), not bundled as resources.
        .testTarget(name: "EdgeCheckCoreTests", dependencies: ["EdgeCheckCore"], exclude: ["Golden"]),
        // Runs the built binary: exit codes, signals, reports on disk. Needs no lab. Also reads
        // the executable's two command-line parsers side by side.
        .testTarget(name: "EdgeCheckCLITests", dependencies: ["EdgeCheckCore", "edgecheck"]),
        // Integration tests against the lab (lab/up, lab/down), one at a time.
        .testTarget(name: "EdgeCheckLabTests", dependencies: ["EdgeCheckCore"]),
    ]
)
