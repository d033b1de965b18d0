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

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    @Option(help: "Who acts (recorded in history and audit log); default $USER or 'unknown'.")
    var actor: String?

    /// Opens the existing registry at `--db`.
    func open() throws -> ModelRegistry {
        try registryCall { try ModelRegistry(path: db) }
    }
}

/// Runs a registry call, mapping ``RegistryError`` to the exit-code convention: a gate that
/// refused a move is a failed check (exit 1), anything else bad input (exit 2).
func registryCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as RegistryError {
        if error.code == .gateFailed { throw CheckFailed(summary: error.description) }
        throw InputError(error.description)
    }
}

/// Parses `--version`/`--alias` into a reference (latest when neither is given).
func versionReference(version: Int?, alias: String?) throws -> VersionReference {
    switch (version, alias) {
    case (let v?, nil): return .number(v)
    case (nil, let a?): return .alias(a)
    case (nil, nil): return .latest
    default: throw ValidationError("give --version or --alias, not both")
    }
}

/// Parses an ISO 8601 date or date-time for `--as-of` (a bare date means the end of that day).
func parseAsOf(_ text: String) throws -> RegistryTimestamp {
    guard let t = RegistryTimestamp(iso8601: text, dateOnly: .endOfDay) else {
        throw InputError("--as-of '\(text)' is not an ISO 8601 date or date-time (e.g. 2026-03-01 or 2026-03-01T12:00:00Z)")
    }
    return t
}

/// Reads `--force`/`--reason` into an override; `--force` without a reason is refused.
func gateOverride(force: Bool, reason: String?) throws -> GateOverride? {
    guard force else { return nil }
    guard let reason, !reason.isEmpty else { throw ValidationError("--force needs --reason") }
    return GateOverride(reason: reason)
}

/// Prints rows as left-aligned columns.
func printTable(_ header: [String], _ rows: [[String]]) {
    var widths = header.map(\.count)
    for row in rows {
        for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in
            i == cells.count - 1 ? c : c + String(repeating: " ", count: max(0, widths[i] - c.count))
        }.joined(separator: "  ")
    }
    print(line(header))
    for row in rows { print(line(row)) }
}
