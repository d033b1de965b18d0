import ArgumentParser
import MLCore
import MLFeatures
import MLValidation

/// `mlctl cpcv --samples N --groups G --test-groups K [--purge P] [--embargo E] [--json]`.
struct CPCVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpcv",
        abstract: "Combinatorial purged cross-validation splits and backtest paths (skfolio's conventions).",
        discussion: """
            Groups hold samples/groups observations (the last takes the remainder); splits follow \
            itertools.combinations order; purge removes the P training samples before each test block and \
            P + E after it; with --label-intervals FILE, a training sample goes when its label interval \
            (prediction time → evaluation time, epoch seconds or ISO-8601) overlaps a test block's span, and \
            --embargo samples after each block. --json prints n_splits, n_paths, group_bounds, paths and every split's \
            test_groups, path_ids, train_indices and test_indices. Exit 2 for a bad configuration \
            (including more than --max-splits splits).
            """
    )

    @Option(help: "Number of observations (default with --label-intervals: its row count).")
    var samples: Int?

    @Option(help: "N, the number of groups.")
    var groups: Int

    @Option(name: .customLong("test-groups"), help: "k, the number of test groups per split.")
    var testGroups: Int

    @Option(help: "Training observations purged before each test block (and, with the embargo, after it).")
    var purge: Int = 0

    @Option(help: "Extra training observations embargoed after each test block.")
    var embargo: Int = 0

    @Option(
        name: .customLong("label-intervals"),
        help: "CSV with each sample's label interval (one row per sample, in time order): purge by overlap instead of --purge.")
    var labelIntervals: String?

    @Option(name: .customLong("start-column"), help: "The prediction-time column of --label-intervals.")
    var startColumn = "start"

    @Option(name: .customLong("end-column"), help: "The evaluation-time column of --label-intervals.")
    var endColumn = "end"

    @Option(name: .customLong("max-splits"), help: "Refuse configurations with more splits than this.")
    var maxSplits: Int = CombinatorialPurgedCV.defaultMaxSplits

    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if labelIntervals != nil && purge != 0 { throw ValidationError("--purge and --label-intervals exclude each other") }
        if labelIntervals == nil && samples == nil { throw ValidationError("give --samples (or --label-intervals)") }
    }

    func run() throws {
        var rule = PurgeRule.observations(purge: purge, embargo: embargo)
        var count = samples ?? 0
        if let labelIntervals {
            // Times as seconds: EventTime reads epoch numbers and ISO-8601 alike.
            let table = try CSVReader().read(contentsOf: labelIntervals)
            let seconds = try [startColumn, endColumn].map { name in
                try EventTime.nanoseconds(from: try table.column(named: name), name: name).map {
                    Double($0) / Double(EventTime.nanosecondsPerSecond)
                }
            }
            rule = .labelIntervals(start: seconds[0], end: seconds[1], embargo: embargo)
            count = samples ?? table.rowCount
        }
        let cv = try CombinatorialPurgedCV(
            samples: count, groups: groups, testGroups: testGroups, purge: rule, maxSplits: maxSplits)
        if jsonOutput.json {
            var output = StandardOutput()
            cv.writeJSON(to: &output)
            output.flush()
        } else {
            print(cv.text)
        }
    }
}
