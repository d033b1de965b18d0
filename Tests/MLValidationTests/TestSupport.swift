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

/// Where the package's built products are (`mlctl`, `CalibrateAndGate`): next to the test
/// bundle, which `swift test` builds together with every other product.
enum BuiltProducts {
    static var directory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (exe as NSString).deletingLastPathComponent
    }

    static func path(_ name: String) -> String? {
        let candidates = [
            directory + "/" + name,
            packageRoot + "/.build/debug/" + name,
            packageRoot + "/.build/release/" + name,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}

/// The result of running a command.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs `executable` with `arguments`, waits, and collects its output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so a large stderr cannot block the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

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
