import COpenSSL
import Foundation

/// What the OCSP response a server stapled to its handshake says about its leaf.
///
/// The response is matched to the leaf by its certificate id (issuer name and key hashes and
/// serial) when the issuer was served, else by serial alone. Its signature is not verified: a
/// forged `revoked` can only make a check fail, never pass, and clients that enforce stapling
/// refuse a response they cannot verify in the same way.
public struct StapledOCSP: Sendable, Equatable, Encodable {
    public enum Status: String, Sendable, Encodable {
        /// The responder vouches for the certificate.
        case good
        /// The responder says the certificate was revoked.
        case revoked
        /// The responder does not know the certificate.
        case unknown
        /// The server stapled nothing.
        case absent
        /// Something was stapled, but it is not a successful OCSP response about this leaf.
        case invalid
    }

    public var status: Status
    public var revokedAt: Date?
    /// RFC 5280 reason, e.g. `keyCompromise`, when the responder gave one.
    public var reason: String?
    public var thisUpdate: Date?
    public var nextUpdate: Date?
    /// Why an `invalid` response is invalid.
    public var problem: String?

    public init(status: Status, revokedAt: Date? = nil, reason: String? = nil, thisUpdate: Date? = nil,
                nextUpdate: Date? = nil, problem: String? = nil) {
        self.status = status
        self.revokedAt = revokedAt
        self.reason = reason
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.problem = problem
    }

    enum CodingKeys: String, CodingKey {
        case status, reason, problem
        case revokedAt = "revoked_at"
        case thisUpdate = "this_update"
        case nextUpdate = "next_update"
    }

    /// Every key written, null when unknown; dates in RFC 3339.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(revokedAt.map { $0.formatted(.iso8601) }, forKey: .revokedAt)
        try container.encode(reason, forKey: .reason)
        try container.encode(thisUpdate.map { $0.formatted(.iso8601) }, forKey: .thisUpdate)
        try container.encode(nextUpdate.map { $0.formatted(.iso8601) }, forKey: .nextUpdate)
        try container.encode(problem, forKey: .problem)
    }

    /// Reads `response` (DER, nil when nothing was stapled) about `leaf`, issued by `issuer`
    /// when the server sent it.
    public static func read(_ response: Data?, leaf: Certificate, issuer: Certificate?) -> StapledOCSP {
        guard let response, !response.isEmpty else { return StapledOCSP(status: .absent) }
        defer { ERR_clear_error() }
        let parsed = response.withUnsafeBytes { bytes -> OpaquePointer? in
            var cursor = bytes.bindMemory(to: UInt8.self).baseAddress
            return d2i_OCSP_RESPONSE(nil, &cursor, bytes.count)
        }
        guard let parsed else { return invalid("the stapled bytes are not an OCSP response") }
        defer { OCSP_RESPONSE_free(parsed) }
        let responseStatus = OCSP_response_status(parsed)
        guard responseStatus == OCSP_RESPONSE_STATUS_SUCCESSFUL else {
            let text = OCSP_response_status_str(Int(responseStatus)).map { String(cString: $0) } ?? "status \(responseStatus)"
            return invalid("the stapled OCSP response is not successful (\(text))")
        }
        guard let basic = OCSP_response_get1_basic(parsed) else { return invalid("the stapled OCSP response has no basic response") }
        defer { OCSP_BASICRESP_free(basic) }
        guard let leafX509 = leaf.makeX509() else { return invalid("the leaf cannot be read") }
        defer { X509_free(leafX509) }
        let issuerX509 = issuer?.makeX509()
        defer { issuerX509.map { X509_free($0) } }

        guard let single = matchingResponse(in: basic, leaf: leafX509, issuer: issuerX509) else {
            return invalid("the stapled OCSP response is about another certificate")
        }
        var reasonCode: Int32 = -1
        var revoked: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
        var thisUpdate: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
        var nextUpdate: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?
        let status = OCSP_single_get0_status(single, &reasonCode, &revoked, &thisUpdate, &nextUpdate)
        var result = StapledOCSP(status: .unknown, thisUpdate: date(thisUpdate), nextUpdate: date(nextUpdate))
        switch status {
        case V_OCSP_CERTSTATUS_GOOD:
            result.status = .good
        case V_OCSP_CERTSTATUS_REVOKED:
            result.status = .revoked
            result.revokedAt = date(revoked)
            if reasonCode >= 0 { result.reason = OCSP_crl_reason_str(Int(reasonCode)).map { String(cString: $0) } }
        default:
            result.status = .unknown
        }
        return result
    }

    private static func invalid(_ problem: String) -> StapledOCSP {
        StapledOCSP(status: .invalid, problem: problem)
    }

    /// The single response about `leaf`: by full certificate id with the issuer, else by serial.
    private static func matchingResponse(in basic: OpaquePointer, leaf: OpaquePointer, issuer: OpaquePointer?) -> OpaquePointer? {
        if let issuer, let id = OCSP_cert_to_id(nil, leaf, issuer) {
            defer { OCSP_CERTID_free(id) }
            let index = OCSP_resp_find(basic, id, -1)
            if index >= 0 { return OCSP_resp_get0(basic, index) }
        }
        guard let serial = X509_get0_serialNumber(leaf) else { return nil }
        for index in 0..<OCSP_resp_count(basic) {
            guard let single = OCSP_resp_get0(basic, index), let id = OCSP_SINGLERESP_get0_id(single) else { continue }
            var number: UnsafeMutablePointer<ASN1_INTEGER>?
            guard OCSP_id_get0_info(nil, nil, nil, &number, id) == 1, let number else { continue }
            if ASN1_INTEGER_cmp(number, serial) == 0 { return single }
        }
        return nil
    }

    private static func date(_ time: UnsafeMutablePointer<ASN1_GENERALIZEDTIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
