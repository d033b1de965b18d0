import ArgumentParser

/// `mlctl data …`: checks on data files (tests, freshness, label leakage).
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Data checks: column tests, row counts, freshness and label leakage from a YAML tests file.",
        discussion: """
            mlctl data check --input t.csv --tests tests.yaml [--now 2024-03-01T00:00:00Z] [--json]
            Exit codes: 0 no error-level failure (warnings are printed), 1 an error-level check failed, \
            2 bad usage or input (bad YAML, unknown key, missing column, unreadable file).
            """,
        subcommands: [DataCheckCommand.self]
    )
}
