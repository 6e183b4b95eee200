import Foundation
import Testing

/// A suite full of secrets, through every reporter: no secret value reaches stdout, stderr or
/// a report file, even when a plugin prints what it was given and a URL carries a token.
@Suite struct SecretsInReportsTests {
    private let secrets = ["SECRET_TOKEN": "hunter2-token-value", "SECRET_ENV": "env-secret-98765",
                           "SECRET_QUERY": "query-secret-4242", "SECRET_TARGET": "target-secret-777"]

    private func suite(_ edgecheck: EdgeCheckBinary) throws {
        // The plugin tells everything it got: argv and the env value, in its summary and perfdata label.
        try edgecheck.plugin("plugins/leaky", #"echo "got $2 and $TOKEN | $2=1;2;3"; echo "detail $2 $TOKEN"; exit 2"#)
        try edgecheck.file("edgecheck.yaml", """
            name: secrets
            target: https://127.0.0.1:1/?t=${SECRET_TARGET}
            checks:
              - id: plugin
                kind: exec
                command: plugins/leaky
                args: ["--password", "${SECRET_TOKEN}"]
                env: {TOKEN: "${SECRET_ENV}"}
              - id: canary
                kind: xff-echo
                url: https://127.0.0.1:1/canary?token=${SECRET_QUERY}
                client-ip: 127.0.0.9
                timeout: 1s
              - id: front
                kind: redirect
                url: http://127.0.0.1:1/?t=${SECRET_TARGET}
                timeout: 1s
            """)
    }

    @Test(arguments: ["table", "json", "junit", "tap"])
    func noReporterShowsASecret(format: String) throws {
        let edgecheck = try EdgeCheckBinary()
        try suite(edgecheck)
        let output = try edgecheck.run(["run", "--format", format, "-v", "--json", "also.json", "--junit", "also.xml"],
                                       environment: secrets)
        #expect(output.status == 1, "\(output.stderr)")
        let files = try ["also.json", "also.xml"].map { try edgecheck.read($0) }
        for (name, text) in [("stdout", output.stdout), ("stderr", output.stderr)] + zip(["also.json", "also.xml"], files) {
            for (variable, value) in secrets {
                #expect(!text.contains(value), "\(variable) in \(name): \(text)")
            }
        }
        // The plugin did get the secret, and the report shows the suite's own text in its place.
        #expect(output.stdout.contains("got ${SECRET_TOKEN} and ${SECRET_ENV}") || format == "junit"
                && files[1].contains("${SECRET_TOKEN}"))
        #expect(files[0].contains("--password") && files[0].contains("${SECRET_TOKEN}"))
    }

    @Test func credentialsInATargetAreRefusedWithoutRepeatingThem() throws {
        let edgecheck = try EdgeCheckBinary()
        let output = try edgecheck.run(["run", "--target", "https://admin:pa55word-xyz@www.edgecheck.test/"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("the URL carries a user name or password"))
        #expect(!output.stderr.contains("pa55word-xyz") && !output.stdout.contains("pa55word-xyz"))
    }

    @Test func aSuiteErrorQuotingASecretShowsTheReference() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.file("edgecheck.yaml", """
            checks:
              - kind: xff-echo
                url: "https://www.edgecheck.test/?t=${SECRET_TOKEN} x"
            """)
        let output = try edgecheck.run(["validate", "edgecheck.yaml"], environment: secrets)
        #expect(output.status == 2)
        #expect(output.stderr.contains("edgecheck.yaml:3"), "\(output.stderr)")
        #expect(output.stderr.contains("${SECRET_TOKEN}"), "\(output.stderr)")
        #expect(!output.stderr.contains("hunter2-token-value"))
    }
}
