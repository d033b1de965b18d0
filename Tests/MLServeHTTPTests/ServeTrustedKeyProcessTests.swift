import Foundation
import MLRegistry
import MLTesting
import Testing

/// `mlctl serve --trusted-key`: a registry version not signed by a trusted key is refused at
/// start with exit 2 and the reason.
@Suite struct ServeTrustedKeyProcessTests {
    @Test func unsignedAndSelfAttestedVersionsAreRefusedAtStart() throws {
        let mlctl = try #require(BuiltProducts.path("mlctl"), "mlctl is built by `swift test` next to the tests")
        let dir = NSTemporaryDirectory() + "/mlserve-trust-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/reg.sqlite"
        let registry = try ModelRegistry.create(
            at: db, options: .init(durability: .normal, gatePolicy: GatePolicy(requiredEvidence: [], gatedAliases: [])))
        let trusted = ArtifactSigningKey.generate()
        try trusted.verificationKey.write(to: dir + "/trusted.pub")
        var selfAttested = Registration(name: "fraud", artifactPath: Fixtures.xgbBinary)
        selfAttested.signingKey = ArtifactSigningKey.generate()
        _ = try registry.register(Registration(name: "fraud", artifactPath: Fixtures.xgbBinary))
        _ = try registry.register(selfAttested)
        let expected = [1: "version 1 of 'fraud' is not signed", 2: "which is not a trusted key"]
        for version in [1, 2] {
            try registry.setAlias("champion", model: "fraud", version: version)
            let result = try runProcess(
                mlctl,
                ["serve", "--registry", db, "--name", "fraud", "--trusted-key", dir + "/trusted.pub", "--port", "0"])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains(expected[version] ?? "?"), "\(result.stderr)")
        }
    }
}
