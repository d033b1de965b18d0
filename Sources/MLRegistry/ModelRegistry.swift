import MLCore
import FoundationEssentials
import GRDB

/// The model registry: experiments and runs, registered models and their versions,
/// aliases and stages with full history, deployments, the prediction log, lineage, and a
/// hash-chained audit log, in one SQLite file (WAL) with a content-addressed artifact store
/// beside it.
///
/// ```swift
/// let registry = try ModelRegistry.create(at: "mlregistry.sqlite")
/// let v = try registry.register(Registration(name: "fraud", artifactPath: "model.json",
///                                            evidence: evidence), actor: "ci")
/// try registry.setAlias("champion", model: "fraud", version: v.version, actor: "alice")
/// let champion = try registry.version("fraud", .alias("champion"))
/// let bytes = try registry.loadArtifact("fraud", .alias("champion"))   // hash-verified
/// ```
///
/// Several processes can use one registry file at once: every mutation is one
/// `BEGIN IMMEDIATE` transaction (retried while SQLite reports the file busy, up to
/// ``Options/busyTimeoutSeconds``) that also appends its audit row. Artifacts are copied
/// into the store (temporary file, fsync, rename) before the transaction that records the
/// version, so a process killed at any point leaves either no version or a version whose
/// artifact is complete.
///
/// Every method has a synchronous form and an `async` one that runs it off the
/// cooperative thread pool. All errors are ``RegistryError``.
public final class ModelRegistry: Sendable {
    /// How the registry is opened.
    public struct Options: Sendable {
        /// Where artifacts live; default `<directory of the database>/artifacts`.
        public var artifactDirectory: String?
        /// How long to keep retrying while another process holds the write lock.
        public var busyTimeoutSeconds: Double
        /// Whether commits and artifacts are fsynced (`.full`, the default) or only
        /// process-crash safe (`.normal`: a power loss may lose the last commits).
        public var durability: Durability
        /// The actor recorded when a method is given none.
        public var defaultActor: String
        /// The gate policy written when the registry is created (ignored when opening).
        public var gatePolicy: GatePolicy
        /// The clock that stamps records (tests inject one).
        public var clock: @Sendable () -> RegistryTimestamp

        /// Defaults: artifacts beside the database, 30 s busy timeout, full durability,
        /// actor `$USER` (or `unknown`), the standard gate policy, the system clock.
        public init(
            artifactDirectory: String? = nil, busyTimeoutSeconds: Double = 30, durability: Durability = .full,
            defaultActor: String = ModelRegistry.environmentActor, gatePolicy: GatePolicy = .standard,
            clock: @escaping @Sendable () -> RegistryTimestamp = { RegistryTimestamp.now() }
        ) {
            self.artifactDirectory = artifactDirectory
            self.busyTimeoutSeconds = busyTimeoutSeconds
            self.durability = durability
            self.defaultActor = defaultActor
            self.gatePolicy = gatePolicy
            self.clock = clock
        }
    }

    /// How hard the registry works to survive crashes.
    public enum Durability: Sendable {
        /// fsync artifacts and directories; SQLite `synchronous = FULL`. Survives power loss.
        case full
        /// No artifact fsync; SQLite `synchronous = NORMAL`. Survives a killed process, not
        /// a power loss. For benchmarks and scratch registries.
        case normal
    }

    /// `$USER`, or `unknown` when unset or empty.
    public static var environmentActor: String {
        if let text = _Platform.environment("USER"), !text.isEmpty { return text }
        return "unknown"
    }

    /// The database file.
    public let path: String
    /// The artifact store's root folder.
    public let artifactDirectory: String
    let options: Options
    let pool: DatabasePool
    let store: _ArtifactStore

    /// Creates a registry at `path` (and its parent folders), or opens and upgrades the
    /// one already there. A new registry records `options.gatePolicy` and an `init` audit row.
    /// - Throws: ``RegistryError`` `.database` when the file is not a SQLite database,
    ///   `.io` when the folder cannot be created.
    public static func create(at path: String, options: Options = Options()) throws -> ModelRegistry {
        try ModelRegistry(path: path, options: options, create: true)
    }

    /// Opens the registry at `path`, which must exist (see ``create(at:options:)``).
    /// - Throws: ``RegistryError`` `.notFound` when there is no file or it holds no
    ///   registry, `.database` when it is not a SQLite database.
    public convenience init(path: String, options: Options = Options()) throws {
        try self.init(path: path, options: options, create: false)
    }

