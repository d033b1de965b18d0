import ArgumentParser
import MLValidation

/// `mlctl cpcv --samples N --groups G --test-groups K [--purge P] [--embargo E] [--json]`.
struct CPCVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpcv",
        abstract: "Combinatorial purged cross-validation splits and backtest paths (skfolio's conventions).",
        discussion: """
            Groups hold samples/groups observations (the last takes the remainder); splits follow \
            itertools.combinations order; purge removes the P training samples before each test block and \
            P + E after it. --json prints n_splits, n_paths, group_bounds, paths and every split's \
            test_groups, path_ids, train_indices and test_indices. Exit 2 for a bad configuration \
            (including more than --max-splits splits).
            """
    )

    @Option(help: "Number of observations.")
    var samples: Int

    @Option(help: "N, the number of groups.")
    var groups: Int

    @Option(name: .customLong("test-groups"), help: "k, the number of test groups per split.")
    var testGroups: Int

    @Option(help: "Training observations purged before each test block (and, with the embargo, after it).")
    var purge: Int = 0

    @Option(help: "Extra training observations embargoed after each test block.")
    var embargo: Int = 0

    @Option(name: .customLong("max-splits"), help: "Refuse configurations with more splits than this.")
    var maxSplits: Int = CombinatorialPurgedCV.defaultMaxSplits

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let cv = try CombinatorialPurgedCV(
            samples: samples, groups: groups, testGroups: testGroups, purge: .observations(purge: purge, embargo: embargo),
            maxSplits: maxSplits)
        if jsonOutput.json {
            var output = StandardOutput()
            cv.writeJSON(to: &output)
            output.flush()
        } else {
            print(cv.text)
        }
    }
}
