import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct DNSServerParsingTests {
    @Test func systemMeansTheMachinesResolver() {
        #expect(DNSServer(parsing: "system") == .system)
    }

    @Test func addressWithoutPortUsesPort53() {
        #expect(DNSServer(parsing: "127.0.53.1") == .address(host: "127.0.53.1", port: 53))
        #expect(DNSServer(parsing: "::1") == .address(host: "::1", port: 53))
        #expect(DNSServer(parsing: "[::1]") == .address(host: "::1", port: 53))
    }

    @Test func addressWithPort() {
        #expect(DNSServer(parsing: "127.0.53.1:10053") == .address(host: "127.0.53.1", port: 10053))
        #expect(DNSServer(parsing: "[2001:DB8::53]:5353") == .address(host: "2001:db8::53", port: 5353))
    }

    @Test func descriptionReadsBack() {
        for text in ["system", "127.0.53.1:10053", "[::1]:53"] {
            #expect(DNSServer(parsing: text)?.description == text)
        }
    }

    @Test(arguments: [
        "", "System", "localhost", "127.0.53.1:", "127.0.53.1:0", "127.0.53.1:65536", "127.0.53.1:+53",
        "127.0.53.1:53:53", "[127.0.53.1]:53", "[::1]53", "[::1", "::1]:53", "2001:db8::1:99999x", "1.2.3:53",
        "127.0.53.1:5 3",
    ])
    func rejectsEverythingElse(_ text: String) {
        #expect(DNSServer(parsing: text) == nil)
    }
}
