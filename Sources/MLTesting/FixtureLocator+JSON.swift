import Foundation

extension FixtureLocator {
    /// The JSON object in the fixture file at `relative`.
    /// - Throws: ``FixtureFileError`` when the file is not a JSON object; Foundation's errors
    ///   when it cannot be read or parsed.
    public func json(_ relative: String) throws -> [String: Any] {
        do {
            return try jsonObject(data: Data(contentsOf: URL(fileURLWithPath: path(relative))))
        } catch is FixtureFileError {
            throw FixtureFileError("\(relative): not a JSON object")
        }
    }

    /// The number under `key` of a fixture's JSON object.
    /// - Throws: ``FixtureFileError`` when it is missing or not a number.
    public static func double(_ object: [String: Any], _ key: String) throws -> Double {
        guard let v = object[key] as? NSNumber else { throw FixtureFileError("missing number \(key)") }
        return v.doubleValue
    }

    /// The array of numbers under `key` of a fixture's JSON object.
    /// - Throws: ``FixtureFileError`` when it is missing or not an array of numbers.
    public static func doubles(_ object: [String: Any], _ key: String) throws -> [Double] {
        guard let v = object[key] as? [NSNumber] else { throw FixtureFileError("missing array \(key)") }
        return v.map(\.doubleValue)
    }
}
