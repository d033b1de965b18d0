import FoundationEssentials

/// Finds golden-case files in a package's `Tests/Fixtures` folder from a test source file's path.
///
/// ```swift
/// let dir = try FixtureLocator(testFile: #filePath).folder("models/xgb_binary_logistic")
/// ```
public struct FixtureLocator: Sendable {
    /// The `Tests/Fixtures` folder (absolute path).
    public let root: String

    /// Locates `Tests/Fixtures` by walking up from `testFile` (pass `#filePath`).
    public init(testFile: String = #filePath) {
        var parts = testFile.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while let last = parts.last, last != "Tests" { parts.removeLast() }
        root = parts.joined(separator: "/") + "/Fixtures"
    }

    /// The absolute path of `relative` inside the fixtures folder.
    public func path(_ relative: String) -> String { root + "/" + relative }
}
