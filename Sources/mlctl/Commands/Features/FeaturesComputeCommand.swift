import ArgumentParser
import MLCore
import MLFeatures

/// `mlctl features compute --set technical-v1 --input ohlcv.csv --output features.csv [--json]`.
struct FeaturesComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute a feature set (technical-v1) over OHLCV bars, with its definition and input hashes.",
        discussion: """
            Output: the timestamp column then the set's features; rows in a feature's lookback are empty. \
            Prints the set's name, version and definition hash and the input's hash (--json: {"set", "version", \
            "definition_sha256", "input_sha256", "rows", "features", "output"}).
            """
    )

    struct Report: Encodable {
        let set: String
        let version: String
        let definition_sha256: String
        let input_sha256: String
        let rows: Int
        let features: [String]
        let output: String
    }

    @Option(name: .customLong("set"), help: "Feature set name.") var setName = "technical-v1"
    @Option(help: "OHLCV CSV with a header.") var input: String
    @Option(help: "Output CSV.") var output: String
    @OptionGroup var inputColumns: OHLCVColumnOptions
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let set = try FeatureSet.named(setName)
        let table = try CSVReader().read(contentsOf: input)
        let frame = set.compute(try OHLCVBars(table: table, names: inputColumns.names))
        try CSVWriter().write(try frame.table(timestampName: inputColumns.timestamp), to: output)
        let report = Report(
            set: frame.setName, version: frame.setVersion, definition_sha256: frame.definitionHash.hex,
            input_sha256: frame.inputHash.hex, rows: frame.rowCount, features: frame.names, output: output)
        try jsonOutput.emit(report) {
            TextTable.printAligned([
                ("set", "\(report.set) \(report.version)"), ("definition sha256", report.definition_sha256),
                ("input sha256", report.input_sha256), ("rows", "\(report.rows)"),
                ("features", "\(report.features.count)"), ("output", output),
            ])
        }
    }
}
