import Foundation
import MLCore
import MLTesting
import Testing

@testable import MLDrift

/// merge(profile(shard) for each shard) against profile(concatenation of the shards).
@Suite struct ProfileMergeTests {
    enum Shape: String, CaseIterable, Sendable { case normal, lognormal, discrete }

    static func data(_ shape: Shape, count: Int, seed: UInt64) -> [Double] {
        var r = SeededRandom(seed: seed)
        return (0..<count).map { i in
            if i % 97 == 13 { return .nan }  // some missing values
            switch shape {
            case .normal: return r.nextNormal(mean: 3, standardDeviation: 2)
            case .lognormal: return exp(r.nextNormal())
            case .discrete: return Double(r.nextInt(in: 0..<5))  // heavy ties: duplicate edges
            }
        }
    }

    static func categories(count: Int, seed: UInt64) -> [String?] {
        var r = SeededRandom(seed: seed)
        let names = ["a", "b", "c", "d"]
        return (0..<count).map { _ in
            let k = r.nextInt(in: 0..<5)
            return k == 4 ? nil : names[k]
        }
    }

    static func table(_ x: [Double], _ s: [String?]) throws -> Table {
        try Table([("x", .double(x)), ("s", .string(s))])
    }

    @Test(arguments: Shape.allCases, [UInt64(1), 2, 3])
    func mergeOfShardsMatchesProfileOfConcatenation(shape: Shape, seed: UInt64) throws {
        let sizes = [3_000, 12_000, 5_500]
        var xs: [[Double]] = [], ss: [[String?]] = []
        for (i, n) in sizes.enumerated() {
            xs.append(Self.data(shape, count: n, seed: seed * 10 + UInt64(i)))
            ss.append(Self.categories(count: n, seed: seed * 100 + UInt64(i)))
        }
        let profiler = BaselineProfiler(sampleCapacity: 4_000, seed: seed)
        let shards = try zip(xs, ss).map { try profiler.profile(Self.table($0.0, $0.1)) }
        let whole = try profiler.profile(Self.table(xs.flatMap { $0 }, ss.flatMap { $0 }))
        let merged = try BaselineProfile.merged(shards)

        // Exact parts.
        #expect(merged.rowCount == whole.rowCount)
        #expect(merged.parts == shards.map(\.dataSHA256))
        for (m, w) in zip(merged.columns, whole.columns) {
            #expect(m.name == w.name && m.kind == w.kind)
            #expect(m.count == w.count && m.missingCount == w.missingCount)
        }
        let mc = try #require(merged.column(named: "s")?.categorical), wc = try #require(whole.column(named: "s")?.categorical)
        #expect(mc == wc)
        let m = try #require(merged.column(named: "x")?.numeric), w = try #require(whole.column(named: "x")?.numeric)
        #expect(m.minimum == w.minimum && m.maximum == w.maximum)
        expectClose(m.mean, w.mean, Tolerance(absolute: 1e-12, relative: 1e-12))
        expectClose(m.standardDeviation, w.standardDeviation, Tolerance(absolute: 1e-12, relative: 1e-12))

        // Edges: within the documented rank error (+ 1/n per shard) of i/10 in the concatenated data.
        let all = xs.flatMap { $0 }.filter { !$0.isNaN }.sorted()
        let n = Double(all.count)
        let slack = m.quantileRankError + sizes.map { 1.0 / Double($0) }.reduce(0, +)
        #expect(m.quantileRankError == 1.0 / 1000)
        for (i, edge) in m.innerEdges.enumerated() {
            let below = Double(all.filter { $0 < edge }.count) / n
            let atOrBelow = Double(all.filter { $0 <= edge }.count) / n
            let target = Double(i + 1) / 10
            #expect(below <= target + slack && atOrBelow >= target - slack, "edge \(i + 1) = \(edge): ranks [\(below), \(atOrBelow)] vs \(target)")
        }
        // Bin proportions of the merged edges: within twice the bound of the true proportions.
        let counts = try DriftStatistics.binCounts(all, innerEdges: m.innerEdges)
        for (j, p) in m.binProportions.enumerated() {
            #expect(abs(p - Double(counts[j]) / n) <= 2 * slack, "bin \(j): \(p) vs \(Double(counts[j]) / n)")
        }
        // Sample: full size, values from the data.
        #expect(m.sample.count == 4_000)
        let set = Set(all)
        #expect(m.sample.allSatisfy { set.contains($0) })
        // Merged profile survives JSON.
        #expect(try BaselineProfile(jsonData: merged.jsonData()) == merged)
    }

