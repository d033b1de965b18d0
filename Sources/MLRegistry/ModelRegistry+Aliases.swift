import GRDB

extension ModelRegistry {
    // MARK: aliases

    /// Points `alias` of `model` at `version` (creating the alias or moving it), recording
    /// the move in the alias history and the audit log in one transaction.
    ///
    /// Moving a gated alias (``GatePolicy/gatedAliases``, `champion` by default) first checks,
    /// in the same transaction, that the version's evidence satisfies the registry's
    /// ``GatePolicy``; `override` skips a failed check, and the move is recorded as forced
    /// with the override's reason.
    ///
    /// - Parameters:
    ///   - reason: why (recorded); an override's reason takes its place.
    /// - Throws: `.notFound` (model or version), `.invalidInput` (bad alias name),
    ///   `.conflict` (archived version), `.gateFailed` (evidence missing or failed, no override).
    @discardableResult
    public func setAlias(
        _ alias: String, model name: String, version number: Int, actor: String? = nil, reason: String? = nil,
        override: GateOverride? = nil
    ) throws -> AliasMove {
        let actor = actor ?? options.defaultActor
        try Self.validateAlias(alias)
        try Self.validate(override)
        let time = now()
        return try write { db in
            let model = try _Lookup.requireModel(db, named: name)
            let target = try _Lookup.version(db, model: model, .number(number))
            if target.stage == .archived {
                throw RegistryError(
                    .conflict, "version \(number) of '\(name)' is archived and cannot hold an alias",
                    context: ["model": name, "version": String(number), "alias": alias])
            }
            let policy = try Self.gatePolicy(db)
            var failures: [String] = []
            if policy.gatedAliases.contains(alias) {
                failures = target.evidence.failures(under: policy)
                if !failures.isEmpty && override == nil {
                    throw RegistryError(
                        .gateFailed,
                        "cannot move '\(alias)' of '\(name)' to version \(number): "
                            + failures.joined(separator: "; ") + " (override with --force --reason)",
                        context: ["model": name, "version": String(number), "alias": alias])
                }
            }
            let from = try Self.aliasHolder(db, modelID: model.id, alias: alias)
            try db.execute(
                sql: """
                    INSERT INTO aliases (model_id, alias, version_id, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(model_id, alias) DO UPDATE SET version_id = excluded.version_id,
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """,
                arguments: [model.id, alias, target.id, time.millisecondsSince1970, actor])
            let move = AliasMove(
                alias: alias, fromVersion: from, toVersion: number, movedAt: time, actor: actor,
                reason: override?.reason ?? reason, forced: !failures.isEmpty, kind: "set")
            try Self.recordAliasMove(db, modelID: model.id, model: name, move, gateFailures: failures)
            return move
        }
    }

    /// Removes `alias` from `model`, recorded as a move to no version.
    /// - Throws: `.notFound` when the model or the alias does not exist.
    @discardableResult
    public func removeAlias(_ alias: String, model name: String, actor: String? = nil, reason: String? = nil) throws
        -> AliasMove
    {
        let actor = actor ?? options.defaultActor
        let time = now()
        return try write { db in
            let model = try _Lookup.requireModel(db, named: name)
            guard let from = try Self.aliasHolder(db, modelID: model.id, alias: alias) else {
                throw RegistryError(
                    .notFound, "model '\(name)' has no alias '\(alias)'", context: ["model": name, "alias": alias])
            }
            try db.execute(sql: "DELETE FROM aliases WHERE model_id = ? AND alias = ?", arguments: [model.id, alias])
            let move = AliasMove(
                alias: alias, fromVersion: from, toVersion: nil, movedAt: time, actor: actor, reason: reason,
                forced: false, kind: "remove")
            try Self.recordAliasMove(db, modelID: model.id, model: name, move, gateFailures: [])
            return move
        }
    }