    private init(path: String, options: Options, create: Bool) throws {
        guard !path.isEmpty else { throw RegistryError(.invalidInput, "the registry path is empty") }
        if !create && !_Platform.exists(path) {
            throw RegistryError(
                .notFound, "no registry at \(path) (create one with 'mlctl registry init')", context: ["path": path])
        }
        if create { try _FileIO.makeDirectories(_FileSystem.directory(of: path)) }
        self.path = path
        self.options = options
        let artifacts = options.artifactDirectory ?? (_FileSystem.directory(of: path) + "/artifacts")
        self.artifactDirectory = artifacts
        self.store = _ArtifactStore(root: artifacts, durable: options.durability == .full)

        var config = Configuration()
        config.busyMode = .timeout(options.busyTimeoutSeconds)
        config.label = "MLRegistry"
        let synchronous = options.durability == .full ? "FULL" : "NORMAL"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        let timeout = options.busyTimeoutSeconds
        self.pool = try Self.retrying(timeout: timeout) {
            try Self.mapErrors(path: path) { try DatabasePool(path: path, configuration: config) }
        }
        try Self.mapErrors(path: path) {
            let migrator = _Schema.migrator
            let complete = try Self.retrying(timeout: timeout) {
                try pool.read { db in try migrator.hasCompletedMigrations(db) }
            }
            if !complete {
                if !create {
                    let known = try pool.read { db in try db.tableExists("grdb_migrations") }
                    if !known {
                        throw RegistryError(
                            .notFound, "\(path) holds no registry (create one with 'mlctl registry init')",
                            context: ["path": path])
                    }
                }
                try Self.withFileLock(path + ".migrate-lock") {
                    try Self.retrying(timeout: timeout) { try migrator.migrate(pool) }
                }
            }
        }
        if create { try recordCreation() }
    }

    private func recordCreation() throws {
        let policy = options.gatePolicy
        try write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM registry_settings WHERE key = 'gate_policy'") != nil { return }
            let text = try Self.encodeJSON(policy)
            try db.execute(sql: "INSERT INTO registry_settings (key, value) VALUES ('gate_policy', ?)", arguments: [text])
            try _AuditLog.append(
                db, at: now(), actor: options.defaultActor, action: "init", model: nil, version: nil, reason: nil,
                details: [
                    "required_evidence": .array(policy.requiredEvidence.map { .string($0) }),
                    "gated_aliases": .array(policy.gatedAliases.map { .string($0) }),
                ])
        }
    }

    // MARK: transactions

    func now() -> RegistryTimestamp { options.clock() }

    /// One write transaction (`BEGIN IMMEDIATE`), retried while the database is busy.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.mapErrors(path: path) {
            try Self.retrying(timeout: options.busyTimeoutSeconds) { try pool.write(body) }
        }
    }

    /// One read transaction on a snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.mapErrors(path: path) {
            try Self.retrying(timeout: options.busyTimeoutSeconds) { try pool.read(body) }
        }
    }

    static func retrying<T>(timeout: Double, _ body: () throws -> T) throws -> T {
        let deadline = RegistryTimestamp.now().millisecondsSince1970 + Int64(timeout * 1000)
        var delayMicroseconds: UInt32 = 1000
        var rng = SystemRandomNumberGenerator()
        while true {
            do {
                return try body()
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED)
                && RegistryTimestamp.now().millisecondsSince1970 < deadline
            {
                _Platform.sleep(
                    microseconds: Int(delayMicroseconds / 2 + UInt32.random(in: 0...(delayMicroseconds / 2), using: &rng)))
                delayMicroseconds = min(delayMicroseconds * 2, 50_000)
            }
        }
    }

    static func mapErrors<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw error
        } catch let error as DatabaseError {
            var message = "SQLite error \(error.resultCode.rawValue)"
            if let m = error.message { message += ": \(m)" }
            if error.resultCode == .SQLITE_NOTADB { message = "not a SQLite database" }
            throw RegistryError(.database, message, context: ["path": path])
        } catch let error as RowDecodingError {
            throw RegistryError(.corruptRecord, "\(error)", context: ["path": path])
        } catch {
            throw RegistryError(.database, "\(error)", context: ["path": path])
        }
    }

    /// Runs `body` holding an exclusive `flock` on `lockPath` (serializes schema upgrades
    /// across processes; GRDB's migrator is not multi-process safe on its own).
    static func withFileLock<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = _Platform.openForUpdating(lockPath)
        guard fd >= 0 else {
            throw RegistryError(.io, "cannot open lock file: \(_Platform.errnoText())", context: ["path": lockPath])
        }
        defer { _Platform.closeFile(fd) }
        guard _Platform.lockExclusively(fd) else {
            throw RegistryError(.io, "cannot lock: \(_Platform.errnoText())", context: ["path": lockPath])
        }
        defer { _Platform.unlock(fd) }
        return try body()
    }

    static func encodeJSON<T: Encodable>(_ value: T) throws -> String {
        do {
            return try _JSONCoding.text(value)
        } catch {
            throw RegistryError(.invalidInput, "cannot encode as JSON: \(error)")
        }
    }

    // MARK: settings

    /// The gate policy recorded in the registry.
    public func gatePolicy() throws -> GatePolicy {
        try read { db in try Self.gatePolicy(db) }
    }

    static func gatePolicy(_ db: Database) throws -> GatePolicy {
        guard let row = try Row.fetchOne(db, sql: "SELECT value FROM registry_settings WHERE key = 'gate_policy'")
        else { return .standard }
        let text = try _RowReader(row, "registry_settings").text("value")
        do {
            return try _JSONCoding.decode(GatePolicy.self, from: text.utf8)
        } catch {
            throw RegistryError(
                .corruptRecord, "registry_settings.gate_policy is not a gate policy",
                context: ["table": "registry_settings"])
        }
    }
}
