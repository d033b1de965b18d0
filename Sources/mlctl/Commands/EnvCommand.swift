import ArgumentParser
import MLCore

/// `mlctl env [--json]`: the environment snapshot recorded next to results.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract:
            "Environment snapshot: OS, kernel, CPU and flags, cores, memory, threads, Swift, BLAS, SQLite, SDK, git, time.",
        discussion:
            "Prints aligned 'key: value' lines, or with --json one object (snake_case keys, sorted) whose keys are always present (null when unknown)."
    )

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let snapshot = EnvironmentSnapshot.capture()
        try jsonOutput.emit(snapshot) {
            TextTable.printAligned(snapshot.summary)
        }
    }
}
