import FoundationEssentials
import GRDB
import MLCore

/// Typed, non-trapping access to a database row. GRDB's typed subscripts trap on a type
/// mismatch; database contents are input, so every read here throws
/// ``RegistryError/Code/corruptRecord`` instead, naming the table and column.
struct _RowReader {
    let row: Row
    let table: String

    init(_ row: Row, _ table: String) {
        self.row = row
        self.table = table
    }

    private func raw(_ column: String) -> (any DatabaseValueConvertible)? {
        let value: (any DatabaseValueConvertible)? = row[column]
        return value
    }

    func corrupt(_ column: String, _ expected: String) -> RegistryError {
        RegistryError(
            .corruptRecord, "\(table).\(column) is not \(expected)", context: ["table": table, "column": column])
    }

    func optionalInt(_ column: String) throws -> Int? {
        switch raw(column) {
        case nil: return nil
        case let v as Int64:
            guard let i = Int(exactly: v) else { throw corrupt(column, "an integer") }
            return i
        default: throw corrupt(column, "an integer")
        }
    }

    func int(_ column: String) throws -> Int {
        guard let v = try optionalInt(column) else { throw corrupt(column, "an integer (NULL)") }
        return v
    }

    func int64(_ column: String) throws -> Int64 {
        guard let v = raw(column) as? Int64 else { throw corrupt(column, "an integer") }
        return v
    }

    func optionalDouble(_ column: String) throws -> Double? {
        switch raw(column) {
        case nil: return nil
        case let v as Double: return v
        case let v as Int64: return Double(v)
        default: throw corrupt(column, "a number")
        }
    }

    func double(_ column: String) throws -> Double {
        guard let v = try optionalDouble(column) else { throw corrupt(column, "a number (NULL)") }
        return v
    }

    func optionalText(_ column: String) throws -> String? {
        switch raw(column) {
        case nil: return nil
        case let v as String: return v
        default: throw corrupt(column, "text")
        }
    }

    func text(_ column: String) throws -> String {
        guard let v = try optionalText(column) else { throw corrupt(column, "text (NULL)") }
        return v
    }

    func bool(_ column: String) throws -> Bool {
        try int(column) != 0
    }

    func time(_ column: String) throws -> RegistryTimestamp {
        RegistryTimestamp(millisecondsSince1970: try int64(column))
    }

    func optionalTime(_ column: String) throws -> RegistryTimestamp? {
        if raw(column) == nil { return nil }
        return try time(column)
    }

    func json(_ column: String) throws -> RegistryJSON {
        let text = try text(column)
        do {
            return try _JSONCoding.decode(RegistryJSON.self, from: text.utf8)
        } catch {
            throw corrupt(column, "JSON")
        }
    }

    func optionalJSON(_ column: String) throws -> RegistryJSON? {
        if raw(column) == nil { return nil }
        return try json(column)
    }

    func stringMap(_ column: String) throws -> [String: String] {
        guard let members = try json(column).objectValue else { throw corrupt(column, "a JSON object") }
        var out: [String: String] = [:]
        for (k, v) in members {
            guard let s = v.scalarText else { throw corrupt(column, "an object of scalars") }
            out[k] = s
        }
        return out
    }

    func doubleMap(_ column: String) throws -> [String: Double] {
        guard let members = try json(column).objectValue else { throw corrupt(column, "a JSON object") }
        var out: [String: Double] = [:]
        for (k, v) in members {
            guard case .number(let d) = v else { throw corrupt(column, "an object of numbers") }
            out[k] = d
        }
        return out
    }

    func evidence(_ column: String) throws -> Evidence {
        do {
            return try Evidence(json: try json(column), source: "\(table).\(column)")
        } catch let error as RegistryError where error.code == .invalidInput {
            throw corrupt(column, "an evidence object")
        }
    }

    func stage(_ column: String) throws -> ModelStage {
        guard let s = ModelStage(rawValue: try text(column)) else { throw corrupt(column, "a stage") }
        return s
    }

    func environment(_ column: String) throws -> EnvironmentSnapshot? {
        guard let text = try optionalText(column) else { return nil }
        do {
            return try _JSONCoding.decode(EnvironmentSnapshot.self, from: text.utf8)
        } catch {
            throw corrupt(column, "an environment snapshot")
        }
    }
}
