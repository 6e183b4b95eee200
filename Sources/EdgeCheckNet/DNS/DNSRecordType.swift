/// The record types a lookup may ask for.
public enum DNSRecordType: String, Sendable, CaseIterable, Codable {
    case a = "A"
    case aaaa = "AAAA"
}
