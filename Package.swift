// swift-tools-version:6.0
import PackageDescription

// The layers of docs/architecture.md, one target each, so the compiler holds the arrows:
//   CCurl, COpenSSL, CCares ← EdgeCheckNet ← EdgeCheckModel ← EdgeCheckChecks ─┐
//                                             EdgeCheckModel ← EdgeCheckReport ─┴ EdgeCheckRun ← edgecheck
// A target imports only what its line below names; nothing below `edgecheck` prints.
let package = Package(
    name: "edgecheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "edgecheck", targets: ["edgecheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The Prometheus text exposition format (`/probe`, `/metrics`, `--prometheus` files).
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The sockets and event loop under `edgecheck serve` (FlyingSocks only: the FlyingFox HTTP layer
        // links FoundationNetworking, and with it libcurl at load time, which edgecheck opens itself).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcurl from Debian's libcurl4-openssl-dev: curl.h at build time, the library opened at
        // run time (see Sources/CCurl/include/CCurl.h).
        .target(name: "CCurl"),
        // System libraries from Debian: libssl-dev, libc-ares-dev.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCares", pkgConfig: "libcares", providers: [.apt(["libc-ares-dev"])]),
        // Addresses, DNS, probes over libcurl, certificates over OpenSSL, the network's failure
        // classes; `Resolving` and `Probing`, the seams a unit test replaces.
        .target(name: "EdgeCheckNet", dependencies: ["CCurl", "COpenSSL", "CCares"]),
        // The `Check` protocol, settings and suite errors, findings, statuses, results, the run report.
        .target(name: "EdgeCheckModel", dependencies: ["EdgeCheckNet", .product(name: "Yams", package: "Yams")]),
        // One folder per kind, and the registry of kinds.
        .target(name: "EdgeCheckChecks", dependencies: ["EdgeCheckModel", "EdgeCheckNet"]),
        // One reporter per format; it sees results, never a kind or the network.
        .target(name: "EdgeCheckReport",
                dependencies: ["EdgeCheckModel", .product(name: "Prometheus", package: "swift-prometheus")]),
        // Suite loading, the built-in suite, the runner, watch and serve.
        .target(name: "EdgeCheckRun",
                dependencies: ["EdgeCheckChecks", "EdgeCheckReport", .product(name: "Yams", package: "Yams"),
                               .product(name: "Prometheus", package: "swift-prometheus"),
                               .product(name: "FlyingSocks", package: "FlyingFox")]),
        .executableTarget(
            name: "edgecheck",
            dependencies: ["EdgeCheckRun", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // A scripted network (`ScriptedNetwork`) standing in for `Resolving`/`Probing`, and real
        // local servers (openssl s_server with a test PKI) for the tests of every layer.
        .target(name: "EdgeCheckTestSupport", dependencies: ["EdgeCheckNet"], path: "Tests/EdgeCheckTestSupport"),
        .testTarget(name: "EdgeCheckNetTests", dependencies: ["EdgeCheckNet", "EdgeCheckTestSupport"]),
        .testTarget(name: "EdgeCheckModelTests", dependencies: ["EdgeCheckModel"]),
        .testTarget(name: "EdgeCheckChecksTests",
                    dependencies: ["EdgeCheckChecks", "EdgeCheckTestSupport", .product(name: "Yams", package: "Yams")]),
        // Golden report files are read from the source tree (#filePath), not bundled as resources.
        // The tests draw real kind data (the tls-timing waterfall), so they need the kinds too.
        .testTarget(name: "EdgeCheckReportTests", dependencies: ["EdgeCheckReport", "EdgeCheckChecks"], exclude: ["Golden"]),
        .testTarget(name: "EdgeCheckRunTests", dependencies: ["EdgeCheckRun", "EdgeCheckTestSupport"]),
        // Runs the built binary: exit codes, signals, reports on disk. Needs no lab.
        .testTarget(name: "EdgeCheckCLITests", dependencies: ["EdgeCheckRun", "edgecheck", "EdgeCheckTestSupport"]),
        // Integration tests against the lab (lab/up, lab/down), one at a time.
        .testTarget(name: "EdgeCheckLabTests", dependencies: ["EdgeCheckRun"]),
    ]
)
