import Foundation
import MLTesting

/// Reads the fixtures' plain numeric CSV files (one header row, comma-separated, `.` decimals,
/// empty field = NaN) — enough for Tests/Fixtures/metrics and calibration, independent of
/// MLCore's general CSV reader.
struct NumericCSV {
    let header: [String]
    let columns: [[Double]]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard !lines.isEmpty else { throw FixtureFileError("\(path): empty file") }
        header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var columns = [[Double]](repeating: [], count: header.count)
        for (lineIndex, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw FixtureFileError("\(path): line \(lineIndex + 2) has \(fields.count) fields")
            }
            for (c, field) in fields.enumerated() {
                if field.isEmpty {
                    columns[c].append(.nan)
                } else if let v = Double(field) {
                    columns[c].append(v)
                } else {
                    throw FixtureFileError("\(path): line \(lineIndex + 2): not a number: \(field)")
                }
            }
        }
        self.columns = columns
    }

    func column(_ name: String) throws -> [Double] {
        guard let i = header.firstIndex(of: name) else { throw FixtureFileError("no column \(name)") }
        return columns[i]
    }

    func intColumn(_ name: String) throws -> [Int] {
        try column(name).map { v in
            guard let i = Int(exactly: v) else { throw FixtureFileError("not an integer: \(v)") }
            return i
        }
    }
}

struct FixtureFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum Fixtures {
    static let locator = FixtureLocator(testFile: #filePath)

    static func path(_ relative: String) -> String { locator.path(relative) }

    static func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(relative)))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureFileError("\(relative): not a JSON object")
        }
        return object
    }

    static func double(_ object: [String: Any], _ key: String) throws -> Double {
        guard let v = object[key] as? NSNumber else { throw FixtureFileError("missing number \(key)") }
        return v.doubleValue
    }

    static func doubles(_ object: [String: Any], _ key: String) throws -> [Double] {
        guard let v = object[key] as? [NSNumber] else { throw FixtureFileError("missing array \(key)") }
        return v.map(\.doubleValue)
    }
}
