import ArgumentParser
import MLCore
import MLFeatures

struct StoreGetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Online read: the latest values of entities, with a status per value (present, expired, missing).",
        discussion: "The TTL is enforced at read time against --now (default: the clock).")

    @OptionGroup var location: StoreLocation
    @Option(help: "The view.") var view: String
    @Option(help: "Comma-separated entity keys.") var entities: String
    @Option(help: "Comma-separated features (default: all).") var features: String?
    @Option(help: "Read as of this time (epoch seconds or ISO-8601; default: now).") var now: String?
    @Option(help: "Refuse unless the view is at this version (SHA-256).") var version: String?
    @OptionGroup var jsonOutput: JSONOutput

    struct Entry: Encodable {
        let entity: String
        let event_time: Double?
        let values: [String: Double?]
        let status: [String: String]
    }

    func run() throws {
        let store = try location.open(clock: try now.map { try storeTime($0, option: "now") })
        let keys = storeList(entities) ?? []
        let names = try storeList(features) ?? store.view(named: view).view.featureNames
        let rows = try store.get(view: view, entities: keys, features: names, pinnedVersion: version)
        let entries = rows.map { row in
            Entry(
                entity: row.entity, event_time: row.eventTime.map { Double($0) / 1e9 },
                values: Dictionary(uniqueKeysWithValues: zip(names, row.values.map { $0.isNaN ? nil : $0 })),
                status: Dictionary(uniqueKeysWithValues: zip(names, row.statuses.map(\.rawValue))))
        }
        try jsonOutput.emit(["view": AnyEncodable(view), "entities": AnyEncodable(entries)]) {
            for row in rows {
                let cells = zip(names, zip(row.values, row.statuses)).map { name, pair in
                    "\(name)=\(pair.0.isNaN ? "" : "\(pair.0)")(\(pair.1.rawValue))"
                }
                print("\(row.entity): " + cells.joined(separator: " "))
            }
        }
    }
}

/// Type erasure for a JSON object of mixed values.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeValue = value.encode(to:) }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

struct StoreParityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity",
        abstract: "Check that online values equal an offline point-in-time read at the latest materialization.",
        discussion: "Exit 1 when any sampled entity differs (each named with the first differing field).")

    @OptionGroup var location: StoreLocation
    @Option(help: "The view.") var view: String
    @Option(help: "Entities to compare (a seeded sample of the online store).") var sample = 1_000
    @Option(help: "The sample's seed.") var seed: UInt64 = 0
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let report = try location.open().parity(view: view, sample: sample, seed: seed)
        try jsonOutput.emit(report) {
            print("parity \(view): \(report.checked) entities checked, \(report.mismatchCount) mismatches")
            for m in report.mismatches { print("  \(m.entity): \(m.field) online \(m.online) offline \(m.offline)") }
        }
        if !report.passed { throw CheckFailed(summary: "\(report.mismatchCount) entities differ between online and offline") }
    }
}

struct StoreHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "What was done to the store's views (apply, ingest, materialize, push, parity).")

    @OptionGroup var location: StoreLocation
    @Option(help: "Only this view.") var view: String?
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let store = try location.open()
        let entries = try store.history(view: view)
        let views = try store.views()
        try jsonOutput.emit([
            "views": AnyEncodable(
                views.map { ["name": $0.view.name, "version": $0.view.version, "features": "\($0.view.features.count)"] }),
            "history": AnyEncodable(entries),
        ]) {
            for stored in views {
                print("view \(stored.view.name) version \(stored.view.version.prefix(12)) features \(stored.view.features.count)"
                    + " ttl \(stored.view.ttlSeconds.map { "\($0)s" } ?? "none")")
            }
            for entry in entries {
                let details = entry.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                print("\(Double(entry.at) / 1e9) \(entry.view) \(entry.action) \(details)")
            }
        }
    }
}
