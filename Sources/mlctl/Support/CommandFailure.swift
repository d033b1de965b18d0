import ArgumentParser
import MLCalibration
import MLCore
import MLFeatures
import MLMetrics
import MLModels
import MLRegistry
import MLServe
import MLValidation

/// What `mlctl` prints on stderr and exits with for an error: the one place where library
/// errors meet the exit-code convention (DESIGN §4, README).
///
/// - 1, `check failed: …`: ``CheckFailed``, and a registry gate that refused a move;
/// - 2, `error: …`: everything else (bad usage, unreadable or invalid input);
/// - 0: `--help` and `--version` (ArgumentParser prints them).
struct CommandFailure {
    /// The line for stderr (empty: nothing to print).
    let message: String
    /// The process's exit status.
    let exitCode: ExitCode

    /// A check ran and failed.
    static var checkFailed: ExitCode { ExitCode(1) }
    /// Bad usage or bad input.
    static var badInput: ExitCode { ExitCode(2) }

    /// The message and exit status for `error`, thrown while parsing or running under `root`.
    static func of(_ error: any Error, root: any ParsableCommand.Type) -> CommandFailure {
        switch error {
        case let failed as CheckFailed:
            return CommandFailure(message: failed.summary.isEmpty ? "" : "check failed: \(failed.summary)", exitCode: checkFailed)
        case let e as RegistryError where e.code == .gateFailed:
            return CommandFailure(message: "check failed: \(e.description)", exitCode: checkFailed)
        case let e as InputError:
            return CommandFailure(message: "error: \(e.message)", exitCode: badInput)
        case let e as ServeError:
            return CommandFailure(message: "error: \(e.message)", exitCode: badInput)
        case is DataFormatError, is LinearAlgebraError, is ModelLoadingError, is ScoringError, is EvaluationError,
            is MetricError, is CalibrationError, is RegistryError, is FeatureError:
            return CommandFailure(message: "error: \(error)", exitCode: badInput)
        default:
            // ArgumentParser's own errors (usage, validation, --help, --version) and any other error.
            if root.exitCode(for: error) == .success { return CommandFailure(message: "", exitCode: .success) }
            var text = root.fullMessage(for: error)
            if text.hasPrefix("Error: ") { text = String(text.dropFirst("Error: ".count)) }
            return CommandFailure(message: "error: " + text, exitCode: badInput)
        }
    }
}
