import Foundation
import MLRegistry
import MLServe
import Testing

/// Serving from the registry with `trusted_keys`: only versions signed by a trusted key load,
/// at start and at reload.
@Suite struct TrustedKeyServeTests {
    let dir = ScratchDirectory()
    let registry: ModelRegistry
    let trusted = ArtifactSigningKey.generate()
    let trustedFile: String

    /// Versions: 1 signed by the trusted key, 2 unsigned, 3 signed by another key (its public
    /// key stored beside the artifact: self-attested).
    init() throws {
        registry = try ModelRegistry.create(
            at: dir.file("reg.sqlite"),
            options: .init(durability: .normal, gatePolicy: GatePolicy(requiredEvidence: [], gatedAliases: [])))
        trustedFile = dir.file("trusted.pub")
        try trusted.verificationKey.write(to: trustedFile)
        for key in [trusted, nil, ArtifactSigningKey.generate()] {
            var registration = Registration(name: "fraud", artifactPath: Fixtures.xgbBinary)
            registration.signingKey = key
            _ = try registry.register(registration)
        }
    }

    func engine(serving version: Int, trustedKeys: [String]) throws -> ScoringEngine {
        try registry.setAlias("champion", model: "fraud", version: version)
        var configuration = ServeConfiguration(name: "fraud", variants: ["champion": VariantConfiguration(alias: "champion")])
        configuration.predictionLog.enabled = false
        configuration.trustedKeys = trustedKeys
        return try ScoringEngine(configuration: configuration, registry: registry)
    }

    @Test func onlyVersionsSignedByATrustedKeyStart() throws {
        let accepted = try engine(serving: 1, trustedKeys: [trustedFile])
        try accepted.start()
        #expect(accepted.models().map(\.version) == ["1"])

        let unsigned = try engine(serving: 2, trustedKeys: [trustedFile])
        let notSigned = #expect(throws: ServeError.self) { try unsigned.start() }
        #expect(notSigned?.code == .loadFailed)
        #expect(notSigned?.message.contains("version 2 of 'fraud' is not signed") == true)
        #expect(!unsigned.isReady)

        let selfAttested = try engine(serving: 3, trustedKeys: [trustedFile])
        let untrusted = #expect(throws: ServeError.self) { try selfAttested.start() }
        #expect(untrusted?.code == .loadFailed)
        #expect(untrusted?.message.contains("not a trusted key") == true)
    }

    @Test func withoutTrustedKeysEveryIntactVersionStarts() throws {
        for version in 1...3 {
            let engine = try engine(serving: version, trustedKeys: [])
            try engine.start()
            #expect(engine.models().map(\.version) == [String(version)])
        }
    }

    @Test func aReloadToAnUntrustedVersionIsRefusedAndTheOldOneKeepsServing() throws {
        let engine = try engine(serving: 1, trustedKeys: [trustedFile])
        try engine.start()
        let row = [Float](repeating: 0.3, count: 8)
        for version in [2, 3] {
            try registry.setAlias("champion", model: "fraud", version: version)
            let refused = #expect(throws: ServeError.self) { try engine.reload() }
            #expect(refused?.code == .loadFailed)
            #expect(engine.models().map(\.version) == ["1"])
            #expect(try engine.score(row).version == "1")
        }
        // A fourth version signed by the trusted key is taken.
        var registration = Registration(name: "fraud", artifactPath: Fixtures.xgbBinary)
        registration.signingKey = trusted
        let v4 = try registry.register(registration)
        try registry.setAlias("champion", model: "fraud", version: v4.version)
        try engine.reload()
        #expect(try engine.score(row).version == "4")
    }

    @Test func aTrustedKeyFileThatIsNotAPublicKeyIsAConfigurationError() throws {
        let privateFile = dir.file("private.key")
        try trusted.write(to: privateFile)
        for path in [privateFile, dir.file("missing.pub")] {
            let error = #expect(throws: ServeError.self) { _ = try engine(serving: 1, trustedKeys: [path]) }
            #expect(error?.code == .invalidConfiguration)
            #expect(error?.message.contains(path) == true)
        }
    }

    @Test func serveYAMLReadsTrustedKeysAndTheSourcesFlag() throws {
        let configuration = try ServeConfiguration.parse(
            yaml: "trusted_keys: [a.pub, b.pub]\nexpose_model_sources: true\nprediction_log: {max_bytes: 4096}\n")
        #expect(configuration.trustedKeys == ["a.pub", "b.pub"])
        #expect(configuration.exposeModelSources)
        #expect(configuration.predictionLog.maxBytes == 4096)
        let defaults = try ServeConfiguration.parse(yaml: "name: x\n")
        #expect(defaults.trustedKeys.isEmpty && !defaults.exposeModelSources)
        #expect(defaults.predictionLog.maxBytes == 64 << 20)
    }
}
