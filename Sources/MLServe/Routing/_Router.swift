import Synchronization

/// Decides which variant answers a request, from the routing configuration.
final class _Router: Sendable {
    let kind: RoutingPolicyKind
    let primary: String
    let candidate: String?
    let salt: String
    let shadows: [String]
    let canaryBasisPoints: Int
    /// Arms with their exclusive upper bucket bound, in configuration order.
    let arms: [(variant: String, upper: Int)]
    let rollout: _RolloutController?
    private let draws = Atomic<UInt64>(0)

    init(_ c: RoutingConfiguration, variants: Set<String>, clock: @escaping @Sendable () -> Double) throws(ServeError) {
        func require(_ name: String, _ field: String) throws(ServeError) {
            guard variants.contains(name) else {
                throw ServeError(
                    .invalidConfiguration, "routing.\(field) names '\(name)', which is not a variant (\(variants.sorted()))")
            }
        }
        guard !variants.isEmpty else { throw ServeError(.invalidConfiguration, "no model variants are configured") }
        let primary = c.primary ?? (variants.contains("champion") ? "champion" : variants.count == 1 ? variants.first : nil)
        guard let primary else {
            throw ServeError(.invalidConfiguration, "routing.primary is required when there is no 'champion' variant")
        }
        try require(primary, "primary")
        self.primary = primary
        kind = c.policy
        salt = c.salt
        for s in c.shadow { try require(s, "shadow") }
        shadows = c.shadow
        switch c.policy {
        case .canary, .rollout:
            guard let candidate = c.candidate else {
                throw ServeError(.invalidConfiguration, "routing.candidate is required for policy \(c.policy.rawValue)")
            }
            try require(candidate, "candidate")
            self.candidate = candidate
        default:
            candidate = nil
        }
        if c.policy == .canary {
            guard c.percent.isFinite, (0...100).contains(c.percent) else {
                throw ServeError(.invalidConfiguration, "routing.percent must be in [0, 100] (got \(c.percent))")
            }
        }
        canaryBasisPoints = StickyBucket.basisPoints(percent: c.percent)
        if c.policy == .split || c.policy == .ab {
            guard !c.arms.isEmpty else {
                throw ServeError(.invalidConfiguration, "routing.arms is required for policy \(c.policy.rawValue)")
            }
            var upper = 0
            var arms: [(String, Int)] = []
            var total = 0.0
            for arm in c.arms {
                try require(arm.variant, "arms")
                guard arm.percent.isFinite, arm.percent >= 0 else {
                    throw ServeError(.invalidConfiguration, "routing.arms: percent of '\(arm.variant)' must be ≥ 0")
                }
                total += arm.percent
                upper = StickyBucket.basisPoints(percent: total)
                arms.append((arm.variant, upper))
            }
            guard abs(total - 100) < 1e-6 else {
                throw ServeError(.invalidConfiguration, "routing.arms must sum to 100 percent (got \(total))")
            }
            self.arms = arms
        } else {
            arms = []
        }
        rollout = c.policy == .rollout ? try _RolloutController(c.rollout, clock: clock) : nil
    }

    /// The variant for a request with entity id `id`.
    func route(id: String?) -> String {
        switch kind {
        case .single:
            return primary
        case .split:
            return arm(for: nextDraw())
        case .ab:
            guard let id else { return primary }
            return arm(for: StickyBucket.bucket(for: id, salt: salt))
        case .canary:
            guard let id, let candidate else { return primary }
            return StickyBucket.bucket(for: id, salt: salt) < canaryBasisPoints ? candidate : primary
        case .rollout:
            guard let id, let candidate, let rollout else { return primary }
            return StickyBucket.bucket(for: id, salt: salt) < rollout.currentBasisPoints ? candidate : primary
        }
    }

    private func arm(for bucket: Int) -> String {
        for arm in arms where bucket < arm.upper { return arm.variant }
        return arms.last?.variant ?? primary
    }

    /// A uniform bucket per call without a lock or a system call: SplitMix64 over a shared
    /// counter (a per-request draw, not a secret).
    private func nextDraw() -> Int {
        var z = draws.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(StickyBucket.count))
    }

    /// How `variant` takes traffic, for `/v1/models`.
    func role(of variant: String) -> String {
        if variant == primary { return "primary" }
        if variant == candidate { return "candidate" }
        if arms.contains(where: { $0.variant == variant }) { return "arm" }
        if shadows.contains(variant) { return "shadow" }
        return "idle"
    }
}
