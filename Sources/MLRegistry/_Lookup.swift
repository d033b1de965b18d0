import FoundationEssentials
import GRDB

/// Row lookups shared by the registry's operations; all run inside a caller's transaction.
enum _Lookup {
    struct ModelRow {
        var id: Int
        var name: String
        var lastVersion: Int
    }

    struct VersionRow {
        var id: Int
        var modelID: Int
        var number: Int
        var stage: ModelStage
        var sha256: String
        var size: Int
        var evidence: Evidence
        var artifactSignature: String?
        var signingPublicKey: String?
    }

    static func model(_ db: Database, named name: String) throws -> ModelRow? {
        guard let row = try Row.fetchOne(
                db, sql: "SELECT id, name, last_version FROM registered_models WHERE name = ?", arguments: [name])
        else { return nil }
        let r = _RowReader(row, "registered_models")
        return ModelRow(id: try r.int("id"), name: try r.text("name"), lastVersion: try r.int("last_version"))
    }

    static func requireModel(_ db: Database, named name: String) throws -> ModelRow {
        guard let m = try model(db, named: name) else {
            throw RegistryError(.notFound, "no model named '\(name)'", context: ["model": name])
        }
        return m
    }

    static let versionColumns =
        "id, model_id, version, stage, artifact_sha256, artifact_size, evidence, artifact_signature, signing_public_key"

    static func versionRow(_ row: Row) throws -> VersionRow {
        let r = _RowReader(row, "model_versions")
        return VersionRow(
            id: try r.int("id"), modelID: try r.int("model_id"), number: try r.int("version"), stage: try r.stage("stage"),
            sha256: try r.text("artifact_sha256"), size: try r.int("artifact_size"), evidence: try r.evidence("evidence"),
            artifactSignature: try r.optionalText("artifact_signature"),
            signingPublicKey: try r.optionalText("signing_public_key"))
    }

    /// The version `reference` of `model`.
    /// - Throws: `.notFound` naming the model and the reference.
    static func version(_ db: Database, model: ModelRow, _ reference: VersionReference) throws -> VersionRow {
        let row: Row?
        switch reference {
        case .number(let n):
            row = try Row.fetchOne(
                db, sql: "SELECT \(versionColumns) FROM model_versions WHERE model_id = ? AND version = ?",
                arguments: [model.id, n])
        case .latest:
            row = try Row.fetchOne(
                db,
                sql: "SELECT \(versionColumns) FROM model_versions WHERE model_id = ? ORDER BY version DESC LIMIT 1",
                arguments: [model.id])
        case .alias(let alias):
            row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(versionColumns) FROM model_versions
                    WHERE id = (SELECT version_id FROM aliases WHERE model_id = ? AND alias = ?)
                    """,
                arguments: [model.id, alias])
        }
        guard let row else {
            let what: String
            switch reference {
            case .number(let n): what = "no version \(n) of '\(model.name)'"
            case .latest: what = "model '\(model.name)' has no versions"
            case .alias(let a): what = "model '\(model.name)' has no alias '\(a)'"
            }
            throw RegistryError(.notFound, what, context: ["model": model.name, "version": reference.description])
        }
        return try versionRow(row)
    }

    /// The full public record of a version.
    static func modelVersion(_ db: Database, versionID: Int) throws -> ModelVersion {
        guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT v.*, m.name AS model_name FROM model_versions v
                    JOIN registered_models m ON m.id = v.model_id WHERE v.id = ?
                    """,
                arguments: [versionID])
        else {
            throw RegistryError(.notFound, "no model version with id \(versionID)")
        }
        let aliases = try aliasNames(db, versionID: versionID)
        return try modelVersion(row, aliases: aliases)
    }

    static func aliasNames(_ db: Database, versionID: Int) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT alias FROM aliases WHERE version_id = ? ORDER BY alias", arguments: [versionID])
            .map { try _RowReader($0, "aliases").text("alias") }
    }

    static func modelVersion(_ row: Row, aliases: [String]) throws -> ModelVersion {
        let r = _RowReader(row, "model_versions")
        let publicKey = try r.optionalText("signing_public_key")
        return ModelVersion(
            name: try r.text("model_name"), version: try r.int("version"), runID: try r.optionalInt("run_id"),
            artifactSHA256: try r.text("artifact_sha256"), artifactSize: try r.int("artifact_size"),
            format: try r.optionalText("format"), metrics: try r.doubleMap("metrics"),
            featureSetVersion: try r.optionalText("feature_set_version"), signature: try r.optionalJSON("signature"),
            description: try r.optionalText("description"), evidence: try r.evidence("evidence"),
            stage: try r.stage("stage"), aliases: aliases, signingKeyID: try publicKey.map { try keyID(base64: $0) },
            createdAt: try r.time("created_at"), createdBy: try r.text("created_by"))
    }

    static func keyID(base64: String) throws -> String {
        try verificationKey(base64: base64).keyID
    }

    static func verificationKey(base64: String) throws -> ArtifactVerificationKey {
        guard let raw = Data(base64Encoded: base64) else {
            throw RegistryError(
                .corruptRecord, "model_versions.signing_public_key is not base64",
                context: ["table": "model_versions", "column": "signing_public_key"])
        }
        do {
            return try ArtifactVerificationKey(rawRepresentation: Array(raw))
        } catch {
            throw RegistryError(
                .corruptRecord, "model_versions.signing_public_key is not an Ed25519 key",
                context: ["table": "model_versions", "column": "signing_public_key"])
        }
    }

    /// Checks a name (model, alias, experiment, evidence kind): non-empty, at most 200
    /// bytes, no control characters.
    static func validateName(_ name: String, what: String) throws {
        guard !name.isEmpty, name.utf8.count <= 200, !name.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 })
        else {
            throw RegistryError(
                .invalidInput, "\(what) must be 1…200 bytes without control characters", context: [what: name])
        }
    }
}
