import ArgumentParser
import MLCore

/// `mlctl hash FILE... [--json]`: SHA-256 per file, as `sha256sum` prints it.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "SHA-256 of data or model files (streamed), for provenance.",
        discussion: "Prints '<sha256>  <file>' per file like sha256sum. A missing or unreadable file is exit 2."
    )

    @Argument(help: "Files to hash.")
    var files: [String]

    @Flag(help: "Print one JSON object: {\"files\": [{\"path\", \"sha256\", \"bytes\"}]}.")
    var json = false

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
        var entries: [Entry] = []
        for path in files {
            entries.append(Entry(path: path, sha256: try FileDigest.sha256Hex(ofFileAt: path)))
        }
        if json {
            try Output.printJSON(Report(files: entries))
        } else {
            for e in entries { print("\(e.sha256)  \(e.path)") }
        }
    }
}
