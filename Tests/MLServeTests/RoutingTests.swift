import Foundation
import MLServe
import Testing

@Suite struct RoutingTests {
    let twoModels = [
        "champion": VariantConfiguration(path: Fixtures.xgbBinary),
        "challenger": VariantConfiguration(path: Fixtures.lgbmBinary),
    ]

    @Test func canaryFollowsTheSpecHashAndIsStableAcrossRestarts() async throws {
        let configuration = ServeConfiguration(
            variants: twoModels,
            routing: RoutingConfiguration(policy: .canary, candidate: "challenger", percent: 20, salt: "fraud-canary"))
        let row = [Float](repeating: 0.5, count: 8)
        var first: [String] = []
        for restart in 0..<2 {
            let engine = try ScoringEngine(configuration: configuration)
            try engine.start()
            var routes: [String] = []
            for i in 0..<500 {
                let id = "user-\(i)"
                let expected = StickyBucket.bucket(for: id, salt: "fraud-canary") < 2000 ? "challenger" : "champion"
                let r = try engine.score(row, id: id)
                #expect(r.route == expected)
                routes.append(r.route)
            }
            #expect(try engine.score(row, id: nil).route == "champion")
            if restart == 0 { first = routes } else { #expect(routes == first) }
            await engine.shutdown()
        }
        // The spec vector: user-42 is in bucket 5221, user-43 in bucket 198.
        let engine = try ScoringEngine(configuration: configuration)
        try engine.start()
        #expect(engine.route(forID: "user-42") == "champion")
        #expect(engine.route(forID: "user-43") == "challenger")
    }

    @Test func splitDrawsTheConfiguredShares() throws {
        let configuration = ServeConfiguration(
            variants: twoModels,
            routing: RoutingConfiguration(
                policy: .split,
                arms: [RoutingArm(variant: "champion", percent: 70), RoutingArm(variant: "challenger", percent: 30)]))
        let engine = try ScoringEngine(configuration: configuration)
        try engine.start()
        var challenger = 0
        for _ in 0..<20_000 where engine.route(forID: nil) == "challenger" { challenger += 1 }
        #expect(abs(Double(challenger) / 200 - 30) < 2)
    }

    @Test func abIsStickyByID() throws {
        let configuration = ServeConfiguration(
            variants: twoModels,
            routing: RoutingConfiguration(
                policy: .ab,
                arms: [RoutingArm(variant: "champion", percent: 50), RoutingArm(variant: "challenger", percent: 50)],
                salt: "exp"))
        let engine = try ScoringEngine(configuration: configuration)
        try engine.start()
        for i in 0..<200 {
            let id = "e\(i)"
            let bucket = StickyBucket.bucket(for: id, salt: "exp")
            #expect(engine.route(forID: id) == (bucket < 5000 ? "champion" : "challenger"))
            #expect(engine.route(forID: id) == engine.route(forID: id))
        }
        #expect(engine.route(forID: nil) == "champion")
    }

    @Test func shadowNeverChangesTheResponse() async throws {
        let rows = try Fixtures.rows("xgb_binary_logistic")
        let plain = try ScoringEngine(configuration: ServeConfiguration(variants: twoModels))
        let shadowed = try ScoringEngine(
            configuration: ServeConfiguration(variants: twoModels, routing: RoutingConfiguration(shadow: ["challenger"])))
        try plain.start()
        try shadowed.start()
        for (i, row) in rows.enumerated() {
            let a = try plain.score(row, id: "u\(i)")
            let b = try shadowed.score(row, id: "u\(i)")
            #expect(a == b)
        }
        let batchA = try plain.scoreBatch(rows.prefix(20).flatMap { $0 }, rowCount: 20)
        let batchB = try shadowed.scoreBatch(rows.prefix(20).flatMap { $0 }, rowCount: 20)
        #expect(batchA == batchB)
        await shadowed.shutdown()
        let stats = shadowed.shadowStatistics
        #expect(stats.agree + stats.disagree + stats.failed + stats.skipped == rows.count)
        #expect(stats.agree + stats.disagree > 0)
        await plain.shutdown()
    }

    @Test func rolloutClimbsStepsAfterHoldTime() throws {
        let clock = ManualClock()
        let configuration = ServeConfiguration(
            variants: twoModels,
            routing: RoutingConfiguration(
                policy: .rollout, candidate: "challenger", salt: "r",
                rollout: RolloutConfiguration(
                    steps: [1, 5, 25, 100], holdSeconds: 10, maxErrorRate: 0.5, maxP95Milliseconds: 10_000,
                    minRequests: 1)))
        let engine = try ScoringEngine(configuration: configuration, clock: { clock.now() })
        try engine.start()
        // Ids that hash into the first 1 % of buckets go to the candidate from the start.
        let canaryIDs = (0..<5000).map { "id\($0)" }.filter { StickyBucket.bucket(for: $0, salt: "r") < 100 }
        #expect(!canaryIDs.isEmpty)
        let row = [Float](repeating: 0.1, count: 8)
        #expect(engine.rolloutStatus?.percent == 1)
        _ = try engine.score(row, id: canaryIDs[0])
        #expect(engine.rolloutStatus?.step == 0)
        for expected in [5.0, 25, 100] {
            clock.advance(11)
            #expect(try engine.score(row, id: canaryIDs[0]).route == "challenger")
            #expect(engine.rolloutStatus?.percent == expected)
        }
        #expect(engine.rolloutStatus?.phase == .complete)
        #expect(engine.route(forID: "anyone") == "challenger")
    }

    @Test func rolloutRollsBackOnLatencyBreach() throws {
        let configuration = ServeConfiguration(
            variants: twoModels,
            routing: RoutingConfiguration(
                policy: .rollout, candidate: "challenger", salt: "r",
                rollout: RolloutConfiguration(
                    steps: [50, 100], holdSeconds: 1000, maxErrorRate: 0.5, maxP95Milliseconds: 1e-9, minRequests: 32)))
        let engine = try ScoringEngine(configuration: configuration)
        try engine.start()
        let row = [Float](repeating: 0.1, count: 8)
        let canary = (0..<1000).map { "id\($0)" }.first { StickyBucket.bucket(for: $0, salt: "r") < 5000 }!
        for _ in 0..<64 { _ = try engine.score(row, id: canary) }
        #expect(engine.rolloutStatus?.phase == .rolledBack)
        #expect(engine.rolloutStatus?.percent == 0)
        #expect(engine.route(forID: canary) == "champion")
    }
}
