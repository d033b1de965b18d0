import ArgumentParser
import MLRegistry

/// `mlctl registry init`: create (or upgrade) a registry.
struct RegistryInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a registry database (and its artifact store), or upgrade an existing one.",
        discussion: "The gate policy is recorded when the registry is created; an existing registry keeps its own."
    )

    @OptionGroup var options: RegistryOptions

    @Option(
        help: "Evidence kinds a move to a gated alias or to production requires (comma-separated).")
    var requireEvidence: String = "gates,export_validation,calibration"

    @Option(help: "Aliases whose moves are gated (comma-separated).")
    var gatedAliases: String = "champion"

    struct Report: Encodable {
        let db: String
        let artifacts: String
        let policy: GatePolicy
    }

    func run() throws {
        let policy = GatePolicy(
            requiredEvidence: requireEvidence.split(separator: ",").map(String.init),
            gatedAliases: gatedAliases.split(separator: ",").map(String.init))
        let registry = try ModelRegistry.create(
            at: options.db, options: .init(defaultActor: options.actor ?? ModelRegistry.environmentActor, gatePolicy: policy))
        let recorded = try registry.gatePolicy()
        try options.emit(Report(db: registry.path, artifacts: registry.artifactDirectory, policy: recorded)) {
            print("registry: \(registry.path)")
            print("artifacts: \(registry.artifactDirectory)")
            print("gated aliases: \(recorded.gatedAliases.joined(separator: ", "))")
            print("required evidence: \(recorded.requiredEvidence.joined(separator: ", "))")
        }
    }
}
