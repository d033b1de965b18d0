import Foundation

/// Where the package's built executables (`mlctl`, the examples) are: next to the test bundle,
/// which `swift test` builds together with every other product, or under `.build/debug` and
/// `.build/release` of the package.
public enum BuiltProducts {
    /// The folder of the running test executable.
    public static var directory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (exe as NSString).deletingLastPathComponent
    }

    /// The path of the built executable `name`, or `nil` when none is built.
    public static func path(_ name: String) -> String? {
        let candidates = [
            directory + "/" + name,
            packageRoot + "/.build/debug/" + name,
            packageRoot + "/.build/release/" + name,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The package's root folder (this file is `Sources/MLTesting/BuiltProducts.swift`).
    public static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}

/// What a finished process returned.
public struct CommandResult: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output, as UTF-8.
    public var stdout: String
    /// Everything written to standard error, as UTF-8.
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs `executable` with `arguments` (in `cwd` when given), waits for it and collects its
/// output. Both pipes are read concurrently, so a child that fills one cannot block.
/// - Throws: Foundation's error when the executable cannot be started.
public func runProcess(_ executable: String, _ arguments: [String], cwd: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
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
