import ArgumentParser
import MLCore
import MLFeatures

struct StoreIngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Append rows from a CSV file to a view's offline store (defining the view from the file if new).",
        discussion: """
            Rows may come in any order. A new view takes --entity as its key, --ttl, and as features --features \
            (else every column but the entity and times), typed from the file (whole numbers int64, other numbers \
            float64, true/false bool).
            """)

    @OptionGroup var location: StoreLocation
    @Option(help: "The view.") var view: String
    @Option(help: "Rows: a CSV file with a header row.") var input: String
    @Option(help: "The entity key column.") var entity: String
    @Option(help: "The event time column (epoch seconds or ISO-8601).") var time: String
    @Option(help: "The created time column (when each row became known); default: the event time.") var created: String?
    @Option(help: "A new view's TTL (90s, 15m, 36h, 7d, 2w); for an existing view it must match.") var ttl: String?
    @Option(help: "Comma-separated feature columns (a new view); default: every other column.") var features: String?
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let ttlSeconds = try ttl.map { try FeatureView.ttlSeconds(parsing: $0) }
        let report = try location.open().ingest(
            csv: input, view: view, entity: entity, time: time, created: created, ttlSeconds: ttlSeconds,
            features: storeList(features))
        try jsonOutput.emit(report) {
            print(
                "ingested \(report.ingest.rows) rows of \(report.ingest.entities) entities into \(view)"
                    + " (version \(report.ingest.version.prefix(12)), \(report.ingest.segments) segments)"
                    + (report.createdView ? "; defined the view with features \(report.features.joined(separator: ","))" : ""))
        }
    }
}

struct StoreRetrieveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieve",
        abstract: "Point-in-time retrieval for training: each request gets the features as of its time.",
        discussion: """
            For each request (entity, time): the entity's latest row with event time <= the request time (with \
            --as-of-created also created time <= it), present within the view's TTL, else expired; missing when \
            there is none. Output: the request columns, then the features (empty = not present), then status; \
            one row per request in file order.
            """)

    @OptionGroup var location: StoreLocation
    @Option(help: "The view.") var view: String
    @Option(help: "Requests: a CSV file with a header row.") var requests: String
    @Option(help: "The requests' entity key column.") var entity: String
    @Option(help: "The requests' time column.") var time: String
    @Flag(help: "Use only rows created at or before the request time (no late-arriving corrections).")
    var asOfCreated = false
    @Option(help: "Comma-separated features to return (default: all, in the view's order).") var features: String?
    @Option(help: "Refuse unless the view and its data are at this version (SHA-256).") var version: String?
    @Option(help: "Where to write the features (CSV).") var output: String
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let report = try location.open().retrieve(
            csv: requests, view: view, entity: entity, time: time, asOfCreated: asOfCreated,
            features: storeList(features), pinnedVersion: version, output: output)
        try jsonOutput.emit(report) {
            print(
                "wrote \(report.requests) requests to \(output): \(report.present) present, \(report.expired) expired,"
                    + " \(report.missing) missing (hit rate \(String(format: "%.4f", report.hitRate)))")
        }
    }
}

struct StoreMaterializeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "materialize",
        abstract: "Copy each entity's point-in-time row at --end from the offline to the online store.",
        discussion: """
            Full without --start; incremental with it (only entities with rows whose event or created time is in \
            (start, end]). Older rows never replace newer online values. Run 'parity' after it.
            """)

    @OptionGroup var location: StoreLocation
    @Option(help: "The view.") var view: String
    @Option(help: "Exclusive start (epoch seconds or ISO-8601): incremental.") var start: String?
    @Option(help: "The time to materialize to (default: now).") var end: String?
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let report = try location.open().materialize(
            view: view, from: start.map { try storeTime($0, option: "start") },
            to: end.map { try storeTime($0, option: "end") })
        try jsonOutput.emit(report) {
            print("materialized \(view): \(report.entities) entities, \(report.written) online records written")
        }
    }
}
