import ArgumentParser
import MLCore
import MLDrift

/// `mlctl drift snapshot --data base.csv [--columns …] --output base.profile.json`.
struct DriftSnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Profile baseline data into a mergeable JSON profile.",
        discussion: """
            Per column: type, counts, missing rate, decile edges and bin proportions, a quantile sketch, \
            a seeded reservoir sample (default 10,000 values) for KS and Wasserstein, mean/std/min/max, \
            category counts; plus the data's SHA-256.
            """
    )

    @Option(help: "Baseline data: a CSV file with a header row.")
    var data: String

    @OptionGroup var columns: ColumnSelection

    @Option(help: "Where to write the profile (JSON).")
    var output: String

    @Option(help: "Reservoir sample size per numeric column.")
    var sampleSize: Int = BaselineProfiler.defaultSampleCapacity

    @Option(help: "Seed of the reservoir sampling.")
    var seed: UInt64 = 0

    @Option(help: "YAML drift configuration; its per-column 'kind' settings are applied.")
    var config: String?

    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if sampleSize < 1 { throw ValidationError("--sample-size must be at least 1") }
    }

    struct Summary: Encodable {
        let output: String
        let rows: Int
        let columns: [String]
        let data_sha256: String
    }

    func run() throws {
        let configuration = try config.map { try DriftConfiguration.load(contentsOf: $0) } ?? DriftConfiguration()
        let table = try CSVReader().read(contentsOf: data)
        let profiler = BaselineProfiler(
            sampleCapacity: sampleSize, seed: seed, kinds: configuration.columns.compactMapValues(\.kind))
        let profile = try profiler.profile(table, columns: columns.selected)
        try profile.write(to: output)
        let summary = Summary(output: output, rows: profile.rowCount, columns: profile.columns.map(\.name), data_sha256: profile.dataSHA256)
        try jsonOutput.emit(summary) {
            print("profiled \(profile.columns.count) columns of \(profile.rowCount) rows into \(output) (data sha256 \(profile.dataSHA256))")
        }
    }
}
