#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MLCore
import MLModels
import Testing

/// Seeded mutations of the nine ONNX fixture files (truncations, byte flips, bumped bytes,
/// spliced ranges): each either loads and scores without trapping or throws a typed error
/// (`ModelLoadingError` on load, `ScoringError` on scoring). A trap would crash the run.
@Suite struct ONNXMutationTests {
    static let mutationsPerFile = 400

    @Test(arguments: ONNXFixture.all)
    func mutatedFilesNeverTrap(_ fixture: ONNXFixture) throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture.modelPath)))
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        let rows = x.rows(0..<min(x.rows, 16))
        var rng = SplitMix64(seed: 0x5EED_0000 &+ UInt64(original.count))  // MLCore's: the same mutations every run
        var loaded = 0
        var refused = 0
        for _ in 0..<Self.mutationsPerFile {
            var bytes = original
            switch rng.below(5) {
            case 0:
                bytes.removeLast(1 + rng.below(bytes.count - 1))
            case 1:
                for _ in 0..<(1 + rng.below(4)) { bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 2:
                let i = rng.below(bytes.count)
                bytes[i] = bytes[i] &+ UInt8(1 + rng.below(3))
            case 3:
                // Flip one bit in the first kilobyte (headers, opsets, node lists live there).
                let i = rng.below(min(bytes.count, 1024))
                bytes[i] ^= UInt8(1) << UInt8(rng.below(8))
            default:
                // Copy a range over another place (duplicated or shifted fields).
                let n = 1 + rng.below(64)
                let from = rng.below(bytes.count - n)
                let to = rng.below(bytes.count - n)
                let chunk = Array(bytes[from..<(from + n)])
                bytes.replaceSubrange(to..<(to + n), with: chunk)
            }
            let model: ONNXModel
            do {
                model = try ONNXModel(bytes: bytes)
            } catch is ModelLoadingError {
                refused += 1
                continue
            } catch {
                Issue.record("\(fixture.name): load threw \(type(of: error)), not ModelLoadingError: \(error)")
                continue
            }
            loaded += 1
            do {
                if model.schema.featureCount == rows.columns {
                    _ = try model.predict(rows)
                    _ = try model.predictWithLabels(rows)
                    let scorer = try model.makeSingleRowScorer()
                    _ = try scorer.predict(Array(rows.row(0)))
                } else {
                    let other = try Matrix<Float>(rows: 3, columns: model.schema.featureCount, repeating: 0.5)
                    _ = try model.predict(other)
                }
            } catch is ScoringError {
            } catch {
                Issue.record("\(fixture.name): scoring threw \(type(of: error)), not ScoringError: \(error)")
            }
        }
        print("onnx mutations \(fixture.name): \(Self.mutationsPerFile) tried, \(loaded) loaded and scored, \(refused) refused")
        #expect(loaded + refused == Self.mutationsPerFile)
    }
}

extension SplitMix64 {
    /// A value in `0..<n` (0 when `n` ≤ 0), by plain modulo: the mutation sequence these tests were written with.
    fileprivate mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}
