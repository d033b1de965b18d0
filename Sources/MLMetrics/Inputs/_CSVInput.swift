import MLCore

/// Reads the CSV inputs of the evaluation commands, turning MLCore's errors into
/// ``EvaluationError``s that name the file.
enum _CSVInput {
    static func table(_ path: String, numericType: CSVReader.NumericType) throws -> Table {
        do {
            return try CSVReader(numericType: numericType).read(contentsOf: path)
        } catch let error as DataFormatError {
            var message = error.description
            if let prefix = error.path, message.hasPrefix(prefix) { message = String(message.dropFirst(prefix.count)) }
            while message.hasPrefix(":") || message.hasPrefix(",") || message.hasPrefix(" ") { message.removeFirst() }
            throw EvaluationError(.unreadableFile, message, path: path)
        }
    }

    /// The first non-numeric text of a string column, with its 0-based row.
    static func firstNonNumeric(_ column: Column) -> (row: Int, text: String) {
        guard case .string(let values) = column else { return (0, "") }
        for (i, v) in values.enumerated() {
            if let v, Double(v) == nil { return (i, v) }
        }
        return (0, "")
    }
}
