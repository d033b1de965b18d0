import FoundationEssentials
import GRDB

extension ModelRegistry {
    // MARK: register

    /// Registers a new version: copies the artifact into the store (hashing it), signs the
    /// hash when a key is given, and records the version with the next number of its model
    /// (creating the model on its first version), all in one audited transaction.
    ///
    /// - Parameter actor: who registers (default ``Options/defaultActor``).
    /// - Returns: the new version (numbers start at 1 and are never reused).
    /// - Throws: ``RegistryError`` `.invalidInput` (bad name, non-finite metric, missing
    ///   artifact file), `.notFound` (unknown run), `.io`, `.database`.
    public func register(_ registration: Registration, actor: String? = nil) throws -> ModelVersion {
        let actor = actor ?? options.defaultActor
        try _Lookup.validateName(registration.name, what: "model")
        for (key, value) in registration.metrics where !value.isFinite {
            throw RegistryError(.invalidInput, "metric '\(key)' is not finite (\(value))", context: ["metric": key])
        }
        if let runID = registration.runID {
            try read { db in try Self.requireRun(db, id: runID) }
        }
        let (sha, size) = try store.store(fileAt: registration.artifactPath)
        let publicKey = registration.signingKey.map { Data($0.verificationKey.rawRepresentation).base64EncodedString() }
        let metricsText = RegistryJSON.object(registration.metrics.mapValues { .number($0) }).canonicalText
        let evidenceText = registration.evidence.json.canonicalText
        let signatureText = registration.signature?.canonicalText
        let time = now()
        return try write { db in
            var created = false
            let model: _Lookup.ModelRow
            if let existing = try _Lookup.model(db, named: registration.name) {
                model = existing
            } else {
                try db.execute(
                    sql: "INSERT INTO registered_models (name, last_version, created_at, created_by) VALUES (?, 0, ?, ?)",
                    arguments: [registration.name, time.millisecondsSince1970, actor])
                model = _Lookup.ModelRow(id: Int(db.lastInsertedRowID), name: registration.name, lastVersion: 0)
                created = true
            }
            if let runID = registration.runID { try Self.requireRun(db, id: runID) }
            let (number, overflow) = model.lastVersion.addingReportingOverflow(1)
            guard !overflow, number > 0 else {
                throw RegistryError(
                    .corruptRecord, "registered_models.last_version of '\(model.name)' is out of range",
                    context: ["table": "registered_models", "column": "last_version"])
            }
            try db.execute(
                sql: "UPDATE registered_models SET last_version = ? WHERE id = ?", arguments: [number, model.id])
            let signature = try registration.signingKey.map {
                try _StoredSignature.v2Prefix
                    + Data($0.signature(model: model.name, version: number, sha256: sha)).base64EncodedString()
            }
            try db.execute(
                sql: """
                    INSERT INTO model_versions (model_id, version, run_id, artifact_sha256, artifact_size, format,
                        metrics, feature_set_version, signature, description, evidence, stage, artifact_signature,
                        signing_public_key, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', ?, ?, ?, ?)
                    """,
                arguments: [
                    model.id, number, registration.runID, sha, size, registration.format, metricsText,
                    registration.featureSetVersion, signatureText, registration.description, evidenceText,
                    signature, publicKey, time.millisecondsSince1970, actor,
                ])
            let versionID = Int(db.lastInsertedRowID)
            var details: [String: RegistryJSON] = [
                "artifact_sha256": .string(sha), "artifact_size": .number(Double(size)), "new_model": .bool(created),
            ]
            if let runID = registration.runID { details["run_id"] = .number(Double(runID)) }
            if let key = registration.signingKey { details["signing_key_id"] = .string(key.verificationKey.keyID) }
            try _AuditLog.append(
                db, at: time, actor: actor, action: "register", model: model.name, version: number, reason: nil,
                details: details)
            return try _Lookup.modelVersion(db, versionID: versionID)
        }
    }

    /// Records more evidence for a version (a calibration check that ran after
    /// registration, say); a kind already recorded is replaced. Audited.
    /// - Throws: `.notFound` for an unknown model or version, `.invalidInput` for an empty kind.
    @discardableResult
    public func addEvidence(
        _ evidence: Evidence, model name: String, version number: Int, actor: String? = nil
    ) throws -> ModelVersion {
        let actor = actor ?? options.defaultActor
        for kind in evidence.items.keys { try _Lookup.validateName(kind, what: "evidence kind") }
        let time = now()
        return try write { db in
            let model = try _Lookup.requireModel(db, named: name)
            let version = try _Lookup.version(db, model: model, .number(number))
            var merged = version.evidence
            for (kind, item) in evidence.items { merged.items[kind] = item }
            try db.execute(
                sql: "UPDATE model_versions SET evidence = ? WHERE id = ?",
                arguments: [merged.json.canonicalText, version.id])
            try _AuditLog.append(
                db, at: time, actor: actor, action: "evidence", model: name, version: number, reason: nil,
                details: ["evidence": evidence.json])
            return try _Lookup.modelVersion(db, versionID: version.id)
        }
    }

