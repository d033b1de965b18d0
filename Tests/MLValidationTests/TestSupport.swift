import Foundation
import MLTesting

/// A scratch folder removed when the value is dropped.
final class ScratchDirectory: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "/mlvalidation-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
    }
}

/// The golden cases in Tests/Fixtures.
let fixtures = FixtureLocator()

/// Parses JSON output into a dictionary.
func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw CocoaError(.coderReadCorrupt)
    }
    return object
}

/// Runs `mlctl` with `arguments`.
struct MLCtl {
    let path: String

    init() throws {
        guard let p = BuiltProducts.path("mlctl") else { throw CocoaError(.fileNoSuchFile) }
        path = p
    }

    func run(_ arguments: [String]) throws -> CommandResult { try runProcess(path, arguments) }
}

/// Two-column CSV text with a header.
func csv(_ header: String, _ values: [some CustomStringConvertible]) -> String {
    header + "\n" + values.map(\.description).joined(separator: "\n") + "\n"
}
