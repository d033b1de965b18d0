import ArgumentParser
import MLRegistry

/// `mlctl registry <sub>`: the model registry (MLRegistry) from the shell.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Experiments, runs, model versions, aliases and stages with history, lineage, audit log.",
        discussion: """
            Every subcommand takes --db PATH (default ./mlregistry.sqlite) and --json. Exit codes: 0 ok, \
            1 a gate refused a move or a check failed (audit verify, audit check), 2 bad usage or bad input \
            (unknown model, alias to a missing version, corrupt artifact, wrong key).
            """,
        subcommands: [
            RegistryInitCommand.self, RegistryLogRunCommand.self, RegistryRunsCommand.self,
            RegistryRegisterCommand.self, RegistryEvidenceCommand.self, RegistryListCommand.self,
            RegistryShowCommand.self, RegistryExportCommand.self, RegistryPromoteCommand.self,
            RegistryArchiveCommand.self, RegistryDeleteCommand.self, RegistryAliasCommand.self,
            RegistryRollbackCommand.self, RegistryHistoryCommand.self, RegistryCompareCommand.self,
            RegistryLineageCommand.self, RegistryDeployCommand.self, RegistryAuditCommand.self,
            RegistryKeygenCommand.self, RegistryBenchCommand.self,
        ]
    )
}

/// Options every registry subcommand shares.
struct RegistryOptions: ParsableArguments {
    @Option(help: "The registry database file.")
    var db: String = "./mlregistry.sqlite"

    @OptionGroup var jsonOutput: JSONOutput

    @Option(help: "Who acts (recorded in history and audit log); default $USER or 'unknown'.")
    var actor: String?

    /// Opens the existing registry at `--db`.
    func open() throws -> ModelRegistry { try ModelRegistry(path: db) }

    /// Prints `value` as JSON with `--json`, else runs `text`.
    func emit<T: Encodable>(_ value: T, text: () throws -> Void) throws { try jsonOutput.emit(value, text: text) }
}
