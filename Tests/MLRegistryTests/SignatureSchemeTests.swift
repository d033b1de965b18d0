import Foundation
import GRDB
@testable import MLRegistry
import Testing

/// Scheme v2 signs name, version and hash; scheme v1 (hash only) still verifies.
@Suite struct SignatureSchemeTests {
    func code(_ body: () throws -> Void) -> RegistryError.Code? {
        do { try body() } catch let e as RegistryError { return e.code } catch { return nil }
        return nil
    }

    @Test func theV2MessageNamesModelVersionAndHash() throws {
        let key = ArtifactSigningKey.generate()
        let sha = String(repeating: "ab", count: 32)
        #expect(ArtifactVerificationKey.message(model: "fraud", version: 3, sha256: sha) == "mlregistry-artifact-v2:fraud:3:" + sha)
        let signature = try key.signature(model: "fraud", version: 3, sha256: sha)
        let public_ = key.verificationKey
        #expect(public_.isValidSignature(signature, model: "fraud", version: 3, sha256: sha))
        #expect(!public_.isValidSignature(signature, model: "fraud", version: 4, sha256: sha))
        #expect(!public_.isValidSignature(signature, model: "fraux", version: 3, sha256: sha))
        #expect(!public_.isValidSignature(signature, forSHA256: sha))
        #expect(!public_.isValidSignature(signature, model: "fraud", version: 3, sha256: String(repeating: "cd", count: 32)))
    }

    @Test func aV2SignatureCannotBeMovedToAnotherVersionOrModel() throws {
        let t = try TestRegistry()
        let key = ArtifactSigningKey.generate()
        try t.register(key: key)
        try t.register()  // version 2: the same bytes, unsigned
        try t.register("other")  // another model, the same bytes
        _ = try t.registry.loadArtifact("fraud", .number(1), trustedKeys: [key.verificationKey])
        let stored = try #require(
            try DatabaseQueue(path: t.registry.path).read { db in
                try String.fetchOne(db, sql: "SELECT artifact_signature FROM model_versions WHERE id = 1")
            })
        #expect(stored.hasPrefix("v2:"))
        let publicKey = Data(key.verificationKey.rawRepresentation).base64EncodedString()
        for id in ["2", "3"] {
            try TamperTool.execute(
                t.registry.path, "UPDATE model_versions SET artifact_signature = ?, signing_public_key = ? WHERE id = ?",
                [stored, publicKey, id])
        }
        #expect(code { _ = try t.registry.loadArtifact("fraud", .number(2), trustedKeys: [key.verificationKey]) } == .signatureInvalid)
        #expect(code { _ = try t.registry.loadArtifact("other", .number(1), trustedKeys: [key.verificationKey]) } == .signatureInvalid)
    }

    @Test func aV1SignatureStillVerifiesUnderItsOldMeaning() throws {
        let t = try TestRegistry()
        let key = ArtifactSigningKey.generate()
        let version = try t.register()
        let legacy = Data(try key.legacySignature(forSHA256: version.artifactSHA256)).base64EncodedString()
        try TamperTool.execute(
            t.registry.path, "UPDATE model_versions SET artifact_signature = ?, signing_public_key = ? WHERE id = 1",
            [legacy, Data(key.verificationKey.rawRepresentation).base64EncodedString()])
        _ = try t.registry.loadArtifact("fraud", .number(1), trustedKeys: [key.verificationKey])
        #expect(try t.registry.version("fraud", .number(1)).signingKeyID == key.verificationKey.keyID)
        // Still only by the trusted key, and still only over the recorded hash.
        let other = ArtifactSigningKey.generate()
        #expect(code { _ = try t.registry.loadArtifact("fraud", .number(1), trustedKeys: [other.verificationKey]) } == .signatureInvalid)
        let wrongHash = Data(try key.legacySignature(forSHA256: String(repeating: "0", count: 64))).base64EncodedString()
        try TamperTool.execute(t.registry.path, "UPDATE model_versions SET artifact_signature = ? WHERE id = 1", [wrongHash])
        #expect(code { _ = try t.registry.loadArtifact("fraud", .number(1)) } == .signatureInvalid)
    }
}
