/// Thrown by a command whose check ran and failed (a gate, drift, parity): exit code 1.
/// The command has already printed its report; `summary` (when not empty) goes to stderr.
struct CheckFailed: Error {
    let summary: String
}

/// A bad-input error raised by a command itself (a missing file, an option that does not fit): exit code 2.
struct InputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