    /// Moves `alias` (default `champion`) back to the version that held it before the
    /// current one, in one audited step. Successive rollbacks walk further back
    /// (3 → 2 → 1), skipping versions since deleted or archived. Not gated: the target held
    /// the alias before.
    /// - Throws: `.notFound` (model, or alias not set), `.conflict` (no earlier holder).
    @discardableResult
    public func rollback(
        _ alias: String = "champion", model name: String, actor: String? = nil, reason: String? = nil
    ) throws -> AliasMove {
        let actor = actor ?? options.defaultActor
        let time = now()
        return try write { db in
            let model = try _Lookup.requireModel(db, named: name)
            guard let current = try Self.aliasHolder(db, modelID: model.id, alias: alias) else {
                throw RegistryError(
                    .notFound, "model '\(name)' has no alias '\(alias)' to roll back",
                    context: ["model": name, "alias": alias])
            }
            var stack: [Int] = []
            for move in try Self.aliasMoves(db, modelID: model.id, alias: alias, asOf: nil) {
                if move.kind == "rollback" {
                    while let top = stack.popLast(), top != move.toVersion {}
                } else if let from = move.fromVersion {
                    stack.append(from)
                }
            }
            var target: _Lookup.VersionRow?
            while let candidate = stack.popLast() {
                if candidate == current { continue }
                if let row = try? _Lookup.version(db, model: model, .number(candidate)), row.stage != .archived {
                    target = row
                    break
                }
            }
            guard let target else {
                throw RegistryError(
                    .conflict, "'\(alias)' of '\(name)' has no earlier holder to roll back to",
                    context: ["model": name, "alias": alias])
            }
            try db.execute(
                sql: "UPDATE aliases SET version_id = ?, updated_at = ?, updated_by = ? WHERE model_id = ? AND alias = ?",
                arguments: [target.id, time.millisecondsSince1970, actor, model.id, alias])
            let move = AliasMove(
                alias: alias, fromVersion: current, toVersion: target.number, movedAt: time, actor: actor,
                reason: reason, forced: false, kind: "rollback")
            try Self.recordAliasMove(db, modelID: model.id, model: name, move, gateFailures: [])
            return move
        }
    }

    /// The version number that `alias` pointed to at `time` (inclusive), or `nil` when the
    /// alias did not exist then. Answers "which version was champion on 2026-03-01".
    /// - Throws: `.notFound` for an unknown model.
    public func aliasHolder(_ alias: String, model name: String, asOf time: RegistryTimestamp) throws -> Int? {
        try read { db in
            let model = try _Lookup.requireModel(db, named: name)
            guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT to_version FROM alias_history WHERE model_id = ? AND alias = ? AND moved_at <= ?
                        ORDER BY moved_at DESC, id DESC LIMIT 1
                        """,
                    arguments: [model.id, alias, time.millisecondsSince1970])
            else { return nil }
            return try _RowReader(row, "alias_history").optionalInt("to_version")
        }
    }

    /// The moves of `alias` (or of every alias when `nil`) of `model`, oldest first,
    /// up to `asOf` (inclusive) when given.
    public func aliasHistory(model name: String, alias: String? = nil, asOf: RegistryTimestamp? = nil) throws
        -> [AliasMove]
    {
        try read { db in
            let model = try _Lookup.requireModel(db, named: name)
            return try Self.aliasMoves(db, modelID: model.id, alias: alias, asOf: asOf)
        }
    }

    static func aliasMoves(_ db: Database, modelID: Int, alias: String?, asOf: RegistryTimestamp?) throws -> [AliasMove] {
        var sql = "SELECT * FROM alias_history WHERE model_id = ?"
        var arguments: StatementArguments = [modelID]
        if let alias {
            sql += " AND alias = ?"
            arguments += [alias]
        }
        if let asOf {
            sql += " AND moved_at <= ?"
            arguments += [asOf.millisecondsSince1970]
        }
        sql += " ORDER BY moved_at, id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let r = _RowReader(row, "alias_history")
            return AliasMove(
                alias: try r.text("alias"), fromVersion: try r.optionalInt("from_version"),
                toVersion: try r.optionalInt("to_version"), movedAt: try r.time("moved_at"), actor: try r.text("actor"),
                reason: try r.optionalText("reason"), forced: try r.bool("forced"), kind: try r.text("kind"))
        }
    }

    static func aliasHolder(_ db: Database, modelID: Int, alias: String) throws -> Int? {
        guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT v.version FROM aliases a JOIN model_versions v ON v.id = a.version_id
                    WHERE a.model_id = ? AND a.alias = ?
                    """,
                arguments: [modelID, alias])
        else { return nil }
        return try _RowReader(row, "aliases").int("version")
    }

