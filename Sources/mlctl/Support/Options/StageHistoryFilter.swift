import ArgumentParser

/// `--stages [--version V]`: `registry history` lists stage moves (of one version) instead of
/// alias moves.
struct StageHistoryFilter: ParsableArguments {
    @Flag(help: "Stage moves instead of alias moves.")
    var stages = false

    @Option(help: "With --stages: only this version.")
    var version: Int?
}
