import MLTesting

/// This target's fixtures (Tests/Fixtures), read with MLTesting's helpers.
enum Fixtures {
    static let locator = FixtureLocator(testFile: #filePath)

    static func path(_ relative: String) -> String { locator.path(relative) }
    static func json(_ relative: String) throws -> [String: Any] { try locator.json(relative) }
    static func double(_ object: [String: Any], _ key: String) throws -> Double { try FixtureLocator.double(object, key) }
    static func doubles(_ object: [String: Any], _ key: String) throws -> [Double] { try FixtureLocator.doubles(object, key) }
}
