import ArgumentParser
import MLCore
import MLFeatures

/// `mlctl features store …`: the offline and online feature store (MLFeatures' ``FeatureStore``).
struct FeaturesStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Feature store: ingest, point-in-time retrieval, materialization, online reads, parity.",
        discussion: """
            mlctl features store init --store fs.sqlite
            mlctl features store apply --store fs.sqlite --definition view.json
            mlctl features store ingest --store fs.sqlite --view v --input rows.csv --entity entity --time event_time \
            [--created created_time] [--ttl 7d]
            mlctl features store retrieve --store fs.sqlite --view v --requests req.csv --entity entity \
            --time request_time [--as-of-created] --output out.csv
            mlctl features store materialize --store fs.sqlite --view v [--start T] [--end T]
            mlctl features store get --store fs.sqlite --view v --entities card-1,card-2 [--now T]
            mlctl features store parity --store fs.sqlite --view v [--sample 1000] [--seed 0]
            mlctl features store history --store fs.sqlite [--view v]
            Stores: sqlite:///path, a path (SQLite), or memory:. Times: epoch seconds or ISO-8601. \
            Exit codes: 0 ok, 1 parity mismatches, 2 bad usage or input (unknown view, type mismatch, \
            unparseable time, missing column).
            """,
        subcommands: [
            StoreInitCommand.self, StoreApplyCommand.self, StoreIngestCommand.self, StoreRetrieveCommand.self,
            StoreMaterializeCommand.self, StoreGetCommand.self, StoreParityCommand.self, StoreHistoryCommand.self,
        ]
    )
}

/// The `--store` option, and opening it.
struct StoreLocation: ParsableArguments {
    @Option(help: "The feature store: sqlite:///path/fs.sqlite, a path, or memory:.")
    var store: String

    func open(create: Bool = false, clock: Int64? = nil) throws -> FeatureStore {
        var options = FeatureStore.Options()
        if let clock { options.clock = { clock } }
        return try FeatureStore.open(store, create: create, options: options)
    }
}

/// A time option's value in nanoseconds since the epoch.
func storeTime(_ text: String, option: String) throws -> Int64 {
    guard let time = EventTime.nanoseconds(parsing: text) else {
        throw InputError("--\(option): '\(text)' is not a time (epoch seconds or ISO-8601 like 2024-01-02T03:04:05Z)")
    }
    return time
}

/// A comma-separated option as a list (nil stays nil).
func storeList(_ text: String?) -> [String]? {
    text.map { $0.split(separator: ",").map { String($0).trimmingSpaces() } }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

struct StoreInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a feature store (or open and upgrade one).")

    @OptionGroup var location: StoreLocation
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let store = try location.open(create: true)
        let views = try store.views().map(\.view.name)
        try jsonOutput.emit(["store": location.store, "views": "\(views.count)"]) {
            print("feature store \(location.store): \(views.count) views")
        }
    }
}

struct StoreApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Define or update a view from a JSON or YAML file.",
        discussion: """
            {"name": "card_profile", "entity": "card", "features": [{"name": "spend_7d", "type": "float64"}], \
            "ttl_seconds": 604800, "source": "aggregations job"}  (types: float64, int64, bool; YAML alike). \
            A TTL or source change makes a new version; features cannot change once the view holds data.
            """)

    @OptionGroup var location: StoreLocation
    @Option(help: "The view definition (JSON or YAML).")
    var definition: String
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let view = try FeatureView(contentsOf: definition)
        let version = try location.open().apply(view)
        try jsonOutput.emit(["view": view.name, "version": version]) { print("view \(view.name) version \(version)") }
    }
}