    /// Deletes a version that nothing uses: no alias points to it, and it has no deployments
    /// or logged predictions (lineage would break). Its stage history goes with it; the
    /// audit log keeps the record. The artifact file stays (other versions may share it).
    /// - Throws: `.notFound`, `.conflict` naming what still uses it.
    public func deleteVersion(model name: String, version number: Int, actor: String? = nil, reason: String? = nil)
        throws
    {
        let actor = actor ?? options.defaultActor
        let time = now()
        try write { db in
            let model = try _Lookup.requireModel(db, named: name)
            let version = try _Lookup.version(db, model: model, .number(number))
            let aliases = try _Lookup.aliasNames(db, versionID: version.id)
            if !aliases.isEmpty {
                throw RegistryError(
                    .conflict, "version \(number) of '\(name)' holds alias \(aliases.joined(separator: ", ")); move it first",
                    context: ["model": name, "version": String(number)])
            }
            for (table, what) in [("deployments", "deployments"), ("predictions", "logged predictions")] {
                if try Row.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE version_id = ? LIMIT 1", arguments: [version.id])
                    != nil
                {
                    throw RegistryError(
                        .conflict, "version \(number) of '\(name)' has \(what); archive it instead",
                        context: ["model": name, "version": String(number)])
                }
            }
            try db.execute(sql: "DELETE FROM stage_history WHERE version_id = ?", arguments: [version.id])
            try db.execute(sql: "DELETE FROM model_versions WHERE id = ?", arguments: [version.id])
            try _AuditLog.append(
                db, at: time, actor: actor, action: "delete", model: name, version: number, reason: reason,
                details: ["artifact_sha256": .string(version.sha256), "stage": .string(version.stage.rawValue)])
        }
    }

    // MARK: queries

