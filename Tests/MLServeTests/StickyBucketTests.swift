import MLServe
import Testing

/// The vectors of Docs/Routing.md, computed independently with Python's hashlib:
/// `int.from_bytes(hashlib.sha256((salt + ":" + key).encode()).digest()[:8], "big") % 10000`.
@Suite struct StickyBucketTests {
    @Test(arguments: [
        ("fraud-canary", "user-42", 5221),
        ("fraud-canary", "user-43", 198),
        ("fraud-canary", "USER-42", 7927),
        ("s", "", 2920),
        (" ", "x", 2287),
        ("canary-2026", "\u{DC}n\u{EF}code-ID", 6930),
        ("ab:test", "12345", 4977),
    ])
    func matchesSpecVectors(salt: String, key: String, bucket: Int) {
        #expect(StickyBucket.bucket(for: key, salt: salt) == bucket)
    }

    @Test(arguments: [1.0, 5.0, 25.0, 50.0])
    func realisedShareIsWithinHalfAPointOver100kIDs(percent: Double) {
        let limit = StickyBucket.basisPoints(percent: percent)
        var inside = 0
        for i in 0..<100_000 where StickyBucket.bucket(for: "entity-\(i)", salt: "share-test") < limit {
            inside += 1
        }
        let realised = Double(inside) / 1000  // percent of 100k
        #expect(abs(realised - percent) <= 0.5, "realised \(realised)% for a target of \(percent)%")
    }

    @Test func basisPointsRoundAndClamp() {
        #expect(StickyBucket.basisPoints(percent: 5) == 500)
        #expect(StickyBucket.basisPoints(percent: 0.015) == 2)
        #expect(StickyBucket.basisPoints(percent: 150) == 10_000)
        #expect(StickyBucket.basisPoints(percent: -1) == 0)
        #expect(StickyBucket.basisPoints(percent: .nan) == 0)
    }
}

@Suite struct ConfigurationBoundsTests {
    @Test func hugeNumbersInAConfigurationAreRejectedNotTrapped() {
        let variants = ["champion": VariantConfiguration(path: "a"), "challenger": VariantConfiguration(path: "b")]
        #expect(StickyBucket.basisPoints(percent: 1e300) == 10_000)
        #expect(StickyBucket.basisPoints(percent: -1e300) == 0)
        // A huge percent on a policy that ignores it must not trap either.
        #expect(throws: Never.self) {
            _ = try ScoringEngine(configuration: ServeConfiguration(variants: variants, routing: .init(percent: 1e300)))
        }
        var c = ServeConfiguration(variants: variants)
        c.microBatching = MicroBatchingConfiguration(maxBatchSize: 4, maxDelayMilliseconds: 1e300, budgetMilliseconds: 1)
        #expect(throws: ServeError.self) { _ = try ScoringEngine(configuration: c) }
        c.microBatching = nil
        c.predictionLog.flushIntervalMilliseconds = Int.max
        #expect(throws: ServeError.self) { _ = try ScoringEngine(configuration: c) }
        let arms = RoutingConfiguration(
            policy: .ab, arms: [RoutingArm(variant: "champion", percent: 1e300), RoutingArm(variant: "challenger", percent: 1)])
        #expect(throws: ServeError.self) { _ = try ScoringEngine(configuration: ServeConfiguration(variants: variants, routing: arms)) }
    }
}
