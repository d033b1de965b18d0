import ArgumentParser

/// `mlctl drift …`: baseline profiles and drift checks. Without a subcommand name the options
/// go to `check` (the default), so `mlctl drift --baseline B --current C` is the cron form.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Data drift: compare current data with a baseline (profile or CSV); make and merge profiles.",
        discussion: """
            mlctl drift --baseline B(.profile.json|.csv) --current C.csv [--config drift.yaml] [--json] \
            [--report d.html] [--prometheus d.prom]
            mlctl drift snapshot --data base.csv [--columns a,b] --output base.profile.json
            mlctl drift merge A.profile.json B.profile.json --output all.profile.json
            Exit codes: 0 no drift, 1 drift, 2 bad usage or input (missing column, type mismatch, empty data).
            """,
        subcommands: [DriftCheckCommand.self, DriftSnapshotCommand.self, DriftMergeCommand.self],
        defaultSubcommand: DriftCheckCommand.self
    )
}
