import MLServe
import Testing

/// The connection keys of `limits:` in serve.yaml.
@Suite struct ConnectionLimitsConfigurationTests {
    @Test func keysAndDefaults() throws {
        let defaults = try ServeConfiguration.parse(yaml: "limits: {max_batch_rows: 10}").limits
        #expect(defaults.idleTimeoutSeconds == 60)
        #expect(defaults.readTimeoutSeconds == 30)
        #expect(defaults.maxConnections == 10_000)
        let set = try ServeConfiguration.parse(
            yaml: "limits: {idle_timeout_seconds: 5, read_timeout_seconds: 2.5, max_connections: 100}"
        ).limits
        #expect(set.idleTimeoutSeconds == 5)
        #expect(set.readTimeoutSeconds == 2.5)
        #expect(set.maxConnections == 100)
        #expect(set.maxBatchRows == 1000)
    }

    @Test(arguments: [
        "idle_timeout_seconds: 0", "idle_timeout_seconds: -1", "read_timeout_seconds: .nan",
        "read_timeout_seconds: .inf", "idle_timeout_seconds: 86401", "max_connections: 0", "max_connections: -5",
    ])
    func outOfRangeValuesAreRefused(_ entry: String) {
        #expect(throws: ServeError.self) { try ServeConfiguration.parse(yaml: "limits: {\(entry)}") }
    }
}
