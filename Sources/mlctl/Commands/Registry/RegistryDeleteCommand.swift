import ArgumentParser
import MLRegistry

/// `mlctl registry delete`: remove an unused version.
struct RegistryDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a version nothing uses (no alias, deployment or logged prediction); audited."
    )

    @OptionGroup var options: RegistryOptions

    @OptionGroup var target: NumberedVersion

    @OptionGroup var why: RecordedReason

    struct Report: Encodable {
        let name: String
        let version: Int
        let deleted: Bool
    }

    func run() throws {
        try options.open().deleteVersion(
            model: target.name, version: target.version, actor: options.actor, reason: why.reason)
        try options.emit(Report(name: target.name, version: target.version, deleted: true)) {
            print("deleted \(target.name) v\(target.version)")
        }
    }
}
