import GRDB

/// The registry's schema, as GRDB migrations. Never edit a shipped migration: add one.
///
/// ```text
/// experiments ─< runs ─< run_metrics
///                 │  └─< run_datasets >── training_datasets
///                 │
/// registered_models ─< model_versions ─< stage_history
///        │                 │  │  └─< deployments
///        │                 │  └─< predictions ─ feedback (joined by request_id;
///        │                 │                   history, latest in feedback_latest)
///        └─< aliases ──────┘
///        └─< alias_history
/// audit_log (hash chain) + audit_chain_head (row count, last hash)
/// registry_settings (gate policy)
/// ```
enum _Schema {
    static let genesisHash = String(repeating: "0", count: 64)

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-prediction-history") { db in
            try db.execute(sql: v2)
        }
        return migrator
    }

    static let v1 = """
        CREATE TABLE registry_settings (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE experiments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            experiment_id INTEGER NOT NULL REFERENCES experiments(id),
            name TEXT,
            status TEXT NOT NULL,
            params TEXT NOT NULL,
            tags TEXT NOT NULL,
            environment TEXT,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            created_by TEXT NOT NULL
        );
        CREATE INDEX runs_by_experiment ON runs(experiment_id);
        CREATE TABLE run_metrics (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            key TEXT NOT NULL,
            value REAL NOT NULL,
            step INTEGER NOT NULL,
            timestamp INTEGER NOT NULL
        );
        CREATE INDEX run_metrics_by_run ON run_metrics(run_id, key, step);
        CREATE TABLE training_datasets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            path TEXT,
            sha256 TEXT NOT NULL,
            rows INTEGER,
            schema TEXT,
            created_at INTEGER NOT NULL,
            UNIQUE(name, sha256)
        );
        CREATE INDEX training_datasets_by_sha256 ON training_datasets(sha256);
        CREATE TABLE run_datasets (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            dataset_id INTEGER NOT NULL REFERENCES training_datasets(id),
            role TEXT NOT NULL,
            PRIMARY KEY (run_id, dataset_id, role)
        );
        CREATE INDEX run_datasets_by_dataset ON run_datasets(dataset_id);
        CREATE TABLE registered_models (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            last_version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE model_versions (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES registered_models(id),
            version INTEGER NOT NULL,
            run_id INTEGER REFERENCES runs(id),
            artifact_sha256 TEXT NOT NULL,
            artifact_size INTEGER NOT NULL,
            format TEXT,
            metrics TEXT NOT NULL,
            feature_set_version TEXT,
            signature TEXT,
            description TEXT,
            evidence TEXT NOT NULL,
            stage TEXT NOT NULL,
            artifact_signature TEXT,
            signing_public_key TEXT,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE(model_id, version)
        );
        CREATE INDEX model_versions_by_run ON model_versions(run_id);
        CREATE INDEX model_versions_by_sha256 ON model_versions(artifact_sha256);
        CREATE TABLE aliases (
            model_id INTEGER NOT NULL REFERENCES registered_models(id),
            alias TEXT NOT NULL,
            version_id INTEGER NOT NULL REFERENCES model_versions(id),
            updated_at INTEGER NOT NULL,
            updated_by TEXT NOT NULL,
            PRIMARY KEY (model_id, alias)
        );
        CREATE INDEX aliases_by_version ON aliases(version_id);
        CREATE TABLE alias_history (
            id INTEGER PRIMARY KEY,
            model_id INTEGER NOT NULL REFERENCES registered_models(id),
            alias TEXT NOT NULL,
            from_version INTEGER,
            to_version INTEGER,
            kind TEXT NOT NULL,
            moved_at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT,
            forced INTEGER NOT NULL
        );
        CREATE INDEX alias_history_by_time ON alias_history(model_id, alias, moved_at, id);
        CREATE TABLE stage_history (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES model_versions(id),
            from_stage TEXT NOT NULL,
            to_stage TEXT NOT NULL,
            moved_at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT,
            forced INTEGER NOT NULL
        );
        CREATE INDEX stage_history_by_version ON stage_history(version_id, id);
        CREATE TABLE deployments (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES model_versions(id),
            environment TEXT NOT NULL,
            endpoint TEXT,
            traffic_share REAL NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX deployments_by_version ON deployments(version_id);
        CREATE TABLE predictions (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL UNIQUE,
            version_id INTEGER NOT NULL REFERENCES model_versions(id),
            route TEXT,
            inputs_hash TEXT,
            inputs TEXT,
            output TEXT NOT NULL,
            latency_ms REAL,
            timestamp INTEGER NOT NULL
        );
        CREATE INDEX predictions_by_version ON predictions(version_id, timestamp);
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            recorded_at INTEGER NOT NULL
        );
        CREATE INDEX feedback_by_request ON feedback(request_id, id);
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            model TEXT,
            version INTEGER,
            forced INTEGER NOT NULL,
            reason TEXT,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TABLE audit_chain_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            row_count INTEGER NOT NULL,
            last_hash TEXT NOT NULL
        );
        INSERT INTO audit_chain_head (id, row_count, last_hash)
            VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
        """

    /// Request ids come from clients, so they are not unique: `predictions.request_id` loses
    /// its UNIQUE constraint (SQLite cannot drop one: the table is rebuilt, rows and ids
    /// kept), and gets a plain index for the feedback join. Every report in `feedback` is
    /// kept; `feedback_latest` is the latest per request id, the one joined to predictions.
    static let v2 = """
        CREATE TABLE predictions_v2 (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL,
            version_id INTEGER NOT NULL REFERENCES model_versions(id),
            route TEXT,
            inputs_hash TEXT,
            inputs TEXT,
            output TEXT NOT NULL,
            latency_ms REAL,
            timestamp INTEGER NOT NULL
        );
        INSERT INTO predictions_v2 (id, request_id, version_id, route, inputs_hash, inputs, output, latency_ms, timestamp)
            SELECT id, request_id, version_id, route, inputs_hash, inputs, output, latency_ms, timestamp FROM predictions;
        DROP TABLE predictions;
        ALTER TABLE predictions_v2 RENAME TO predictions;
        CREATE INDEX predictions_by_version ON predictions(version_id, timestamp);
        CREATE INDEX predictions_by_request ON predictions(request_id);
        CREATE VIEW feedback_latest AS
            SELECT f.* FROM feedback f
            WHERE f.id = (SELECT MAX(g.id) FROM feedback g WHERE g.request_id = f.request_id);
        """
}
