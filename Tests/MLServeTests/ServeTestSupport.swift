import Foundation
import MLServe
import MLTesting
import Synchronization

enum Fixtures {
    static let locator = FixtureLocator(testFile: #filePath)
    static var xgbBinary: String { locator.path("models/xgb_binary_logistic/model.json") }
    static var lgbmBinary: String { locator.path("models/lgbm_binary/model.txt") }

    /// The rows of a fixture's X.csv (empty field = missing).
    static func rows(_ folder: String) throws -> [[Float]] {
        let text = try String(contentsOfFile: locator.path("models/\(folder)/X.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { Float(Double($0) ?? .nan) }
        }
    }

    /// One column of a fixture's expected.csv.
    static func expected(_ folder: String, column: String) throws -> [Double] {
        let text = try String(contentsOfFile: locator.path("models/\(folder)/expected.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        guard let header = lines.first?.split(separator: ","), let k = header.firstIndex(where: { $0 == column }) else {
            return []
        }
        return lines.dropFirst().map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[k]) ?? .nan }
    }
}

/// A scratch folder removed when the value is dropped.
final class ScratchDirectory: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "/mlserve-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A clock tests move by hand, in seconds.
final class ManualClock: Sendable {
    private let value = Mutex<Double>(0)
    func now() -> Double { value.withLock { $0 } }
    func advance(_ seconds: Double) { value.withLock { $0 += seconds } }
}
