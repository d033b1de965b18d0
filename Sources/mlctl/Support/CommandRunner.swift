import ArgumentParser
import MLCore
import MLCalibration
import MLMetrics
import MLModels
import MLValidation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thrown by a command whose check ran and failed (a gate, drift, parity): exit code 1.
/// The command has already printed its report.
struct CheckFailed: Error {
    let summary: String
}

/// Runs the root command and applies the exit-code convention:
/// 0 ok, 1 ``CheckFailed``, 2 usage or input error with `error: …` on stderr.
enum CommandRunner {
    static func run(_ root: ParsableCommand.Type) -> Never {
        do {
            var command = try root.parseAsRoot()
            try command.run()
            exit(0)
        } catch let failed as CheckFailed {
            if !failed.summary.isEmpty { printError("check failed: \(failed.summary)") }
            exit(1)
        } catch {
            let code = root.exitCode(for: error)
            if code == .success {
                // --help, --version: ArgumentParser prints them and exits 0.
                root.exit(withError: error)
            }
            printError(errorMessage(root, error))
            exit(2)
        }
    }

    static func errorMessage(_ root: ParsableCommand.Type, _ error: Error) -> String {
        switch error {
        case let e as DataFormatError: return "error: \(e)"
        case let e as LinearAlgebraError: return "error: \(e)"
        case let e as ModelLoadingError: return "error: \(e)"
        case let e as ScoringError: return "error: \(e)"
        case let e as InputError: return "error: \(e.message)"
        case let e as EvaluationError: return "error: \(e)"
        case let e as MetricError: return "error: \(e)"
        case let e as CalibrationError: return "error: \(e)"
        default:
            var message = root.fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = String(message.dropFirst("Error: ".count)) }
            return "error: " + message
        }
    }

    static func printError(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeMutableBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
    }
}

/// A bad-input error raised by a command itself (a missing file, an option that does not fit).
struct InputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