    @Test func mergeIsDeterministicAndChecksCompatibility() throws {
        let a = try BaselineProfiler().profile(Self.table(Self.data(.normal, count: 500, seed: 1), Self.categories(count: 500, seed: 2)))
        let b = try BaselineProfiler().profile(Self.table(Self.data(.normal, count: 700, seed: 3), Self.categories(count: 700, seed: 4)))
        #expect(try BaselineProfile.merged([a, b]) == BaselineProfile.merged([a, b]))
        let other = try BaselineProfiler().profile(Table([("y", .double([1, 2, 3]))]))
        #expect(throws: DriftError.self) { try BaselineProfile.merged([a, other]) }
        #expect(throws: DriftError.self) { try BaselineProfile.merged([]) }
    }

    @Test func reservoirIsSeededAndBounded() throws {
        let x = Self.data(.normal, count: 30_000, seed: 9)
        let t = try Table([("x", .double(x))])
        let p1 = try BaselineProfiler(seed: 5).profile(t)
        let p2 = try BaselineProfiler(seed: 5).profile(t)
        let p3 = try BaselineProfiler(seed: 6).profile(t)
        #expect(p1 == p2)
        #expect(p1.column(named: "x")?.numeric?.sample != p3.column(named: "x")?.numeric?.sample)
        #expect(p1.column(named: "x")?.numeric?.sample.count == BaselineProfiler.defaultSampleCapacity)
        #expect(p1.dataSHA256 == t.contentHash().hex)
    }

    @Test func badProfilesAreRejected() throws {
        let p = try BaselineProfiler().profile(Table([("x", .double([1, 2, 3, 4]))]))
        var text = String(decoding: try p.jsonData(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 99")
        #expect(throws: DriftError.self) { try BaselineProfile(jsonData: Data(text.utf8)) }
        #expect(throws: DriftError.self) { try BaselineProfile(jsonData: Data("{\"format\": 3}".utf8)) }
        #expect(throws: DriftError.self) { try BaselineProfile(jsonData: Data("not json".utf8)) }
        let broken = String(decoding: try p.jsonData(), as: UTF8.self).replacingOccurrences(of: "\"row_count\" : 4", with: "\"row_count\" : 5")
        #expect(throws: DriftError.self) { try BaselineProfile(jsonData: Data(broken.utf8)) }
    }
}

/// Corrupted profile files (truncated, bytes changed, numbers replaced by extremes) are refused
/// with a DriftError or, when still valid, compared without trapping.
@Suite struct ProfileCorruptionTests {
    @Test func corruptedProfilesNeverTrap() throws {
        var r = SeededRandom(seed: 4)
        let x = (0..<300).map { _ in r.nextNormal() }
        let s: [String?] = (0..<300).map { ["a", "b", "c"][$0 % 3] }
        let table = try Table([("x", .double(x)), ("s", .string(s))])
        let profile = try BaselineProfiler(sampleCapacity: 50).profile(table)
        let bytes = Array(try profile.jsonData())
        var refused = 0, accepted = 0
        func attempt(_ data: [UInt8]) {
            do {
                let p = try BaselineProfile(jsonData: Data(data))
                _ = try? DriftDetector().compare(baseline: p, current: table)
                _ = try? BaselineProfile.merged([p, p])
                accepted += 1
            } catch is DriftError {
                refused += 1
            } catch {
                Issue.record("unexpected error type \(type(of: error))")
            }
        }
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 150)) { attempt(Array(bytes[..<cut])) }
        for _ in 0..<300 {
            var copy = bytes
            let at = r.nextInt(in: 0..<copy.count)
            copy[at] = UInt8(truncatingIfNeeded: r.nextInt(in: 0..<256))
            attempt(copy)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for (from, to) in [
            ("\"row_count\" : 300", "\"row_count\" : 9223372036854775807"),
            ("\"quantile_resolution\" : 1000", "\"quantile_resolution\" : 9223372036854775807"),
            ("\"sample_capacity\" : 50", "\"sample_capacity\" : 9223372036854775807"),
            ("\"count\" : 300", "\"count\" : -1"),
        ] {
            attempt(Array(text.replacingOccurrences(of: from, with: to).utf8))
        }
        #expect(refused > 0 && accepted > 0)
    }
}
