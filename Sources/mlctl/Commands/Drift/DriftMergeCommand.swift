import ArgumentParser
import MLDrift

/// `mlctl drift merge A.json B.json … --output all.json`: the profile of the concatenated shards.
struct DriftMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge shard profiles into the profile of the whole data.",
        discussion: """
            Counts, categories, mean, std, min and max merge exactly; decile edges and bin proportions \
            within the documented rank error (0.001 per merge level at the default resolution); \
            the reservoir samples into a uniform sample of the union.
            """
    )

    @Argument(help: "Shard profiles, in data order.")
    var profiles: [String]

    @Option(help: "Where to write the merged profile.")
    var output: String

    func validate() throws {
        if profiles.count < 2 { throw ValidationError("give at least two profiles to merge") }
    }

    func run() throws {
        let loaded = try profiles.map { try BaselineProfile.load(contentsOf: $0) }
        let merged = try BaselineProfile.merged(loaded)
        try merged.write(to: output)
        print("merged \(loaded.count) profiles (\(merged.rowCount) rows, \(merged.columns.count) columns) into \(output)")
    }
}
