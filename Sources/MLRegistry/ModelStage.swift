/// The lifecycle stage of a model version. Every version has exactly one; new versions
/// start in ``none``. Moving to ``production`` is gated by evidence (see ``GatePolicy``);
/// ``archived`` versions cannot hold aliases.
public enum ModelStage: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Registered, not yet staged.
    case none
    /// Under evaluation (shadow, canary, A/B).
    case staging
    /// Serving production traffic.
    case production
    /// Retired; kept for lineage and audit. Can be moved back to another stage.
    case archived

    public var description: String { rawValue }
}

/// Which version of a model a query means: a number, the holder of an alias, or the latest.
///
/// Parsed from text by ``init(parsing:)``: `7`, `@champion` (or `alias:champion`), `latest`.
public enum VersionReference: Sendable, Hashable, CustomStringConvertible {
    /// Version number `n` (1-based, per model).
    case number(Int)
    /// The version an alias points to now.
    case alias(String)
    /// The highest version number that still exists.
    case latest

    /// Parses `7`, `@champion`, `alias:champion` or `latest`; `nil` for anything else.
    public init?(parsing text: String) {
        if text == "latest" {
            self = .latest
        } else if let n = Int(text), n > 0 {
            self = .number(n)
        } else if text.hasPrefix("@"), text.count > 1 {
            self = .alias(String(text.dropFirst()))
        } else if text.hasPrefix("alias:"), text.count > 6 {
            self = .alias(String(text.dropFirst(6)))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .alias(let a): return "@" + a
        case .latest: return "latest"
        }
    }
}

/// Permission to skip a failed gate or a conflict check, with the reason recorded in the
/// audit log and the alias or stage history.
public struct GateOverride: Sendable, Hashable, Codable {
    /// Why the check is overridden (required, non-empty).
    public var reason: String

    /// An override with its reason.
    public init(reason: String) {
        self.reason = reason
    }
}

/// Which recorded evidence a gated move requires, stored in the registry when it is
/// created so that every process applies the same rule.
///
/// A move to a gated alias or to the production stage passes when every kind in
/// ``requiredEvidence`` is recorded for the version with `passed: true`, and no recorded
/// evidence item of any kind has `passed: false`.
public struct GatePolicy: Sendable, Hashable, Codable {
    /// Evidence kinds that must be present and passed, e.g. `gates`, `export_validation`, `calibration`.
    public var requiredEvidence: [String]
    /// Aliases whose moves are gated (default `["champion"]`).
    public var gatedAliases: [String]

    /// The default: all three evidence kinds, and `champion` gated.
    public static let standard = GatePolicy(
        requiredEvidence: ["gates", "export_validation", "calibration"], gatedAliases: ["champion"])

    /// A policy.
    public init(requiredEvidence: [String], gatedAliases: [String]) {
        self.requiredEvidence = requiredEvidence
        self.gatedAliases = gatedAliases
    }

    enum CodingKeys: String, CodingKey {
        case requiredEvidence = "required_evidence"
        case gatedAliases = "gated_aliases"
    }
}
