import ArgumentParser

/// `mlctl features …`: computing features from data files.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute features from data files (point-in-time entity aggregations).",
        subcommands: [FeaturesAggregateCommand.self]
    )
}
