import MLMetrics
import MLTesting
import MLValidation
import Testing

@Suite struct PurgedKFoldAndWalkForwardTests {
    @Test func purgedKFoldSizesFoldsAsArraySplitAndPurges() throws {
        let kf = try PurgedKFold(samples: 23, folds: 5, purge: .observations(purge: 1, embargo: 2))
        #expect(kf.foldBounds == [0..<5, 5..<10, 10..<15, 15..<19, 19..<23])
        #expect(kf.split(0).trainIndices == Array(8..<23))
        #expect(kf.split(2).trainIndices == Array(0..<9) + Array(18..<23))
        #expect(kf.split(4).trainIndices == Array(0..<18))
        #expect(kf.splits.map(\.test.count) == [5, 5, 5, 4, 4])
        let plain = try PurgedKFold(samples: 10, folds: 2)
        #expect(plain.split(0).trainIndices == Array(5..<10))
        #expect((try? PurgedKFold(samples: 3, folds: 4)) == nil)
        #expect((try? PurgedKFold(samples: 10, folds: 1)) == nil)
    }

    /// scikit-learn's TimeSeriesSplit(n_splits=3) on 10 samples: train [0..3], [0..5], [0..7]; test [4,5], [6,7], [8,9].
    @Test func walkForwardMatchesTimeSeriesSplit() throws {
        let wf = try WalkForwardSplit(samples: 10, splits: 3)
        #expect(wf.testSize == 2)
        #expect(wf.splits.map(\.trainIndices) == [Array(0..<4), Array(0..<6), Array(0..<8)])
        #expect(wf.splits.map(\.testIndices) == [[4, 5], [6, 7], [8, 9]])
        // TimeSeriesSplit(n_splits=3, test_size=2, gap=2, max_train_size=3) on 12 samples.
        let rolling = try WalkForwardSplit(samples: 12, splits: 3, testSize: 2, gap: 2, window: .rolling(maxTrainSize: 3))
        #expect(rolling.splits.map(\.trainIndices) == [[1, 2, 3], [3, 4, 5], [5, 6, 7]])
        #expect(rolling.splits.map(\.testIndices) == [[6, 7], [8, 9], [10, 11]])
        // Expanding with a gap.
        let gapped = try WalkForwardSplit(samples: 12, splits: 2, testSize: 3, gap: 1)
        #expect(gapped.splits.map(\.trainIndices) == [Array(0..<5), Array(0..<8)])
        #expect(gapped.splits.map(\.testIndices) == [[6, 7, 8], [9, 10, 11]])
    }

    @Test func walkForwardRefusesWindowsThatDoNotFit() {
        #expect((try? WalkForwardSplit(samples: 10, splits: 3, testSize: 4)) == nil)
        #expect((try? WalkForwardSplit(samples: 10, splits: 3, testSize: 3, gap: 1)) == nil)
        #expect((try? WalkForwardSplit(samples: 10, splits: 2, testSize: .max)) == nil)
        #expect((try? WalkForwardSplit(samples: 10, splits: 0)) == nil)
        #expect((try? WalkForwardSplit(samples: 10, splits: 2, gap: -1)) == nil)
        #expect((try? WalkForwardSplit(samples: 10, splits: 2, window: .rolling(maxTrainSize: 0))) == nil)
        #expect((try? WalkForwardSplit(samples: 10, splits: 3, testSize: 3)) != nil)
    }
}
