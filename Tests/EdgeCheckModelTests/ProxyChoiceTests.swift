import Testing
@testable import EdgeCheckModel

@Suite struct ProxyChoiceTests {
    @Test func credentialsCountOnlyWhenEveryPartIsAVariable() {
        #expect(ProxyChoice.hasLiteralCredentials("http://${USER}:${PASSWORD}@p:3128") == false)
        #expect(ProxyChoice.hasLiteralCredentials("http://${CREDENTIALS}@p:3128") == false)
        #expect(ProxyChoice.hasLiteralCredentials("http://p:3128") == false)
        #expect(ProxyChoice.hasLiteralCredentials("http://user:${PASSWORD}@p:3128") == true)
        #expect(ProxyChoice.hasLiteralCredentials("http://user:secret@p:3128") == true)
    }

    @Test func readsNoneEnvAndURLs() {
        #expect((try? ProxyChoice.parse("none").get()) == ProxyChoice.none)
        #expect((try? ProxyChoice.parse("env").get()) == .env)
        #expect((try? ProxyChoice.parse("socks5://127.0.0.1:1080").get()) != nil)
        #expect((try? ProxyChoice.parse("direct").get()) == nil)
    }
}
