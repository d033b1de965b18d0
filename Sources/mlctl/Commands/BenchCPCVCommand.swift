import ArgumentParser
import MLBenchmarkSupport

/// `mlctl bench cpcv [--samples N] [--groups G] [--test-groups K] [--purge P] [--embargo E] [--repeats R] [--json]` (W10).
struct BenchCPCVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpcv",
        abstract: "Time enumerating every CPCV split's train and test index arrays (defaults: the W10 shape).",
        discussion: "--json prints the CPCVBenchmark fields."
    )

    @Option(help: "Observations.") var samples = 1_000_000
    @Option(help: "N, the number of groups.") var groups = 10
    @Option(name: .customLong("test-groups"), help: "k, test groups per split.") var testGroups = 2
    @Option(help: "Purge, in observations.") var purge = 10
    @Option(help: "Embargo, in observations.") var embargo = 10
    @Option(help: "Timed enumerations.") var repeats = 5
    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
    }

    func run() throws {
        let r = try CPCVBenchmark.run(
            samples: samples, groups: groups, testGroups: testGroups, purge: purge, embargo: embargo, repeats: repeats)
        try jsonOutput.emit(r) {
            print("CPCV \(r.samples) samples, N=\(r.groups) k=\(r.testGroups) purge \(r.purge) embargo \(r.embargo): \(r.splits) splits, \(r.paths) paths, \(r.indicesTotal) indices")
            print("enumeration: median \(r.secondsMedian) s (min \(r.secondsMin) s)")
        }
    }
}
