import MLMetrics
import MLTesting
import MLValidation
import Testing

@Suite struct CombinatorialPurgedCVTests {
    static let cases = ["cpcv_n5_k2_plain", "cpcv_n6_k2_purge2_embargo1"]

    @Test(arguments: cases)
    func matchesSkfolioExactly(_ name: String) throws {
        let e = try fixtures.json("cpcv/\(name)/expected.json")
        let cv = try CombinatorialPurgedCV(
            samples: try #require(e["n_samples"] as? Int), groups: try #require(e["n_groups"] as? Int),
            testGroups: try #require(e["k_test_groups"] as? Int),
            purge: .observations(purge: try #require(e["purge_size"] as? Int), embargo: try #require(e["embargo_size"] as? Int)))
        #expect(cv.splitCount == e["n_splits"] as? Int)
        #expect(cv.pathCount == e["n_paths"] as? Int)
        let bounds = try #require(e["group_bounds"] as? [[Int]])
        #expect(cv.groupBounds.map { [$0.lowerBound, $0.upperBound] } == bounds)
        let splits = try #require(e["splits"] as? [[String: Any]])
        #expect(splits.count == cv.splitCount)
        for (s, expected) in splits.enumerated() {
            let split = cv.split(s)
            #expect(split.testGroups == expected["test_groups"] as? [Int], "split \(s)")
            #expect(split.pathIDs == expected["path_ids"] as? [Int], "split \(s)")
            #expect(split.trainIndices == expected["train_indices"] as? [Int], "split \(s)")
            #expect(split.testIndices == expected["test_indices"] as? [Int], "split \(s)")
            #expect(split.testByGroup.map { Array($0) } == expected["test_indices_by_group"] as? [[Int]], "split \(s)")
        }
    }

    /// No test index within purge (before) or purge + embargo (after) of a train index; every sample is
    /// tested in exactly φ = C(N−1, k−1) splits, once per path; paths cover every sample once.
    @Test(arguments: [(97, 7, 3, 4, 2), (1000, 10, 2, 10, 10), (50, 5, 1, 0, 3), (64, 8, 4, 9, 0), (31, 6, 5, 2, 2)])
    func leakageAndCoverageProperties(_ n: Int, _ groups: Int, _ k: Int, _ purge: Int, _ embargo: Int) throws {
        let cv = try CombinatorialPurgedCV(samples: n, groups: groups, testGroups: k, purge: .observations(purge: purge, embargo: embargo))
        let phi = try #require(binomial(groups - 1, k - 1))
        #expect(cv.pathCount == phi)
        #expect(cv.splitCount == binomial(groups, k))
        var testedIn = [Int](repeating: 0, count: n)
        var pathsOf = [[Int]](repeating: [], count: n)
        for split in cv.splits {
            let test = Set(split.testIndices)
            let train = split.trainIndices
            #expect(test.isDisjoint(with: train))
            for i in train {
                // A train index may not sit within `purge` before a test sample, nor within purge+embargo after one.
                for d in 1...max(1, purge + embargo) where d <= purge + embargo {
                    if d <= purge { #expect(!test.contains(i + d), "train \(i) is \(d) before a test sample") }
                    #expect(!test.contains(i - d), "train \(i) is \(d) after a test sample")
                }
            }
            for (j, group) in split.testByGroup.enumerated() {
                for i in group {
                    testedIn[i] += 1
                    pathsOf[i].append(split.pathIDs[j])
                }
            }
        }
        #expect(testedIn.allSatisfy { $0 == phi })
        #expect(pathsOf.allSatisfy { $0.sorted() == Array(0..<phi) })
        // paths[p][g] names the split whose test of group g has path id p.
        for (p, bySplit) in cv.paths.enumerated() {
            for (g, s) in bySplit.enumerated() {
                let split = cv.split(s)
                let j = try #require(split.testGroups.firstIndex(of: g))
                #expect(split.pathIDs[j] == p)
            }
        }
        #expect(cv.splits == (try CombinatorialPurgedCV(
            samples: n, groups: groups, testGroups: k, purge: .observations(purge: purge, embargo: embargo))).splits)
    }

