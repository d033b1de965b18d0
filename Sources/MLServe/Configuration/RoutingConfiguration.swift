/// Which routing policy decides the variant of each request.
public enum RoutingPolicyKind: String, Sendable, Codable, Equatable {
    /// Every request goes to `primary`.
    case single
    /// Champion/challenger weighted split, drawn per request (not sticky).
    case split
    /// Sticky canary: `percent` of entity ids (by ``StickyBucket``) go to `candidate`;
    /// requests without an id go to `primary`.
    case canary
    /// A/B test: sticky by entity id over the `arms`; requests without an id go to `primary`.
    case ab
    /// Gradual rollout of `candidate`: a sticky canary whose percentage climbs the steps,
    /// with automatic rollback.
    case rollout
}

/// One arm of a split or A/B test.
public struct RoutingArm: Sendable, Codable, Equatable {
    /// The variant name.
    public var variant: String
    /// Its share of traffic in percent (arms must sum to 100).
    public var percent: Double

    /// Creates an arm.
    public init(variant: String, percent: Double) {
        self.variant = variant
        self.percent = percent
    }
}

/// The routing section: a policy, its variants, and the shadows.
public struct RoutingConfiguration: Sendable, Codable, Equatable, _KeyTableCodable {
    /// The policy (default `single`).
    public var policy: RoutingPolicyKind
    /// The variant that answers by default (default `champion`, or the only variant).
    public var primary: String?
    /// The canary / rollout candidate.
    public var candidate: String?
    /// Canary share in percent (0…100).
    public var percent: Double
    /// Arms of a `split` or `ab` policy.
    public var arms: [RoutingArm]
    /// Salt of the sticky hash (default `mlserve`); change it to reshuffle assignments.
    public var salt: String
    /// Variants that score every request off the request path, for comparison only.
    public var shadow: [String]
    /// Gradual-rollout settings (policy `rollout`).
    public var rollout: RolloutConfiguration

    /// Creates a routing section.
    public init(
        policy: RoutingPolicyKind = .single, primary: String? = nil, candidate: String? = nil, percent: Double = 0,
        arms: [RoutingArm] = [], salt: String = "mlserve", shadow: [String] = [], rollout: RolloutConfiguration = .init()
    ) {
        self.policy = policy
        self.primary = primary
        self.candidate = candidate
        self.percent = percent
        self.arms = arms
        self.salt = salt
        self.shadow = shadow
        self.rollout = rollout
    }

    // The serve.yaml keys, all optional (``_KeyTableCodable``).
    package static var defaults: Self { Self() }

    package static var keys: [_TableKey<Self>] {
        [
            _TableKey("policy", \.policy), _TableKey("primary", \.primary), _TableKey("candidate", \.candidate),
            _TableKey("percent", \.percent), _TableKey("arms", \.arms), _TableKey("salt", \.salt),
            _TableKey("shadow", \.shadow), _TableKey("rollout", \.rollout),
        ]
    }

    public init(from decoder: any Decoder) throws { try self.init(keyTable: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeKeyTable(to: encoder) }
}

/// Gradual-rollout steps and the limits that trigger an automatic rollback.
public struct RolloutConfiguration: Sendable, Codable, Equatable, _KeyTableCodable {
    /// Canary percentages, increasing (default 1, 5, 25, 50, 100).
    public var steps: [Double]
    /// Minimum time on a step before the next, in seconds (default 300).
    public var holdSeconds: Double
    /// Roll back when the candidate's share of failed requests exceeds this (default 0.01).
    public var maxErrorRate: Double
    /// Roll back when the candidate's p95 latency exceeds this, in milliseconds (default 100).
    public var maxP95Milliseconds: Double
    /// Requests the candidate must serve on a step before it is judged (default 100).
    public var minRequests: Int

    /// Creates rollout settings.
    public init(
        steps: [Double] = [1, 5, 25, 50, 100], holdSeconds: Double = 300, maxErrorRate: Double = 0.01,
        maxP95Milliseconds: Double = 100, minRequests: Int = 100
    ) {
        self.steps = steps
        self.holdSeconds = holdSeconds
        self.maxErrorRate = maxErrorRate
        self.maxP95Milliseconds = maxP95Milliseconds
        self.minRequests = minRequests
    }

    // The serve.yaml keys, all optional (``_KeyTableCodable``).
    package static var defaults: Self { Self() }

    package static var keys: [_TableKey<Self>] {
        [
            _TableKey("steps", \.steps), _TableKey("hold_seconds", \.holdSeconds),
            _TableKey("max_error_rate", \.maxErrorRate), _TableKey("max_p95_ms", \.maxP95Milliseconds),
            _TableKey("min_requests", \.minRequests),
        ]
    }

    public init(from decoder: any Decoder) throws { try self.init(keyTable: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeKeyTable(to: encoder) }
}
