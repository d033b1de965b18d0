import ArgumentParser
import MLRegistry

/// `mlctl registry history`: alias (or stage) moves, oldest first.
struct RegistryHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Alias moves (who, when, why, from → to), oldest first; --as-of answers which version held it then.",
        discussion: """
            --json prints {"history": [{"alias", "from_version", "to_version", "moved_at", "actor", "reason", \
            "forced", "kind"}, …]}; with --alias and --as-of also "as_of" and "version" (the holder then, or null). \
            --stages lists stage moves instead. --as-of takes an ISO 8601 date (end of that day, UTC) or date-time.
            """
    )

    @OptionGroup var options: RegistryOptions

    @OptionGroup var model: ModelName

    @Option(help: "Only this alias.")
    var alias: String?

    @Option(help: "Only moves up to this time.")
    var asOf: String?

    @OptionGroup var stageFilter: StageHistoryFilter

    struct AliasReport: Encodable {
        let history: [AliasMove]
        let alias: String?
        let asOf: RegistryTimestamp?
        let version: Int?
        let includeVersion: Bool

        enum CodingKeys: String, CodingKey {
            case history, alias, version
            case asOf = "as_of"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(history, forKey: .history)
            if let alias { try c.encode(alias, forKey: .alias) }
            if let asOf { try c.encode(asOf, forKey: .asOf) }
            if includeVersion { try c.encode(version, forKey: .version) }
        }
    }

    struct StageReport: Encodable {
        let history: [StageMove]
    }

    func run() throws {
        let registry = try options.open()
        if stageFilter.stages {
            let moves = try registry.stageHistory(model: model.name, version: stageFilter.version)
            try options.emit(StageReport(history: moves)) {
                TextTable.print(
                    ["moved_at", "version", "from", "to", "actor", "reason"],
                    moves.map {
                        [
                            $0.movedAt.iso8601, String($0.version), $0.fromStage.rawValue,
                            $0.toStage.rawValue + ($0.forced ? " (forced)" : ""), $0.actor, $0.reason ?? "",
                        ]
                    })
            }
            return
        }
        let time = try asOf.map(parseAsOf)
        let moves = try registry.aliasHistory(model: model.name, alias: alias, asOf: time)
        var holder: Int?
        let includeVersion = alias != nil && time != nil
        if let alias, let time {
            holder = try registry.aliasHolder(alias, model: model.name, asOf: time)
        }
        let report = AliasReport(history: moves, alias: alias, asOf: time, version: holder, includeVersion: includeVersion)
        try options.emit(report) { printAliasMoves(moves, holder: holder, at: time) }
    }

    private func printAliasMoves(_ moves: [AliasMove], holder: Int?, at time: RegistryTimestamp?) {
        TextTable.print(
            ["moved_at", "alias", "from", "to", "actor", "reason"],
            moves.map {
                [
                    $0.movedAt.iso8601, "@" + $0.alias, $0.fromVersion.map { "v\($0)" } ?? "-",
                    ($0.toVersion.map { "v\($0)" } ?? "-") + ($0.kind == "rollback" ? " (rollback)" : "")
                        + ($0.forced ? " (forced)" : ""),
                    $0.actor, $0.reason ?? "",
                ]
            })
        if let alias, let time {
            print("@\(alias) at \(time.iso8601): \(holder.map { "v\($0)" } ?? "none")")
        }
    }
}
