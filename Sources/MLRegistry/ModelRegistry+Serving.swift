import GRDB

extension ModelRegistry {
    // MARK: deployments

    /// Records that a version is deployed to `environment` with a share of its traffic. Audited.
    /// - Throws: `.notFound`, `.invalidInput` (share outside 0…1, empty environment),
    ///   `.conflict` (archived version).
    @discardableResult
    public func recordDeployment(
        model name: String, version number: Int, environment: String, endpoint: String? = nil,
        trafficShare: Double = 1, status: DeploymentStatus = .active, actor: String? = nil
    ) throws -> Deployment {
        let actor = actor ?? options.defaultActor
        try _Lookup.validateName(environment, what: "environment")
        try Self.validateShare(trafficShare)
        let time = now()
        let id = try write { db -> Int in
            let model = try _Lookup.requireModel(db, named: name)
            let version = try _Lookup.version(db, model: model, .number(number))
            if version.stage == .archived {
                throw RegistryError(
                    .conflict, "version \(number) of '\(name)' is archived", context: ["model": name, "version": String(number)])
            }
            try db.execute(
                sql: """
                    INSERT INTO deployments (version_id, environment, endpoint, traffic_share, status, created_at, updated_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    version.id, environment, endpoint, trafficShare, status.rawValue, time.millisecondsSince1970,
                    time.millisecondsSince1970, actor,
                ])
            let id = Int(db.lastInsertedRowID)
            try _AuditLog.append(
                db, at: time, actor: actor, action: "deployment", model: name, version: number, reason: nil,
                details: [
                    "deployment_id": .number(Double(id)), "environment": .string(environment),
                    "traffic_share": .number(trafficShare), "status": .string(status.rawValue),
                ])
            return id
        }
        return try deployment(id: id)
    }

    /// Changes a deployment's status and/or traffic share. Audited.
    /// - Throws: `.notFound`, `.invalidInput`.
    @discardableResult
    public func updateDeployment(
        id: Int, status: DeploymentStatus? = nil, trafficShare: Double? = nil, actor: String? = nil
    ) throws -> Deployment {
        let actor = actor ?? options.defaultActor
        if let trafficShare { try Self.validateShare(trafficShare) }
        let current = try deployment(id: id)
        let time = now()
        try write { db in
            try db.execute(
                sql: "UPDATE deployments SET status = ?, traffic_share = ?, updated_at = ? WHERE id = ?",
                arguments: [
                    (status ?? current.status).rawValue, trafficShare ?? current.trafficShare,
                    time.millisecondsSince1970, id,
                ])
            try _AuditLog.append(
                db, at: time, actor: actor, action: "deployment_update", model: current.name, version: current.version,
                reason: nil,
                details: [
                    "deployment_id": .number(Double(id)), "status": .string((status ?? current.status).rawValue),
                    "traffic_share": .number(trafficShare ?? current.trafficShare),
                ])
        }
        return try deployment(id: id)
    }

    /// One deployment.
    public func deployment(id: Int) throws -> Deployment {
        try read { db in
            guard let d = try Self.deployments(db, where: "d.id = ?", [id]).first else {
                throw RegistryError(.notFound, "no deployment with id \(id)", context: ["deployment": String(id)])
            }
            return d
        }
    }

    /// The deployments of `model` (of one version when given), oldest first.
    public func deployments(model name: String, version number: Int? = nil) throws -> [Deployment] {
        try read { db in
            let model = try _Lookup.requireModel(db, named: name)
            if let number {
                return try Self.deployments(db, where: "v.model_id = ? AND v.version = ?", [model.id, number])
            }
            return try Self.deployments(db, where: "v.model_id = ?", [model.id])
        }
    }

    static func deployments(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [Deployment]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT d.*, v.version, m.name AS model_name FROM deployments d
                JOIN model_versions v ON v.id = d.version_id JOIN registered_models m ON m.id = v.model_id
                WHERE \(condition) ORDER BY d.id
                """,
            arguments: arguments
        ).map { row in
            let r = _RowReader(row, "deployments")
            guard let status = DeploymentStatus(rawValue: try r.text("status")) else {
                throw r.corrupt("status", "a deployment status")
            }
            return Deployment(
                id: try r.int("id"), name: try r.text("model_name"), version: try r.int("version"),
                environment: try r.text("environment"), endpoint: try r.optionalText("endpoint"),
                trafficShare: try r.double("traffic_share"), status: status, createdAt: try r.time("created_at"),
                updatedAt: try r.time("updated_at"), createdBy: try r.text("created_by"))
        }
    }

    static func validateShare(_ share: Double) throws {
        guard share.isFinite, share >= 0, share <= 1 else {
            throw RegistryError(.invalidInput, "traffic share must be within 0…1 (got \(share))")
        }
    }

    // MARK: prediction log

    /// Appends predictions to the log in one transaction (not audited: the log is
    /// operational data, written at serving rates). Request ids need not be unique (clients
    /// choose them): a repeated id is logged like any other, and feedback for it joins every
    /// prediction that carries it.
    /// - Throws: `.notFound` (unknown model or version), `.invalidInput` (empty request id);
    ///   nothing is written then.
    public func logPredictions(_ records: [PredictionRecord]) throws {
        if records.isEmpty { return }
        for p in records where p.requestID.isEmpty {
            throw RegistryError(.invalidInput, "a prediction has an empty request id")
        }
        try write { db in
            var versionIDs: [String: Int] = [:]
            for p in records {
                let key = "\(p.version)@\(p.name)"
                let versionID: Int
                if let known = versionIDs[key] {
                    versionID = known
                } else {
                    let model = try _Lookup.requireModel(db, named: p.name)
                    versionID = try _Lookup.version(db, model: model, .number(p.version)).id
                    versionIDs[key] = versionID
                }
                try db.execute(
                    sql: """
                        INSERT INTO predictions (request_id, version_id, route, inputs_hash, inputs, output, latency_ms, timestamp)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        p.requestID, versionID, p.route, p.inputsHash, p.inputs?.canonicalText, p.output.canonicalText,
                        p.latencyMilliseconds.flatMap { $0.isFinite ? $0 : nil }, p.timestamp.millisecondsSince1970,
                    ])
            }
        }
    }

    /// The logged predictions of a version, newest first, with their latest feedback joined.
    public func predictions(model name: String, version number: Int, limit: Int = 100) throws -> [PredictionRecord] {
        try read { db in
            let model = try _Lookup.requireModel(db, named: name)
            let version = try _Lookup.version(db, model: model, .number(number))
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT p.*, (SELECT f.outcome FROM feedback f WHERE f.request_id = p.request_id
                                 ORDER BY f.id DESC LIMIT 1) AS outcome
                    FROM predictions p WHERE p.version_id = ? ORDER BY p.timestamp DESC, p.id DESC LIMIT ?
                    """,
                arguments: [version.id, max(0, limit)]
            ).map { row in
                let r = _RowReader(row, "predictions")
                var p = PredictionRecord(
                    requestID: try r.text("request_id"), name: name, version: number, output: try r.json("output"),
                    route: try r.optionalText("route"), inputsHash: try r.optionalText("inputs_hash"),
                    inputs: try r.optionalJSON("inputs"), latencyMilliseconds: try r.optionalDouble("latency_ms"),
                    timestamp: try r.time("timestamp"))
                p.outcome = try r.optionalJSON("outcome")
                return p
            }
        }
    }

    // MARK: lineage

    /// Where a version came from and where it went: its run and the run's datasets (by
    /// SHA-256), its deployments, and its logged predictions with feedback counts.
    public func lineage(_ name: String, _ reference: VersionReference) throws -> Lineage {
        try read { db in
            let model = try _Lookup.requireModel(db, named: name)
            let row = try _Lookup.version(db, model: model, reference)
            let version = try _Lookup.modelVersion(db, versionID: row.id)
            let run = try version.runID.map { try Self.loadRun(db, id: $0) }
            let deployments = try Self.deployments(db, where: "d.version_id = ?", [row.id])
            guard let stats = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) AS n, MIN(timestamp) AS first, MAX(timestamp) AS last,
                            (SELECT COUNT(DISTINCT f.request_id) FROM feedback f
                             JOIN predictions p2 ON p2.request_id = f.request_id WHERE p2.version_id = ?) AS with_feedback
                        FROM predictions WHERE version_id = ?
                        """,
                    arguments: [row.id, row.id])
            else {
                throw RegistryError(.database, "prediction statistics query returned no row")
            }
            let s = _RowReader(stats, "predictions")
            return Lineage(
                version: version, run: run, datasets: run?.datasets ?? [], deployments: deployments,
                predictionCount: try s.int("n"), feedbackCount: try s.int("with_feedback"),
                firstPredictionAt: try s.optionalTime("first"), lastPredictionAt: try s.optionalTime("last"))
        }
    }
}
