import ArgumentParser
import MLCore

/// The root `mlctl` command: a thin wrapper over the swift-mlops libraries for CI and cron.
@main
struct MLCtl: AsyncParsableCommand {
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

    /// Parses and runs the command; every error leaves through ``CommandFailure`` (the one
    /// mapping from errors to messages and exit codes, DESIGN §4).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let failure = CommandFailure.of(error, root: self)
            // --help and --version: ArgumentParser prints them and exits 0.
            guard failure.exitCode != .success else { exit(withError: error) }
            if !failure.message.isEmpty { StandardError.writeLine(failure.message) }
            exit(withError: failure.exitCode)
        }
    }
}
