import MLCore

/// Lines on stderr (FoundationEssentials has no file handles), through MLCore's platform shim.
enum StandardError {
    /// Writes `text` and a newline (unless it ends with one), retrying short writes.
    static func writeLine(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        _Platform.writeToStandardError(Array(line.utf8))
    }
}
