import MLCore
import MLTesting

@testable import MLDrift

/// Loads the golden drift cases copied from `shared/fixtures/drift` into `Tests/Fixtures/drift`.
enum DriftFixtures {
    static let locator = FixtureLocator(testFile: #filePath)
    static let cases = ["drift_clear", "drift_none"]

    static func path(_ caseName: String, _ file: String) -> String { locator.path("drift/\(caseName)/\(file)") }

    static func table(_ caseName: String, _ file: String) throws -> Table {
        try CSVReader().read(contentsOf: path(caseName, file))
    }

    static func json(_ caseName: String, _ file: String) throws -> [String: Any] {
        try locator.json("drift/\(caseName)/\(file)")
    }

    /// expected.json's `columns` object.
    static func expectedColumns(_ caseName: String) throws -> [String: [String: Any]] {
        guard let columns = try json(caseName, "expected.json")["columns"] as? [String: [String: Any]] else {
            throw FixtureFileError("expected.json has no columns")
        }
        return columns
    }

    static func tolerance(_ caseName: String) throws -> Double {
        guard let t = try json(caseName, "meta.json")["tolerance_abs"] as? Double else { throw FixtureFileError("no tolerance_abs") }
        return t
    }
}
