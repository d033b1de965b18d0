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

    @OptionGroup var model: ModelName

    @Option(help: "Alias name (champion, challenger, any name).")
    var alias: String

    @OptionGroup var target: AliasTarget

    @OptionGroup var why: MoveReason

    func validate() throws {
        try target.requireOne()
    }

    func run() throws {
        let override = try why.override()
        let registry = try options.open()
        let move =
            if target.remove {
                try registry.removeAlias(alias, model: model.name, actor: options.actor, reason: why.reason)
            } else {
                try registry.setAlias(
                    alias, model: model.name, version: target.version ?? 0, actor: options.actor, reason: why.reason, override: override)
            }
        try options.emit(move) {
            let from = move.fromVersion.map { "v\($0)" } ?? "none"
            let to = move.toVersion.map { "v\($0)" } ?? "none"
            print("@\(move.alias) of \(model.name): \(from) -> \(to)\(move.forced ? " (forced)" : "")")
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

    @OptionGroup var model: ModelName

    @Option(help: "Alias to roll back.")
    var alias: String = "champion"

    @OptionGroup var why: RecordedReason

    func run() throws {
        let move = try options.open().rollback(alias, model: model.name, actor: options.actor, reason: why.reason)
        try options.emit(move) {
            print("@\(move.alias) of \(model.name): v\(move.fromVersion ?? 0) -> v\(move.toVersion ?? 0) (rollback)")
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

    @OptionGroup var target: NumberedVersion

    @Option(help: "Target stage.")
    var stage: String

    @OptionGroup var why: MoveReason

    func run() throws {
        guard let stage = ModelStage(rawValue: stage) else {
            throw ValidationError("--stage must be one of none, staging, production, archived")
        }
        let override = try why.override()
        let move = try options.open().transition(
            model: target.name, version: target.version, to: stage, actor: options.actor, reason: why.reason,
            override: override)
        try options.emit(move) { print(stageMoveLine(move, name: target.name)) }
    }
}

/// `mlctl registry archive`: retire a version.
struct RegistryArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive a version (refused while an alias points to it)."
    )

    @OptionGroup var options: RegistryOptions

    @OptionGroup var target: NumberedVersion

    @OptionGroup var why: RecordedReason

    func run() throws {
        let move = try options.open().archive(
            model: target.name, version: target.version, actor: options.actor, reason: why.reason)
        try options.emit(move) { print(stageMoveLine(move, name: target.name)) }
    }
}

/// `NAME vN: from -> to`, as promote and archive print a stage move.
func stageMoveLine(_ move: StageMove, name: String) -> String {
    "\(name) v\(move.version): \(move.fromStage) -> \(move.toStage)\(move.forced ? " (forced)" : "")"
}
