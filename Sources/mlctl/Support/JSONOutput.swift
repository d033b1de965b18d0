import ArgumentParser
import FoundationEssentials

/// `--json`, the same on every command (DESIGN §4): one JSON object on stdout instead of the
/// human-readable text.
struct JSONOutput: ParsableArguments {
    @Flag(help: "Print one JSON object on stdout instead of text.")
    var json = false

    /// Prints `value` as JSON with `--json`, else runs `text` (which prints the human form).
    func emit<T: Encodable>(_ value: T, text: () throws -> Void) throws {
        if json {
            try Self.printJSON(value)
        } else {
            try text()
        }
    }

    /// Prints one JSON object (sorted keys, so output is stable) on stdout.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// A JSON scalar, for reports that are a flat object of named values.
enum JSONScalar: Encodable {
    case string(String)
    case int(Int)
    case bool(Bool)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .int(let i): try container.encode(i)
        case .bool(let b): try container.encode(b)
        }
    }
}
