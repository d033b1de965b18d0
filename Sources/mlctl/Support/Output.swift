import FoundationEssentials

/// Printing helpers shared by the commands.
enum Output {
    /// Prints one JSON object (sorted keys, so output is stable) on stdout.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }
}
