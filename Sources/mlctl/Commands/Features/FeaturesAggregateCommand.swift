import ArgumentParser
import MLCore
import MLFeatures

/// `mlctl features aggregate`: point-in-time per-entity window aggregations of an event file
/// (MLFeatures' ``EntityAggregation``), written as CSV in the input's row order.
struct FeaturesAggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Per-entity window aggregations of events, point in time (each event sees only earlier events).",
        discussion: """
            For each event: count, sum, mean, std (ddof 1), min, max, distinct (categories), ratio (value / window \
            mean) of the same entity's events in [t - w, t) for each window, as pandas' \
            groupby(entity).rolling(w, on=time, closed='left'); --recency adds seconds_since_last. \
            Output columns: the --keep columns (text as read), then {value}_{aggregation}_{window} for each window \
            and each aggregation in the order given, then seconds_since_last; rows in input order; empty field = \
            missing (empty window: count 0, sum 0, the others empty). Windows: integer + s/m/h/d/w (90s, 15m, 2h, \
            3d, 1w). Times: integer or decimal epoch seconds, or ISO-8601 (2024-01-02T03:04:05Z, with an offset or \
            fractional seconds; no zone = UTC). Exit codes: 0 written, 2 bad usage or input (missing column, \
            unreadable time or value, bad window, distinct without --category).
            """
    )

    @Option(help: "Events: a CSV file with a header row.")
    var input: String

    @Option(help: "The entity column (card, customer).")
    var entity: String

    @Option(help: "The event time column (epoch seconds or ISO-8601).")
    var time: String

    @Option(help: "The numeric value column aggregated.")
    var value: String

    @Option(help: "A categorical column, for the 'distinct' aggregation.")
    var category: String?

    @Option(help: "Comma-separated windows, e.g. 1h,24h,7d,30d.")
    var windows: String

    @Option(help: "Comma-separated: count,sum,mean,std,min,max,distinct,ratio.")
    var aggregations: String = "count,sum,mean,std,min,max"

    @Flag(help: "Add seconds_since_last: seconds since the entity's previous event.")
    var recency = false

    @Option(help: "Comma-separated input columns copied to the output first, as text (e.g. event_id).")
    var keep: String?

    @Option(help: "Where to write the features (CSV).")
    var output: String

    @OptionGroup var jsonOutput: JSONOutput

    struct Summary: Encodable {
        let output: String
        let rows: Int
        let columns: [String]
    }

    func run() throws {
        do {
            let aggregation = try EntityAggregation(
                windows: AggregationWindow.list(parsing: windows),
                aggregates: EntityAggregate.list(parsing: aggregations), recency: recency)
            if aggregation.needsCategory && category == nil {
                throw InputError("the aggregation 'distinct' needs --category")
            }
            let kept = keep.map { $0.split(separator: ",").map(String.init) } ?? []
            let schema = Dictionary(kept.map { ($0, ColumnType.string) }, uniquingKeysWith: { a, _ in a })
            let table = try CSVReader(schema: schema).read(contentsOf: input)
            let features = try aggregation.features(table, entity: entity, time: time, value: value, category: category)
            let leading: [(name: String, values: [String?])] = try kept.map { name in
                guard case .string(let texts) = try table.column(named: name) else { return (name, []) }
                return (name, texts)
            }
            let names = aggregation.featureNames(value: value)
            try FeatureCSVWriter().write(features, names: names, leading: leading, to: output)
            try jsonOutput.emit(Summary(output: output, rows: features.rowCount, columns: kept + names)) {
                print("wrote \(features.rowCount) rows × \(kept.count + names.count) columns to \(output)")
            }
        } catch let error as FeatureError {
            // Errors about the file's contents name it; errors about options do not.
            let fromFile = error.index != nil || error.code == .missingColumn
            throw InputError((fromFile ? error.at(path: input) : error).description)
        }
    }
}
