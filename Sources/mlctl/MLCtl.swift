import ArgumentParser
import MLCore

/// The root `mlctl` command: a thin wrapper over the swift-mlops libraries for CI and cron.
struct MLCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlctl",
        abstract: "swift-mlops command line: score, validate, monitor and gate ML models without Python.",
        discussion: """
            Exit codes: 0 ok or passed, 1 a check failed (gate, drift, parity, regression), \
            2 bad usage or bad input (message on stderr starting with 'error:').
            """,
        version: SDKInfo.version,
        subcommands: commandList
    )
}
