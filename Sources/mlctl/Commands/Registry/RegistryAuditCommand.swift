import ArgumentParser
import MLRegistry

/// `mlctl registry audit verify|log|check`.
struct RegistryAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The hash-chained audit log: verify it, list it, or check the whole registry's consistency.",
        subcommands: [Verify.self, Log.self, Check.self]
    )

    /// `audit verify`: exit 0 intact, 1 tampered.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the audit log's hash chain: exit 0 when intact, 1 when a row was edited, inserted or removed."
        )

        @OptionGroup var options: RegistryOptions

        func run() throws {
            let result = try options.open().verifyAuditLog()
            try options.emit(result) {
                if result.intact {
                    print("audit log intact: \(result.rowCount) rows, head \(result.headHash)")
                } else {
                    print("audit log TAMPERED: \(result.problems.count) problem(s)")
                    for p in result.problems { print("  \(p.seq.map { "row \($0): " } ?? "")\(p.message)") }
                }
            }
            if !result.intact { throw CheckFailed(summary: "audit log tampered") }
        }
    }

    /// `audit log`: newest rows first.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit rows, newest first.")

        @OptionGroup var options: RegistryOptions

        @Option(help: "Only this model's rows.")
        var name: String?

        @Option(help: "How many rows.")
        var limit: Int = 50

        struct Report: Encodable {
            let entries: [AuditEntry]
        }

        func run() throws {
            let entries = try options.open().auditLog(model: name, limit: limit)
            try options.emit(Report(entries: entries)) {
                TextTable.print(
                    ["seq", "at", "actor", "action", "model", "version", "reason"],
                    entries.map {
                        [
                            String($0.seq), $0.at.iso8601, $0.actor, $0.action + ($0.forced ? " (forced)" : ""),
                            $0.model ?? "", $0.version.map(String.init) ?? "", $0.reason ?? "",
                        ]
                    })
            }
        }
    }

    /// `audit check`: database ↔ artifact store consistency; exit 1 when inconsistent.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every version's artifact exists and hashes right, numbering, audit chain and SQLite integrity (exit 1 when not)."
        )

        @OptionGroup var options: RegistryOptions

        func run() throws {
            let report = try options.open().checkConsistency()
            try options.emit(report) {
                print("versions: \(report.versionCount)")
                print("missing artifacts: \(report.missingArtifacts.joined(separator: ", "))")
                print("corrupt artifacts: \(report.corruptArtifacts.joined(separator: ", "))")
                print("unreferenced artifacts: \(report.unreferencedArtifacts.count)")
                print("audit log: \(report.audit.intact ? "intact" : "TAMPERED")")
                print(report.isConsistent ? "consistent" : "INCONSISTENT")
            }
            if !report.isConsistent { throw CheckFailed(summary: "registry inconsistent") }
        }
    }
}