    @Test func purgeLargerThanAGroupEmptiesTheNeighbours() throws {
        let cv = try CombinatorialPurgedCV(samples: 100, groups: 5, testGroups: 1, purge: .observations(purge: 1000, embargo: 5))
        for split in cv.splits { #expect(split.train.count == 0) }
        let huge = try CombinatorialPurgedCV(samples: 100, groups: 5, testGroups: 2, purge: .observations(purge: .max, embargo: .max))
        #expect(huge.split(0).train.count == 0)
    }

    @Test func labelIntervalsPurgeOverlappingLabels() throws {
        // 12 samples, 3 groups of 4; sample i is predicted at i and its label is known at i + h_i.
        let start = (0..<12).map(Double.init)
        let horizon: [Double] = [1, 6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        let end = zip(start, horizon).map { $0 + $1 }
        let cv = try CombinatorialPurgedCV(
            samples: 12, groups: 3, testGroups: 1, purge: .labelIntervals(start: start, end: end, embargo: 1))
        // Test group 1 = samples 4...7, span [4, 8]. Before: sample 1 (ends 7) and 3 (ends 4) overlap; 0 (ends 1)
        // and 2 (ends 3) do not. After: sample 8 starts at 8 ≤ 8 (overlap); the embargo removes one more after the
        // block (sample 8 again), so 9...11 stay.
        #expect(cv.split(1).trainIndices == [0, 2, 9, 10, 11])
        // Test group 0 = 0...3, span [0, 7] (sample 1's label ends at 7): 4...7 overlap, 8 does not;
        // the embargo of 1 removes sample 4 (already purged).
        #expect(cv.split(0).trainIndices == [8, 9, 10, 11])
        // Test group 2 = 8...11, span [8, 12]: sample 1 (ends 7) is clear; sample 7 (ends 8) overlaps.
        #expect(cv.split(2).trainIndices == [0, 1, 2, 3, 4, 5, 6])
    }

    @Test func refusesBadConfigurations() {
        func refused(_ n: Int, _ g: Int, _ k: Int, purge: PurgeRule = .none, max: Int = 100_000) -> Bool {
            (try? CombinatorialPurgedCV(samples: n, groups: g, testGroups: k, purge: purge, maxSplits: max)) == nil
        }
        #expect(refused(100, 1, 1))
        #expect(refused(100, 5, 0))
        #expect(refused(100, 5, 5))
        #expect(refused(3, 5, 2))
        #expect(refused(100, 5, 2, purge: .observations(purge: -1, embargo: 0)))
        #expect(refused(100, 5, 2, purge: .observations(purge: 0, embargo: -3)))
        #expect(refused(100, 10, 5, max: 100))  // C(10, 5) = 252
        #expect(refused(1_000_000, 200, 100))  // C(200, 100) overflows Int: refused, not trapped
        #expect(refused(4, 2, 1, purge: .labelIntervals(start: [0, 1, 2], end: [0, 1, 2], embargo: 0)))
        #expect(refused(3, 2, 1, purge: .labelIntervals(start: [0, 2, 1], end: [0, 2, 1], embargo: 0)))
        #expect(refused(3, 2, 1, purge: .labelIntervals(start: [0, 1, 2], end: [0, 0, 2], embargo: 0)))
        #expect(refused(3, 2, 1, purge: .labelIntervals(start: [0, .nan, 2], end: [0, 1, 2], embargo: 0)))
        do {
            _ = try CombinatorialPurgedCV(samples: 100, groups: 10, testGroups: 5, maxSplits: 100)
            Issue.record("expected a split-cap error")
        } catch let error as EvaluationError {
            #expect(error.message.contains("252") && error.message.contains("100"))
        } catch { Issue.record("\(error)") }
    }

    @Test func indexRangesNormalizeAndComplement() {
        let r = IndexRanges([5..<9, 0..<2, 8..<12, 2..<3, 20..<20])
        #expect(r.ranges == [0..<3, 5..<12])
        #expect(r.count == 10)
        #expect(r.indices == [0, 1, 2, 5, 6, 7, 8, 9, 10, 11])
        #expect(Array(r) == r.indices)
        #expect(r.complement(upTo: 15).ranges == [3..<5, 12..<15])
        #expect(r.contains(5) && !r.contains(4) && !r.contains(12) && r.contains(0))
    }

    func binomial(_ n: Int, _ k: Int) -> Int? {
        var r = 1
        for i in 0..<k { r = r * (n - i) / (i + 1) }
        return r
    }
}
