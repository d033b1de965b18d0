import MLCore

/// What ``FeatureStore/ingest(csv:view:entity:time:created:ttlSeconds:features:)`` did.
public struct FileIngestReport: Sendable, Equatable, Codable {
    /// The rows stored.
    public let ingest: IngestReport
    /// Whether the view was defined by this ingest (from the file's columns).
    public let createdView: Bool
    /// The view's features.
    public let features: [String]
    /// File columns that are not the entity, a time or a feature (not stored).
    public let ignoredColumns: [String]
}

/// What ``FeatureStore/retrieve(csv:view:entity:time:asOfCreated:features:pinnedVersion:output:)`` wrote.
public struct FileRetrievalReport: Sendable, Equatable, Codable {
    /// The view.
    public let view: String
    /// The output file.
    public let output: String
    /// Requests answered (rows written).
    public let requests: Int
    /// Requests answered `present`, `expired`, `missing`.
    public let present: Int
    public let expired: Int
    public let missing: Int
    /// present / requests.
    public let hitRate: Double
    /// The output columns.
    public let columns: [String]
}

extension FeatureStore {
    /// Ingests a CSV file (header row; rows in any order) into `view`. When the view does not
    /// exist it is defined from the file: entity key `entity`, TTL `ttlSeconds`, and as features
    /// the `features` columns (else every column but the entity and times), typed from the file
    /// (whole numbers `int64`, other numbers `float64`, `true`/`false` `bool`).
    /// - Throws: ``FeatureError`` `.missingColumn`, `.typeMismatch` (a value that is not of its
    ///   feature's type, with its row), `.invalidInput` (an unreadable time or a missing entity
    ///   key), `.invalidParameter` (a TTL other than the view's: change it with ``apply(_:)``);
    ///   `DataFormatError` for a file that does not read as CSV.
    public func ingest(
        csv path: String, view viewName: String, entity: String, time: String, created: String? = nil,
        ttlSeconds: Int64? = nil, features: [String]? = nil
    ) throws -> FileIngestReport {
        var schema: [String: ColumnType] = [entity: .string]
        for name in features ?? [] { schema[name] = schema[name] ?? .double }
        let table = try CSVReader(schema: schema, maximumThreads: options.maximumThreads).read(contentsOf: path)
        do {
            let existing = try views().first { $0.view.name == viewName }?.view
            let view: FeatureView
            if let existing {
                if let ttlSeconds, ttlSeconds != existing.ttlSeconds {
                    throw FeatureError(
                        .invalidParameter,
                        "view '\(viewName)' has TTL \(existing.ttlSeconds.map { "\($0) s" } ?? "none"), not \(ttlSeconds) s (change it with 'features store apply')",
                        field: "ttl")
                }
                view = existing
            } else {
                let reserved = Set([entity, time] + (created.map { [$0] } ?? []))
                let names = features ?? table.names.filter { !reserved.contains($0) }
                let fields = try names.map { name in
                    FeatureField(name: name, type: try Self.inferredType(FeatureRows.column(table, name), name: name))
                }
                view = try FeatureView(name: viewName, entity: entity, features: fields, ttlSeconds: ttlSeconds, source: nil)
            }
            // The rows are read before a new view is defined, so a file that fails defines nothing.
            let rows = try FeatureRows(table: table, view: view, entity: entity, time: time, created: created)
            if existing == nil { try apply(view) }
            let report = try ingest(rows, into: viewName)
            let used = Set([entity, time] + (created.map { [$0] } ?? []) + view.featureNames)
            return FileIngestReport(
                ingest: report, createdView: existing == nil, features: view.featureNames,
                ignoredColumns: table.names.filter { !used.contains($0) })
        } catch let error as FeatureError {
            throw error.index != nil || error.code == .missingColumn || error.code == .typeMismatch
                ? error.at(path: path) : error
        }
    }

    /// The feature type a file column suggests.
    static func inferredType(_ column: Column, name: String) throws -> FeatureValueType {
        switch column {
        case .int: return .int64
        case .double, .float: return .float64
        case .string(let texts):
            let allBool = texts.allSatisfy { text in text.map { ["true", "false"].contains($0.lowercased()) } ?? true }
            guard allBool else {
                throw FeatureError(
                    .typeMismatch, "column '\(name)' holds text; stored features are numbers or true/false", field: name)
            }
            return .bool
        }
    }

    /// Point-in-time retrieval for the requests in a CSV file (`entity` and `time` columns, any
    /// others carried along), written as CSV to `output`: the request columns as read, then the
    /// features (empty = missing), then `status` (`present`, `expired`, `missing`), one row per
    /// request in the file's order.
    /// - Throws: as ``retrieve(view:entities:times:features:asOfCreated:pinnedVersion:)``, plus
    ///   ``FeatureError`` `.missingColumn` / `.invalidInput` (with the row) for the requests file.
    public func retrieve(
        csv requestsPath: String, view viewName: String, entity: String, time: String, asOfCreated: Bool = false,
        features: [String]? = nil, pinnedVersion: String? = nil, output: String
    ) throws -> FileRetrievalReport {
        let table = try CSVReader(schema: [entity: .string], maximumThreads: options.maximumThreads)
            .read(contentsOf: requestsPath)
        let entities: [String]
        let times: [Int64]
        do {
            entities = try FeatureRows.keys(table, column: entity)
            times = try EventTime.nanoseconds(from: FeatureRows.column(table, time), name: time)
        } catch let error as FeatureError {
            throw error.at(path: requestsPath)
        }
        let result = try retrieve(
            view: viewName, entities: entities, times: times, features: features, asOfCreated: asOfCreated,
            pinnedVersion: pinnedVersion)
        let leading = zip(table.names, table.columns).map { (name: $0, values: Self.texts($1)) }
        let statuses: [String?] = result.statuses.map { $0.rawValue }
        let matrix = try Matrix(rows: result.count, columns: result.features.count, elements: result.values)
        try FeatureCSVWriter(maximumThreads: options.maximumThreads).write(
            matrix, names: result.features, leading: leading, trailing: [(name: "status", values: statuses)], to: output)
        let counts = result.statusCounts
        return FileRetrievalReport(
            view: viewName, output: output, requests: result.count, present: counts[.present] ?? 0,
            expired: counts[.expired] ?? 0, missing: counts[.missing] ?? 0, hitRate: result.hitRate,
            columns: table.names + result.features + ["status"])
    }

    /// A column's values as text, the way the writer prints numbers (missing: nil).
    static func texts(_ column: Column) -> [String?] {
        switch column {
        case .string(let values): return values
        case .int(let values): return values.map { $0.map(String.init) }
        case .double(let values): return values.map { Self.text($0) }
        case .float(let values): return values.map { Self.text(Double($0)) }
        }
    }

    /// `x` as the feature writer prints it (nil for missing).
    private static func text(_ x: Double) -> String? {
        if x.isNaN { return nil }
        var sink = _TextSink()
        sink.appendNumber(x)
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}