    static func recordAliasMove(
        _ db: Database, modelID: Int, model: String, _ move: AliasMove, gateFailures: [String]
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO alias_history (model_id, alias, from_version, to_version, kind, moved_at, actor, reason, forced)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                modelID, move.alias, move.fromVersion, move.toVersion, move.kind, move.movedAt.millisecondsSince1970,
                move.actor, move.reason, move.forced ? 1 : 0,
            ])
        var details: [String: RegistryJSON] = [
            "alias": .string(move.alias),
            "from_version": move.fromVersion.map { .number(Double($0)) } ?? .null,
            "to_version": move.toVersion.map { .number(Double($0)) } ?? .null,
        ]
        if !gateFailures.isEmpty { details["gate_failures"] = .array(gateFailures.map { .string($0) }) }
        let action = move.kind == "set" ? "alias" : (move.kind == "remove" ? "alias_remove" : "rollback")
        try _AuditLog.append(
            db, at: move.movedAt, actor: move.actor, action: action, model: model, version: move.toVersion,
            forced: move.forced, reason: move.reason, details: details)
    }

    static func validateAlias(_ alias: String) throws {
        try _Lookup.validateName(alias, what: "alias")
        if alias == "latest" || Int(alias) != nil || alias.hasPrefix("@") || alias.contains(" ") {
            throw RegistryError(
                .invalidInput, "alias '\(alias)' is reserved or ambiguous (not 'latest', a number, '@…' or with spaces)",
                context: ["alias": alias])
        }
    }

    static func validate(_ override: GateOverride?) throws {
        if let override, override.reason.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw RegistryError(.invalidInput, "an override needs a reason")
        }
    }

    // MARK: stages

    /// Moves a version to `stage`, recorded in the stage history and the audit log in one
    /// transaction. Promotion to ``ModelStage/production`` is gated like a gated alias;
    /// archiving is refused while an alias points to the version.
    /// - Throws: `.notFound`, `.gateFailed` (no override), `.conflict` (archiving an alias holder).
    @discardableResult
    public func transition(
        model name: String, version number: Int, to stage: ModelStage, actor: String? = nil, reason: String? = nil,
        override: GateOverride? = nil
    ) throws -> StageMove {
        let actor = actor ?? options.defaultActor
        try Self.validate(override)
        let time = now()
        return try write { db in
            let model = try _Lookup.requireModel(db, named: name)
            let version = try _Lookup.version(db, model: model, .number(number))
            var failures: [String] = []
            if stage == .production {
                failures = version.evidence.failures(under: try Self.gatePolicy(db))
                if !failures.isEmpty && override == nil {
                    throw RegistryError(
                        .gateFailed,
                        "cannot promote version \(number) of '\(name)' to production: "
                            + failures.joined(separator: "; ") + " (override with --force --reason)",
                        context: ["model": name, "version": String(number)])
                }
            }
            if stage == .archived {
                let aliases = try _Lookup.aliasNames(db, versionID: version.id)
                if !aliases.isEmpty {
                    throw RegistryError(
                        .conflict,
                        "version \(number) of '\(name)' holds alias \(aliases.joined(separator: ", ")); move it first",
                        context: ["model": name, "version": String(number)])
                }
            }
            try db.execute(sql: "UPDATE model_versions SET stage = ? WHERE id = ?", arguments: [stage.rawValue, version.id])
            let move = StageMove(
                version: number, fromStage: version.stage, toStage: stage, movedAt: time, actor: actor,
                reason: override?.reason ?? reason, forced: !failures.isEmpty)
            try db.execute(
                sql: """
                    INSERT INTO stage_history (version_id, from_stage, to_stage, moved_at, actor, reason, forced)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    version.id, move.fromStage.rawValue, stage.rawValue, time.millisecondsSince1970, actor, move.reason,
                    move.forced ? 1 : 0,
                ])
            var details: [String: RegistryJSON] = [
                "from_stage": .string(move.fromStage.rawValue), "to_stage": .string(stage.rawValue),
            ]
            if !failures.isEmpty { details["gate_failures"] = .array(failures.map { .string($0) }) }
            try _AuditLog.append(
                db, at: time, actor: actor, action: stage == .archived ? "archive" : "promote", model: name,
                version: number, forced: move.forced, reason: move.reason, details: details)
            return move
        }
    }

    /// Archives a version (``transition(model:version:to:actor:reason:override:)`` to ``ModelStage/archived``).
    @discardableResult
    public func archive(model name: String, version number: Int, actor: String? = nil, reason: String? = nil) throws
        -> StageMove
    {
        try transition(model: name, version: number, to: .archived, actor: actor, reason: reason)
    }

    /// The stage moves of `model` (of one version when given), oldest first.
    public func stageHistory(model name: String, version number: Int? = nil) throws -> [StageMove] {
        try read { db in
            let model = try _Lookup.requireModel(db, named: name)
            var sql = """
                SELECT h.*, v.version FROM stage_history h JOIN model_versions v ON v.id = h.version_id
                WHERE v.model_id = ?
                """
            var arguments: StatementArguments = [model.id]
            if let number {
                sql += " AND v.version = ?"
                arguments += [number]
            }
            sql += " ORDER BY h.moved_at, h.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let r = _RowReader(row, "stage_history")
                return StageMove(
                    version: try r.int("version"), fromStage: try r.stage("from_stage"), toStage: try r.stage("to_stage"),
                    movedAt: try r.time("moved_at"), actor: try r.text("actor"), reason: try r.optionalText("reason"),
                    forced: try r.bool("forced"))
            }
        }
    }
}
