import ArgumentParser
import MLCore

/// `mlctl hash FILE... [--json]`: SHA-256 per file, as `sha256sum` prints it.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "SHA-256 of data or model files (streamed), for provenance.",
        discussion: """
            Prints '<sha256>  <file>' per file like sha256sum; --json prints {"files": [{"path", "sha256"}]}. \
            A missing or unreadable file is exit 2.
            """
    )

    @Argument(help: "Files to hash.")
    var files: [String]

    @OptionGroup var jsonOutput: JSONOutput

    struct Entry: Encodable {
        let path: String
        let sha256: String
    }

    struct Report: Encodable {
        let files: [Entry]
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file") }
    }

    func run() throws {
        let entries = try files.map { Entry(path: $0, sha256: try FileDigest.sha256Hex(ofFileAt: $0)) }
        try jsonOutput.emit(Report(files: entries)) {
            for e in entries { print("\(e.sha256)  \(e.path)") }
        }
    }
}
