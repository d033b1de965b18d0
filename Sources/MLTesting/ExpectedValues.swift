import Foundation
import Testing

/// Compares computed values against one fixture's `expected.json`, remembering which keys were
/// checked (so a test can require that EVERY expected value was compared) and the largest
/// absolute difference seen.
public final class ExpectedValues {
    /// The fixture's name, used in messages.
    public let name: String
    /// The expected values.
    public let object: [String: Any]
    /// The tolerance of every comparison.
    public let tolerance: Tolerance
    /// Paths compared so far.
    public private(set) var checked: Set<String> = []
    /// The largest |actual − expected| seen.
    public private(set) var maxAbsoluteDifference = 0.0

    /// Wraps one fixture's expected object.
    public init(name: String, object: [String: Any], tolerance: Tolerance) {
        self.name = name
        self.object = object
        self.tolerance = tolerance
    }

    private func value(at path: String) -> Any? {
        var current: Any? = object
        for part in path.split(separator: "/") {
            guard let dict = current as? [String: Any] else { return nil }
            current = dict[String(part)]
        }
        return current
    }

    /// Compares a number at `path` (`a/b` for nested objects).
    public func check(_ path: String, _ actual: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        checked.insert(path)
        guard let expected = (value(at: path) as? NSNumber)?.doubleValue else {
            Issue.record("\(name): no number at \(path)", sourceLocation: sourceLocation)
            return
        }
        maxAbsoluteDifference = max(maxAbsoluteDifference, abs(actual - expected))
        expectClose(actual, expected, tolerance, "\(name): \(path)", sourceLocation: sourceLocation)
    }

    /// Compares an array of numbers (or nested arrays, flattened) at `path`.
    public func check(_ path: String, _ actual: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        checked.insert(path)
        guard let expected = flatten(value(at: path)) else {
            Issue.record("\(name): no array at \(path)", sourceLocation: sourceLocation)
            return
        }
        if expected.count == actual.count {
            for (a, e) in zip(actual, expected) where !a.isNaN && !e.isNaN {
                maxAbsoluteDifference = max(maxAbsoluteDifference, abs(a - e))
            }
        }
        expectClose(actual, expected, tolerance, "\(name): \(path)", sourceLocation: sourceLocation)
    }

    private func flatten(_ any: Any?) -> [Double]? {
        if let n = any as? NSNumber { return [n.doubleValue] }
        if any is NSNull { return [.nan] }
        guard let array = any as? [Any] else { return nil }
        var out: [Double] = []
        for element in array {
            guard let f = flatten(element) else { return nil }
            out += f
        }
        return out
    }

    /// Marks a key as deliberately covered elsewhere (e.g. a nested object checked key by key).
    public func covered(_ path: String) { checked.insert(path) }

    /// Every leaf key of the expected object, as `a/b` paths (arrays count as leaves).
    public var allPaths: Set<String> {
        var out: Set<String> = []
        func walk(_ any: Any, _ prefix: String) {
            if let dict = any as? [String: Any], !dict.isEmpty {
                for (k, v) in dict { walk(v, prefix.isEmpty ? k : prefix + "/" + k) }
            } else {
                out.insert(prefix)
            }
        }
        walk(object, "")
        return out
    }

    /// Records an issue for every expected value that was not compared; prints the max |Δ|.
    public func expectAllChecked(sourceLocation: SourceLocation = #_sourceLocation) {
        let missing = allPaths.subtracting(checked).filter { path in
            !checked.contains { path.hasPrefix($0 + "/") }
        }
        #expect(missing.isEmpty, "\(name): expected values not checked: \(missing.sorted())", sourceLocation: sourceLocation)
        print("fixture \(name): \(checked.count) values checked, max |Δ| = \(maxAbsoluteDifference)")
    }
}
