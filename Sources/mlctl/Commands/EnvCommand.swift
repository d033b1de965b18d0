import ArgumentParser
import MLCore

/// `mlctl env [--json]`: the environment snapshot recorded next to results.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract:
            "Environment snapshot: OS, kernel, CPU and flags, cores, memory, threads, Swift, BLAS, SQLite, SDK, git, time.",
        discussion:
            "Prints aligned 'key: value' lines, or with --json one object whose keys are always present (null when unknown)."
    )

    @Flag(help: "Print one JSON object (snake_case keys, sorted).")
    var json = false

    func run() throws {
        let snapshot = EnvironmentSnapshot.capture()
        if json {
            try Output.printJSON(snapshot)
            return
        }
        let lines = snapshot.summary
        let width = lines.map(\.key.count).max() ?? 0
        for (key, value) in lines {
            print(key + ":" + String(repeating: " ", count: width - key.count + 1) + value)
        }
    }
}