    /// Every registered model, by name.
    public func models() throws -> [RegisteredModel] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.id, m.name, m.last_version, m.created_at, m.created_by,
                        (SELECT COUNT(*) FROM model_versions v WHERE v.model_id = m.id) AS version_count
                    FROM registered_models m ORDER BY m.name
                    """)
            return try rows.map { row in
                let r = _RowReader(row, "registered_models")
                return RegisteredModel(
                    name: try r.text("name"), versionCount: try r.int("version_count"),
                    lastVersion: try r.int("last_version"), aliases: try Self.aliasMap(db, modelID: try r.int("id")),
                    createdAt: try r.time("created_at"), createdBy: try r.text("created_by"))
            }
        }
    }

    static func aliasMap(_ db: Database, modelID: Int) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT a.alias, v.version FROM aliases a JOIN model_versions v ON v.id = a.version_id WHERE a.model_id = ?",
            arguments: [modelID])
        {
            let r = _RowReader(row, "aliases")
            out[try r.text("alias")] = try r.int("version")
        }
        return out
    }

    /// The versions of `model` (or of every model when `nil`), by name then version number.
    /// - Throws: `.notFound` for an unknown model.
    public func versions(of name: String? = nil) throws -> [ModelVersion] {
        try read { db in
            var modelFilter = ""
            var aliasFilter = ""
            var arguments: StatementArguments = []
            if let name {
                let model = try _Lookup.requireModel(db, named: name)
                modelFilter = "WHERE v.model_id = ?"
                aliasFilter = "WHERE a.model_id = ?"
                arguments = [model.id]
            }
            var aliases: [Int: [String]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT a.version_id, a.alias FROM aliases a \(aliasFilter)",
                arguments: arguments)
            {
                let r = _RowReader(row, "aliases")
                aliases[try r.int("version_id"), default: []].append(try r.text("alias"))
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT v.*, m.name AS model_name FROM model_versions v
                    JOIN registered_models m ON m.id = v.model_id \(modelFilter) ORDER BY m.name, v.version
                    """,
                arguments: arguments)
            return try rows.map { row in
                let id = try _RowReader(row, "model_versions").int("id")
                return try _Lookup.modelVersion(row, aliases: (aliases[id] ?? []).sorted())
            }
        }
    }

    /// One version: by number, by the alias that points to it now, or the latest.
    /// - Throws: `.notFound` naming the model and reference.
    public func version(_ name: String, _ reference: VersionReference) throws -> ModelVersion {
        try read { db in
            let model = try _Lookup.requireModel(db, named: name)
            let row = try _Lookup.version(db, model: model, reference)
            return try _Lookup.modelVersion(db, versionID: row.id)
        }
    }

    /// The highest-numbered version of `model`.
    public func latestVersion(of name: String) throws -> ModelVersion {
        try version(name, .latest)
    }

    /// The metrics of versions `a` and `b` side by side, with `b − a`.
    public func compare(_ name: String, _ a: VersionReference, _ b: VersionReference) throws -> MetricComparison {
        let (va, vb) = try read { db in
            let model = try _Lookup.requireModel(db, named: name)
            return (
                try _Lookup.modelVersion(db, versionID: try _Lookup.version(db, model: model, a).id),
                try _Lookup.modelVersion(db, versionID: try _Lookup.version(db, model: model, b).id)
            )
        }
        let keys = Set(va.metrics.keys).union(vb.metrics.keys).sorted()
        let rows = keys.map { key -> MetricComparison.Row in
            let x = va.metrics[key]
            let y = vb.metrics[key]
            let delta: Double? = if let x, let y { y - x } else { nil }
            return MetricComparison.Row(metric: key, a: x, b: y, delta: delta)
        }
        return MetricComparison(name: name, a: va.version, b: vb.version, metrics: rows)
    }

    // MARK: artifacts

    /// The artifact's bytes, verified: they must hash to the recorded SHA-256, a recorded
    /// signature must verify, and when `trustedKeys` is not empty the version must be signed
    /// by one of them.
    /// - Throws: `.artifactCorrupt` (missing file, changed bytes), `.signatureInvalid`
    ///   (bad signature, unsigned or signed by an untrusted key when keys are given), `.notFound`.
    public func loadArtifact(
        _ name: String, _ reference: VersionReference, trustedKeys: [ArtifactVerificationKey] = []
    ) throws -> [UInt8] {
        let row = try versionRow(name, reference)
        try checkSignature(row, name: name, trustedKeys: trustedKeys)
        return try store.verifiedBytes(sha256: row.sha256, size: row.size)
    }

    /// Verifies a version's artifact (hash by streaming, signature as in
    /// ``loadArtifact(_:_:trustedKeys:)``) and returns the version.
    public func verifyArtifact(
        _ name: String, _ reference: VersionReference, trustedKeys: [ArtifactVerificationKey] = []
    ) throws -> ModelVersion {
        let row = try versionRow(name, reference)
        try checkSignature(row, name: name, trustedKeys: trustedKeys)
        try store.verify(sha256: row.sha256)
        return try read { db in try _Lookup.modelVersion(db, versionID: row.id) }
    }

    /// Writes a version's verified artifact to `destination` (temporary file + rename).
    /// - Throws: as ``loadArtifact(_:_:trustedKeys:)``, and `.io`.
    @discardableResult
    public func exportArtifact(
        _ name: String, _ reference: VersionReference, to destination: String,
        trustedKeys: [ArtifactVerificationKey] = []
    ) throws -> ModelVersion {
        let bytes = try loadArtifact(name, reference, trustedKeys: trustedKeys)
        try _FileIO.writeAtomically(bytes, to: destination, durable: options.durability == .full)
        return try version(name, reference)
    }

    /// The path of a version's artifact in the store (not verified: use
    /// ``loadArtifact(_:_:trustedKeys:)`` to read it).
    public func artifactPath(_ name: String, _ reference: VersionReference) throws -> String {
        store.path(forSHA256: try versionRow(name, reference).sha256)
    }

    func versionRow(_ name: String, _ reference: VersionReference) throws -> _Lookup.VersionRow {
        try read { db in
            try _Lookup.version(db, model: try _Lookup.requireModel(db, named: name), reference)
        }
    }

    func checkSignature(_ row: _Lookup.VersionRow, name: String, trustedKeys: [ArtifactVerificationKey]) throws {
        let context = ["model": name, "version": String(row.number)]
        switch (row.artifactSignature, row.signingPublicKey) {
        case (nil, nil):
            if !trustedKeys.isEmpty {
                throw RegistryError(
                    .signatureInvalid, "version \(row.number) of '\(name)' is not signed", context: context)
            }
        case (let signature?, let keyText?):
            let key = try _Lookup.verificationKey(base64: keyText)
            guard _StoredSignature.verifies(signature, key: key, model: name, version: row.number, sha256: row.sha256)
            else {
                throw RegistryError(
                    .signatureInvalid, "the artifact signature of version \(row.number) of '\(name)' does not verify",
                    context: context)
            }
            if !trustedKeys.isEmpty && !trustedKeys.contains(key) {
                throw RegistryError(
                    .signatureInvalid,
                    "version \(row.number) of '\(name)' is signed by key \(key.keyID), which is not a trusted key",
                    context: context)
            }
        default:
            throw RegistryError(
                .signatureInvalid, "version \(row.number) of '\(name)' has half a signature record", context: context)
        }
    }
}
