/// A built executable of the package (`mlctl`, an example), run as a child process by tests
/// of the command line.
///
/// ```swift
/// let mlctl = try BuiltCommand("mlctl")
/// let result = try mlctl.run(["hash", path, "--json"])
/// #expect(result.status == 0, "\(result.stderr)")
/// ```
public struct BuiltCommand: Sendable {
    /// Thrown when the executable is not built (see ``BuiltProducts/path(_:)``).
    public struct Missing: Error, CustomStringConvertible, Sendable {
        /// The executable's name.
        public let name: String
        public var description: String { "\(name) is not built (run `swift build` or `swift test`)" }
    }

    /// The executable's absolute path.
    public let path: String

    /// Finds the built executable `name`.
    /// - Throws: ``Missing`` when it is not built.
    public init(_ name: String = "mlctl") throws {
        guard let found = BuiltProducts.path(name) else { throw Missing(name: name) }
        path = found
    }

    /// Runs the executable with `arguments` (in `cwd` when given) and waits for it.
    /// - Throws: Foundation's error when it cannot be started.
    public func run(_ arguments: [String], cwd: String? = nil) throws -> CommandResult {
        try runProcess(path, arguments, cwd: cwd)
    }
}
