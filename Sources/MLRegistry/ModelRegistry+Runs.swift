import GRDB
import MLCore

extension ModelRegistry {
    /// Records a training run in `request.experiment` (created when new): params, tags,
    /// metrics with step and timestamp, datasets by content hash, the environment snapshot,
    /// status and times. One audited transaction.
    /// - Throws: `.invalidInput` (bad experiment name, non-finite metric, malformed SHA-256).
    public func logRun(_ request: RunRequest, actor: String? = nil) throws -> Run {
        let actor = actor ?? options.defaultActor
        try _Lookup.validateName(request.experiment, what: "experiment")
        try Self.validate(request.metrics)
        for d in request.datasets {
            try _Lookup.validateName(d.name, what: "dataset")
            guard _SHA256Hex.isDigest(d.sha256) else {
                throw RegistryError(
                    .invalidInput, "dataset '\(d.name)' SHA-256 must be 64 lowercase hex digits",
                    context: ["dataset": d.name])
            }
        }
        let environmentText = try request.environment.map { try Self.encodeJSON($0) }
        let time = now()
        let started = request.startedAt ?? time
        let ended = request.endedAt ?? (request.status == .running ? nil : time)
        let id = try write { db -> Int in
            let experimentID = try Self.experimentID(db, name: request.experiment, actor: actor, time: time)
            try db.execute(
                sql: """
                    INSERT INTO runs (experiment_id, name, status, params, tags, environment, started_at, ended_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    experimentID, request.name, request.status.rawValue,
                    RegistryJSON.object(request.params.mapValues { .string($0) }).canonicalText,
                    RegistryJSON.object(request.tags.mapValues { .string($0) }).canonicalText, environmentText,
                    started.millisecondsSince1970, ended?.millisecondsSince1970, actor,
                ])
            let runID = Int(db.lastInsertedRowID)
            try Self.insert(db, metrics: request.metrics, runID: runID)
            for d in request.datasets {
                try db.execute(
                    sql: """
                        INSERT INTO training_datasets (name, path, sha256, rows, schema, created_at) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT(name, sha256) DO NOTHING
                        """,
                    arguments: [d.name, d.path, d.sha256, d.rows, d.schema?.canonicalText, time.millisecondsSince1970])
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO run_datasets (run_id, dataset_id, role)
                        SELECT ?, id, ? FROM training_datasets WHERE name = ? AND sha256 = ?
                        """,
                    arguments: [runID, d.role, d.name, d.sha256])
            }
            try _AuditLog.append(
                db, at: time, actor: actor, action: "run", model: nil, version: nil, reason: nil,
                details: [
                    "run_id": .number(Double(runID)), "experiment": .string(request.experiment),
                    "status": .string(request.status.rawValue),
                    "datasets": .array(request.datasets.map { .string($0.sha256) }),
                ])
            return runID
        }
        return try run(id: id)
    }

    /// Appends metric points to a run (not audited: metrics are a log).
    /// - Throws: `.notFound` for an unknown run, `.invalidInput` for a non-finite value.
    public func logMetrics(_ points: [MetricPoint], runID: Int) throws {
        try Self.validate(points)
        try write { db in
            try Self.requireRun(db, id: runID)
            try Self.insert(db, metrics: points, runID: runID)
        }
    }

    /// Sets a run's final status and end time. Audited.
    @discardableResult
    public func finishRun(id: Int, status: RunStatus = .finished, actor: String? = nil) throws -> Run {
        let actor = actor ?? options.defaultActor
        let time = now()
        try write { db in
            try Self.requireRun(db, id: id)
            try db.execute(
                sql: "UPDATE runs SET status = ?, ended_at = ? WHERE id = ?",
                arguments: [status.rawValue, status == .running ? nil : time.millisecondsSince1970, id])
            try _AuditLog.append(
                db, at: time, actor: actor, action: "run_finish", model: nil, version: nil, reason: nil,
                details: ["run_id": .number(Double(id)), "status": .string(status.rawValue)])
        }
        return try run(id: id)
    }

    /// One run with its metrics and datasets.
    /// - Throws: `.notFound`.
    public func run(id: Int) throws -> Run {
        try read { db in try Self.loadRun(db, id: id) }
    }

    /// The runs of an experiment, oldest first.
    /// - Throws: `.notFound` for an unknown experiment.
    public func runs(experiment name: String) throws -> [Run] {
        try read { db in
            let experimentID = try Self.requireExperiment(db, name: name)
            let ids = try Row.fetchAll(
                db, sql: "SELECT id FROM runs WHERE experiment_id = ? ORDER BY id", arguments: [experimentID]
            ).map { try _RowReader($0, "runs").int("id") }
            return try ids.map { try Self.loadRun(db, id: $0) }
        }
    }

    /// The number of runs recorded in an experiment: the trial count for the deflated
    /// Sharpe ratio gate.
    /// - Throws: `.notFound` for an unknown experiment.
    public func runCount(experiment name: String) throws -> Int {
        try read { db in
            let experimentID = try Self.requireExperiment(db, name: name)
            guard let row = try Row.fetchOne(
                    db, sql: "SELECT COUNT(*) AS n FROM runs WHERE experiment_id = ?", arguments: [experimentID])
            else { return 0 }
            return try _RowReader(row, "runs").int("n")
        }
    }

    /// The last logged value of `metric` in each run of an experiment, oldest run first, and
    /// the experiment's run count (runs that never logged the metric count as runs but give
    /// no value): the trials of a deflated Sharpe ratio gate (`metric: "sharpe"`).
    /// - Throws: `.notFound` for an unknown experiment.
    public func metricValues(experiment name: String, metric: String) throws -> (runCount: Int, values: [Double]) {
        let runs = try runs(experiment: name)
        return (runs.count, runs.compactMap { $0.latestMetrics[metric] })
    }

    /// Every experiment with its run count, by name.
    public func experiments() throws -> [Experiment] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.*, (SELECT COUNT(*) FROM runs r WHERE r.experiment_id = e.id) AS run_count
                    FROM experiments e ORDER BY e.name
                    """
            ).map { row in
                let r = _RowReader(row, "experiments")
                return Experiment(
                    id: try r.int("id"), name: try r.text("name"), runCount: try r.int("run_count"),
                    createdAt: try r.time("created_at"), createdBy: try r.text("created_by"))
            }
        }
    }

    /// The versions registered from runs that read a dataset with this SHA-256 (lineage
    /// from data forward), by model and version.
    public func versions(trainedOnDatasetSHA256 sha: String) throws -> [ModelVersion] {
        try read { db in
            let ids = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT v.id, m.name, v.version FROM model_versions v
                    JOIN registered_models m ON m.id = v.model_id
                    JOIN run_datasets rd ON rd.run_id = v.run_id
                    JOIN training_datasets d ON d.id = rd.dataset_id
                    WHERE d.sha256 = ? ORDER BY m.name, v.version
                    """,
                arguments: [sha]
            ).map { try _RowReader($0, "model_versions").int("id") }
            return try ids.map { try _Lookup.modelVersion(db, versionID: $0) }
        }
    }

    // MARK: helpers

    static func validate(_ metrics: [MetricPoint]) throws {
        for p in metrics {
            try _Lookup.validateName(p.key, what: "metric")
            if !p.value.isFinite {
                throw RegistryError(.invalidInput, "metric '\(p.key)' is not finite (\(p.value))", context: ["metric": p.key])
            }
        }
    }

    static func insert(_ db: Database, metrics: [MetricPoint], runID: Int) throws {
        for p in metrics {
            try db.execute(
                sql: "INSERT INTO run_metrics (run_id, key, value, step, timestamp) VALUES (?, ?, ?, ?, ?)",
                arguments: [runID, p.key, p.value, p.step, p.timestamp.millisecondsSince1970])
        }
    }

    static func experimentID(_ db: Database, name: String, actor: String, time: RegistryTimestamp) throws -> Int {
        if let row = try Row.fetchOne(db, sql: "SELECT id FROM experiments WHERE name = ?", arguments: [name]) {
            return try _RowReader(row, "experiments").int("id")
        }
        try db.execute(
            sql: "INSERT INTO experiments (name, created_at, created_by) VALUES (?, ?, ?)",
            arguments: [name, time.millisecondsSince1970, actor])
        let id = Int(db.lastInsertedRowID)
        try _AuditLog.append(
            db, at: time, actor: actor, action: "experiment", model: nil, version: nil, reason: nil,
            details: ["experiment": .string(name)])
        return id
    }

    static func requireExperiment(_ db: Database, name: String) throws -> Int {
        guard let row = try Row.fetchOne(db, sql: "SELECT id FROM experiments WHERE name = ?", arguments: [name]) else {
            throw RegistryError(.notFound, "no experiment named '\(name)'", context: ["experiment": name])
        }
        return try _RowReader(row, "experiments").int("id")
    }

    static func requireRun(_ db: Database, id: Int) throws {
        if try Row.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [id]) == nil {
            throw RegistryError(.notFound, "no run with id \(id)", context: ["run": String(id)])
        }
    }

    static func loadRun(_ db: Database, id: Int) throws -> Run {
        guard let row = try Row.fetchOne(
                db,
                sql: "SELECT r.*, e.name AS experiment_name FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE r.id = ?",
                arguments: [id])
        else {
            throw RegistryError(.notFound, "no run with id \(id)", context: ["run": String(id)])
        }
        let r = _RowReader(row, "runs")
        guard let status = RunStatus(rawValue: try r.text("status")) else { throw r.corrupt("status", "a run status") }
        let metrics = try Row.fetchAll(
            db, sql: "SELECT key, value, step, timestamp FROM run_metrics WHERE run_id = ? ORDER BY key, step, timestamp, id",
            arguments: [id]
        ).map { row in
            let m = _RowReader(row, "run_metrics")
            return MetricPoint(
                key: try m.text("key"), value: try m.double("value"), step: try m.int("step"),
                timestamp: try m.time("timestamp"))
        }
        let datasets = try Row.fetchAll(
            db,
            sql: """
                SELECT d.*, rd.role FROM run_datasets rd JOIN training_datasets d ON d.id = rd.dataset_id
                WHERE rd.run_id = ? ORDER BY d.name, rd.role
                """,
            arguments: [id]
        ).map { try dataset($0) }
        return Run(
            id: id, experiment: try r.text("experiment_name"), name: try r.optionalText("name"), status: status,
            params: try r.stringMap("params"), tags: try r.stringMap("tags"), metrics: metrics, datasets: datasets,
            environment: try r.environment("environment"), startedAt: try r.time("started_at"),
            endedAt: try r.optionalTime("ended_at"), createdBy: try r.text("created_by"))
    }

    static func dataset(_ row: Row) throws -> TrainingDataset {
        let d = _RowReader(row, "training_datasets")
        var out = TrainingDataset(
            name: try d.text("name"), sha256: try d.text("sha256"), path: try d.optionalText("path"),
            rows: try d.optionalInt("rows"), schema: try d.optionalJSON("schema"), role: try d.text("role"))
        out.id = try d.int("id")
        return out
    }
}
