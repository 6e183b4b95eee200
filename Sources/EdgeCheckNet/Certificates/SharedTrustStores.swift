import COpenSSL
import Foundation

/// The trust anchors verified connections use, loaded once per process and shared by every
/// connection that trusts the same things.
///
/// libcurl makes a new `SSL_CTX` for every connection and, with a CA directory set, loads the CA
/// file into it again each time: OpenSSL 3 decodes the PEM through its provider machinery, and
/// that was the largest part of a verified probe's CPU after the handshake's own arithmetic. A
/// store made here holds the same anchors with the same flags libcurl gives its own (the system
/// directory, looked up per issuer and remembered once found, plus the CA file), and is handed
/// to each connection's context by reference. OpenSSL locks a store for concurrent lookups, so
/// one store serves every thread.
///
/// A CA file that changes on disk (a rotated anchor under a long-running `serve`) is read again:
/// each use compares the file's size, modification time and inode with those it was read at.
final class SharedTrustStores: @unchecked Sendable {
    static let shared = SharedTrustStores()

    private struct Key: Hashable {
        var caFile: String?
        var directory: String
    }

    private struct Entry {
        var store: OpaquePointer
        var stamp: FileStamp?
    }

    /// What identifies one version of a file's content, cheaply.
    private struct FileStamp: Equatable {
        var size: Int64
        var modified: timespec
        var inode: UInt64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            size = Int64(info.st_size)
            modified = info.st_mtim
            inode = UInt64(info.st_ino)
        }

        static func == (lhs: FileStamp, rhs: FileStamp) -> Bool {
            lhs.size == rhs.size && lhs.inode == rhs.inode
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
        }
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]

    /// Why a store could not be made: the CA file cannot be read as certificates.
    struct LoadFailure: Error {
        var message: String
    }

    /// A store with the anchors of `directory` (a hashed directory) and `caFile`, with one
    /// reference the caller owns and gives back with `X509_STORE_free`.
    func store(caFile: String?, directory: String) throws(LoadFailure) -> OpaquePointer {
        let key = Key(caFile: caFile, directory: directory)
        let stamp = caFile.flatMap { FileStamp(path: $0) }
        if caFile != nil && stamp == nil {
            throw LoadFailure(message: "cannot read the CA file \(caFile!)")
        }
        lock.lock()
        defer { lock.unlock() }
        if let entry = entries[key], entry.stamp == stamp {
            X509_STORE_up_ref(entry.store)
            return entry.store
        }
        let store = try Self.makeStore(caFile: caFile, directory: directory)
        // Connections still using the old store hold references of their own.
        if let old = entries[key] { X509_STORE_free(old.store) }
        entries[key] = Entry(store: store, stamp: stamp)
        X509_STORE_up_ref(store)
        return store
    }

    /// The store as libcurl builds its own: the CA file and the directory, trusted certificates
    /// preferred over served ones when building the chain, and a chain that ends at any trusted
    /// certificate accepted (curl's default partial-chain behaviour).
    private static func makeStore(caFile: String?, directory: String) throws(LoadFailure) -> OpaquePointer {
        guard let store = X509_STORE_new() else { throw LoadFailure(message: "out of memory for the trust store") }
        if let caFile, X509_STORE_load_file(store, caFile) != 1 {
            ERR_clear_error()
            X509_STORE_free(store)
            throw LoadFailure(message: "cannot read the CA file \(caFile) as PEM certificates")
        }
        // A directory that does not exist holds no anchors; libcurl does not fail on one either.
        _ = X509_STORE_load_path(store, directory)
        ERR_clear_error()
        X509_STORE_set_flags(store, UInt(X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_PARTIAL_CHAIN))
        return store
    }
}
