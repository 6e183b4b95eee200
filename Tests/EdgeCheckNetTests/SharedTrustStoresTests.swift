import COpenSSL
import Foundation
import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// The process-wide trust stores: one per trust while the CA file stays as it was, a new one once
/// it changes on disk, and a CA file that cannot be read said so by name.
@Suite struct SharedTrustStoresTests {
    let pki = TestPKI.shared

    /// A scratch copy of a test CA, so the test may rewrite it.
    func scratchCA(_ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ca.pem").path
        try pki.text(name).write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func theSameTrustSharesOneStoreUntilTheCAFileChanges() throws {
        let stores = SharedTrustStores()
        let caFile = try scratchCA("root.pem")
        let first = try stores.store(caFile: caFile, directory: "/nonexistent")
        let second = try stores.store(caFile: caFile, directory: "/nonexistent")
        defer { X509_STORE_free(first); X509_STORE_free(second) }
        #expect(first == second)
        let otherDirectory = try stores.store(caFile: caFile, directory: "/nonexistent-too")
        defer { X509_STORE_free(otherDirectory) }
        #expect(otherDirectory != first)

        // A rotated anchor: another CA, written in place (another size, another time).
        try (pki.text("other-ca.pem") + pki.text("root.pem")).write(toFile: caFile, atomically: true, encoding: .utf8)
        let rotated = try stores.store(caFile: caFile, directory: "/nonexistent")
        defer { X509_STORE_free(rotated) }
        #expect(rotated != first)
    }

    @Test func aMissingOrUnreadableCAFileIsSaidByName() throws {
        let stores = SharedTrustStores()
        #expect(throws: SharedTrustStores.LoadFailure.self) {
            _ = try stores.store(caFile: "/nonexistent/ca.pem", directory: "/nonexistent")
        }
        do {
            _ = try stores.store(caFile: "/nonexistent/ca.pem", directory: "/nonexistent")
        } catch {
            #expect(error.message == "cannot read the CA file /nonexistent/ca.pem")
        }
        let garbage = try scratchCA("root.pem")
        try "not a certificate\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        do {
            _ = try stores.store(caFile: garbage, directory: "/nonexistent")
            Issue.record("a CA file without certificates was accepted")
        } catch {
            #expect(error.message == "cannot read the CA file \(garbage) as PEM certificates")
        }
    }
}
