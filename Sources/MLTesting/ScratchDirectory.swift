import Foundation

/// A scratch folder for one test, removed (with everything in it) when the value is dropped.
///
/// ```swift
/// let dir = ScratchDirectory()
/// let labels = dir.write("y.csv", "y\n0\n1\n")
/// // … run something that writes dir.file("out.csv") …
/// #expect(dir.read("out.csv").hasPrefix("prob"))
/// ```
public final class ScratchDirectory: Sendable {
    /// The folder's absolute path (under the system's temporary folder).
    public let path: String

    /// Creates a fresh folder named `<prefix>-<UUID>`.
    public init(prefix: String = "mltesting") {
        path = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `name` inside the folder (the file need not exist).
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to `name` (a relative path: missing folders are made) and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let p = file(name)
        if let slash = name.lastIndex(of: "/") { makeFolder(String(name[..<slash])) }
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    /// Makes the folder `name` (a relative path) and any missing parents; returns its path.
    @discardableResult
    public func makeFolder(_ name: String) -> String {
        let p = file(name)
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// The UTF-8 text of `name`, or `""` when it cannot be read.
    public func read(_ name: String) -> String {
        (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
    }
}
