import Foundation
import EdgeCheckNet

/// Certificates made with the `openssl` command for one test run, in a temporary folder:
/// a root CA, an intermediate, leaves for www.edgecheck.test (good, expired, another host, no
/// SAN, from an unrelated CA, a self-signed one for pinning) and an odd DN.
public final class TestPKI: @unchecked Sendable {
    /// Generated once per process: key generation is the slow part.
    public static let shared: TestPKI = {
        do { return try TestPKI() } catch { fatalError("cannot generate test certificates: \(error)") }
    }()

    public let folder: URL

    private init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgecheck-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ca("root", subject: "/O=Edge Test/CN=Test Root CA")
        try ca("other-ca", subject: "/O=Other Test/CN=Other CA")
        try request("intermediate", subject: "/O=Edge Test/CN=Test Issuing CA")
        try sign("intermediate", by: "root", days: 30, extensions: "basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign")
        let san = "subjectAltName=DNS:www.edgecheck.test,IP:127.0.0.1"
        try leaf("good", subject: "/CN=www.edgecheck.test", by: "intermediate", days: 20, extensions: san)
        try leaf("expired", subject: "/CN=www.edgecheck.test", by: "intermediate", days: -1, extensions: san)
        try leaf("wronghost", subject: "/CN=www.edgecheck.test", by: "intermediate", days: 20,
                 extensions: "subjectAltName=DNS:other.edgecheck.test")
        try leaf("nosan", subject: "/CN=www.edgecheck.test", by: "intermediate", days: 20, extensions: "")
        try leaf("stranger", subject: "/CN=www.edgecheck.test", by: "other-ca", days: 20, extensions: san)
        try leaf("oddname", subject: "/C=GB/O=Edge, Test+OU=Ops/CN=a\\+b", by: "intermediate", days: 20,
                 extensions: san, multivalued: true)
        // What clients refuse at OpenSSL security level 2: a 1024-bit RSA leaf, a leaf signed with
        // SHA-1, and a good leaf under an intermediate the root signed with SHA-1.
        try request("weakkey", subject: "/CN=www.edgecheck.test", key: ["rsa:1024"])
        try sign("weakkey", by: "intermediate", days: 20, extensions: san)
        try request("sha1leaf", subject: "/CN=www.edgecheck.test")
        try sign("sha1leaf", by: "intermediate", days: 20, extensions: san, digest: "-sha1")
        try request("sha1-intermediate", subject: "/O=Edge Test/CN=Test SHA-1 CA")
        try sign("sha1-intermediate", by: "root", days: 30,
                 extensions: "basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign", digest: "-sha1")
        try leaf("undersha1", subject: "/CN=www.edgecheck.test", by: "sha1-intermediate", days: 20, extensions: san)
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("selfsigned.key"),
                     "-out", path("selfsigned.pem"), "-subj", "/CN=ingress.edgecheck.test", "-days", "20",
                     "-addext", "subjectAltName=DNS:ingress.edgecheck.test"])
        // Served chains: leaf then intermediate.
        for name in ["good", "expired", "wronghost", "nosan", "oddname", "weakkey", "sha1leaf"] {
            try (text("\(name).pem") + text("intermediate.pem")).write(toFile: path("\(name)-chain.pem"), atomically: true,
                                                                         encoding: .utf8)
        }
        try (text("undersha1.pem") + text("sha1-intermediate.pem")).write(toFile: path("undersha1-chain.pem"),
                                                                            atomically: true, encoding: .utf8)
        // Stapled OCSP responses about the good leaf, signed by its issuer: good, revoked; and
        // one about another leaf.
        try ocspResponse("good-ocsp-good", about: "good", revoked: false)
        try ocspResponse("good-ocsp-revoked", about: "good", revoked: true)
        try ocspResponse("good-ocsp-other", about: "wronghost", revoked: false)
        // A hashed directory holding only the root: stands in for the system store.
        let store = folder.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: path("root.pem"), toPath: store.appendingPathComponent("root.pem").path)
        try openssl(["rehash", store.path])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    public func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    public func certificates(_ name: String) throws -> [Certificate] { try Certificate.parsePEM(text(name)) }

    /// The store folder holding just the test root, in the form OpenSSL looks up by hash.
    public var storeDirectory: String { path("store") }
    /// A store folder with nothing in it: no system CA trusts anything.
    public var emptyDirectory: String { path("empty") }

    /// Runs `openssl` with `arguments`, returning its stdout.
    @discardableResult
    public func openssl(_ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            try inPipe.fileHandleForWriting.write(contentsOf: input)
            try inPipe.fileHandleForWriting.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw POSIXError(.EINVAL, userInfo: ["openssl": arguments, "stderr": String(decoding: errors, as: UTF8.self)])
        }
        return data
    }

    /// `NAME.der`: the intermediate's OCSP answer about leaf `about` (as `openssl ocsp` serves it
    /// from a CA index), for `s_server -status_file`.
    private func ocspResponse(_ name: String, about leaf: String, revoked: Bool) throws {
        let serial = String(decoding: try openssl(["x509", "-in", path("\(leaf).pem"), "-serial", "-noout"]), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "serial=", with: "")
        let entry = revoked ? "R\t300101000000Z\t251101000000Z,keyCompromise\t\(serial)\tunknown\t/CN=www.edgecheck.test\n"
            : "V\t300101000000Z\t\t\(serial)\tunknown\t/CN=www.edgecheck.test\n"
        try entry.write(toFile: path("\(name).index"), atomically: true, encoding: .utf8)
        try openssl(["ocsp", "-issuer", path("intermediate.pem"), "-cert", path("\(leaf).pem"), "-no_nonce",
                     "-reqout", path("\(name).req")])
        try openssl(["ocsp", "-index", path("\(name).index"), "-rsigner", path("intermediate.pem"), "-rkey",
                     path("intermediate.key"), "-CA", path("intermediate.pem"), "-reqin", path("\(name).req"),
                     "-respout", path("\(name).der"), "-ndays", "1"])
    }

    private func ca(_ name: String, subject: String) throws {
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                     "-keyout", path("\(name).key"), "-out", path("\(name).pem"), "-subj", subject, "-days", "30"])
    }

    private func request(_ name: String, subject: String, multivalued: Bool = false,
                         key: [String] = ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]) throws {
        try openssl(["req", "-newkey"] + key + ["-nodes", "-keyout",
                     path("\(name).key"), "-out", path("\(name).csr"), "-subj", subject]
                    + (multivalued ? ["-multivalue-rdn"] : []))
    }

    private func sign(_ name: String, by issuer: String, days: Int, extensions: String, digest: String = "-sha256") throws {
        try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(issuer).pem"), "-CAkey",
                     path("\(issuer).key"), "-days", String(days), "-out", path("\(name).pem"),
                     "-extfile", path("\(name).ext"), digest])
    }

    private func leaf(_ name: String, subject: String, by issuer: String, days: Int, extensions: String,
                      multivalued: Bool = false) throws {
        try request(name, subject: subject, multivalued: multivalued)
        try sign(name, by: issuer, days: days, extensions: extensions)
    }
}
