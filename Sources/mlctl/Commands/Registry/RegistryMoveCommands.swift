import ArgumentParser
import MLRegistry

/// `mlctl registry alias`: point an alias at a version (gated for champion).
struct RegistryAliasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alias",
        abstract: "Point an alias at a version, or remove it; moves of gated aliases (champion) check evidence.",
        discussion: """
            A gated move whose evidence is missing or failed exits 1; --force --reason R overrides it and \
            records the override. An unknown model or version exits 2. Nothing is written on failure.
            """
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Model name.")
    var name: String

    @Option(help: "Alias name (champion, challenger, any name).")
    var alias: String

    @Option(help: "Version number the alias should point to.")
    var version: Int?

    @Flag(help: "Remove the alias instead.")
    var remove = false

    @Flag(help: "Override a failed evidence gate (needs --reason).")
    var force = false

    @Option(help: "Why (recorded in history and audit log).")
    var reason: String?

    func validate() throws {
        if remove == (version != nil) { throw ValidationError("give --version, or --remove") }
    }

    func run() throws {
        let override = try gateOverride(force: force, reason: reason)
        let registry = try options.open()
        let move = try registryCall { () throws -> AliasMove in
            if remove { return try registry.removeAlias(alias, model: name, actor: options.actor, reason: reason) }
            return try registry.setAlias(
                alias, model: name, version: version ?? 0, actor: options.actor, reason: reason, override: override)
        }
        if options.json {
            try Output.printJSON(move)
        } else {
            let from = move.fromVersion.map { "v\($0)" } ?? "none"
            let to = move.toVersion.map { "v\($0)" } ?? "none"
            print("@\(move.alias) of \(name): \(from) -> \(to)\(move.forced ? " (forced)" : "")")
        }
    }
}

/// `mlctl registry rollback`: move champion back to its previous holder.
struct RegistryRollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Move an alias (default champion) back to the version that held it before, in one audited step."
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Model name.")
    var name: String

    @Option(help: "Alias to roll back.")
    var alias: String = "champion"

    @Option(help: "Why (recorded).")
    var reason: String?

    func run() throws {
        let registry = try options.open()
        let move = try registryCall { try registry.rollback(alias, model: name, actor: options.actor, reason: reason) }
        if options.json {
            try Output.printJSON(move)
        } else {
            print("@\(move.alias) of \(name): v\(move.fromVersion ?? 0) -> v\(move.toVersion ?? 0) (rollback)")
        }
    }
}

/// `mlctl registry promote`: move a version to a stage (production is gated).
struct RegistryPromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Move a version to a stage: none, staging, production (gated by evidence), archived.",
        discussion: "A refused production promotion exits 1; --force --reason R overrides it and is audited."
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Model name.")
    var name: String

    @Option(help: "Version number.")
    var version: Int

    @Option(help: "Target stage.")
    var stage: String

    @Flag(help: "Override a failed evidence gate (needs --reason).")
    var force = false

    @Option(help: "Why (recorded).")
    var reason: String?

    func run() throws {
        guard let target = ModelStage(rawValue: stage) else {
            throw ValidationError("--stage must be one of none, staging, production, archived")
        }
        let override = try gateOverride(force: force, reason: reason)
        let registry = try options.open()
        let move = try registryCall {
            try registry.transition(
                model: name, version: version, to: target, actor: options.actor, reason: reason, override: override)
        }
        try printStageMove(move, name: name, json: options.json)
    }
}

/// `mlctl registry archive`: retire a version.
struct RegistryArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive a version (refused while an alias points to it)."
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Model name.")
    var name: String

    @Option(help: "Version number.")
    var version: Int

    @Option(help: "Why (recorded).")
    var reason: String?

    func run() throws {
        let registry = try options.open()
        let move = try registryCall {
            try registry.archive(model: name, version: version, actor: options.actor, reason: reason)
        }
        try printStageMove(move, name: name, json: options.json)
    }
}

/// `mlctl registry delete`: remove an unused version.
struct RegistryDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a version nothing uses (no alias, deployment or logged prediction); audited."
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Model name.")
    var name: String

    @Option(help: "Version number.")
    var version: Int

    @Option(help: "Why (recorded).")
    var reason: String?

    struct Report: Encodable {
        let name: String
        let version: Int
        let deleted: Bool
    }

    func run() throws {
        let registry = try options.open()
        try registryCall {
            try registry.deleteVersion(model: name, version: version, actor: options.actor, reason: reason)
        }
        if options.json {
            try Output.printJSON(Report(name: name, version: version, deleted: true))
        } else {
            print("deleted \(name) v\(version)")
        }
    }
}

func printStageMove(_ move: StageMove, name: String, json: Bool) throws {
    if json {
        try Output.printJSON(move)
    } else {
        print("\(name) v\(move.version): \(move.fromStage) -> \(move.toStage)\(move.forced ? " (forced)" : "")")
    }
}
