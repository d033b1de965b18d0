import ArgumentParser
import MLRegistry

/// `--name N`: a registered model's name.
struct ModelName: ParsableArguments {
    @Option(help: "Model name.")
    var name: String
}

/// `[--version V | --alias A]`: which version of a model (the latest when neither is given).
struct VersionChoice: ParsableArguments {
    @Option(help: "Version number.")
    var version: Int?

    @Option(help: "Alias name (e.g. champion).")
    var alias: String?

    /// The version these options name; both at once is refused.
    func reference() throws -> VersionReference {
        switch (version, alias) {
        case (let v?, nil): return .number(v)
        case (nil, let a?): return .alias(a)
        case (nil, nil): return .latest
        default: throw ValidationError("give --version or --alias, not both")
        }
    }
}

/// `--name N [--version V | --alias A]`: one version of a registered model (the latest when
/// neither `--version` nor `--alias` is given).
struct VersionSelection: ParsableArguments {
    @OptionGroup var model: ModelName

    @OptionGroup var choice: VersionChoice

    var name: String { model.name }

    /// The version these options name.
    func reference() throws -> VersionReference { try choice.reference() }
}

/// `--name N --version V`: one numbered version of a registered model.
struct NumberedVersion: ParsableArguments {
    @OptionGroup var model: ModelName

    @Option(help: "Version number.")
    var version: Int

    var name: String { model.name }
}

/// `[--force] --reason R`: why a move is made (recorded), and the override of a failed evidence gate.
struct MoveReason: ParsableArguments {
    @Flag(help: "Override a failed evidence gate (needs --reason).")
    var force = false

    @Option(help: "Why (recorded in history and audit log).")
    var reason: String?

    /// The gate override `--force` asks for; `--force` without a reason is refused.
    func override() throws -> GateOverride? {
        guard force else { return nil }
        guard let reason, !reason.isEmpty else { throw ValidationError("--force needs --reason") }
        return GateOverride(reason: reason)
    }
}

/// `--reason R`: why a change is made (recorded in history and audit log).
struct RecordedReason: ParsableArguments {
    @Option(help: "Why (recorded in history and audit log).")
    var reason: String?
}

/// Parses an ISO 8601 date or date-time for `--as-of` (a bare date means the end of that day).
func parseAsOf(_ text: String) throws -> RegistryTimestamp {
    guard let t = RegistryTimestamp(iso8601: text, dateOnly: .endOfDay) else {
        throw InputError("--as-of '\(text)' is not an ISO 8601 date or date-time (e.g. 2026-03-01 or 2026-03-01T12:00:00Z)")
    }
    return t
}
