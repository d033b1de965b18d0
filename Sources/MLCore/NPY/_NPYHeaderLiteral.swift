/// A value of the Python literal subset that `.npy` headers use.
enum _PythonLiteral: Equatable, Sendable {
    case string(String)
    case bool(Bool)
    case none
    case integer(Int)
    /// A tuple `(…)` or, with `isTuple == false`, a list `[…]`.
    case sequence([_PythonLiteral], isTuple: Bool)

    /// A short description for error messages: the literal's kind and, for small values, the value.
    var summary: String {
        switch self {
        case .string(let s): return "the string '\(s.prefix(40))'"
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .integer(let i): return "the integer \(i)"
        case .sequence(let items, let isTuple): return "a \(isTuple ? "tuple" : "list") of \(items.count) items"
        }
    }
}

/// Parses the header of an `.npy` file: a Python dictionary literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
///
/// Accepts what Python's `ast.literal_eval` accepts for the values NumPy writes: single- or
/// double-quoted strings, `True`/`False`/`None`, decimal integers (with an optional sign and
/// Python 2's `L` suffix), tuples and lists, whitespace anywhere between tokens and trailing
/// commas. Anything else throws ``DataFormatError`` (`.malformed`, field `header`) naming
/// the byte offset inside the header. Nesting is limited so hostile input cannot exhaust the
/// stack; integers that do not fit `Int` throw `.truncated` (an impossible size).
struct _NPYHeaderLiteralParser {
    private let bytes: [UInt8]
    private let isUTF8: Bool
    private var position = 0
    private static let maximumDepth = 16

    /// - Parameters:
    ///   - bytes: the header text, without the preamble.
    ///   - isUTF8: `true` for format 3.0 (UTF-8), `false` for 1.0 and 2.0 (Latin-1).
    init(bytes: [UInt8], isUTF8: Bool) {
        self.bytes = bytes
        self.isUTF8 = isUTF8
    }

    /// Parses the dictionary and checks that only whitespace follows it.
    /// Returns the entries in file order (duplicates are kept, for the caller to reject).
    mutating func parseDictionary() throws -> [(key: String, value: _PythonLiteral)] {
        skipWhitespace()
        try expect(UInt8(ascii: "{"), "'{' opening the header dictionary")
        var entries: [(key: String, value: _PythonLiteral)] = []
        skipWhitespace()
        while peek() != UInt8(ascii: "}") {
            guard case .string(let key) = try parseValue(depth: 1) else {
                throw malformed("a dictionary key must be a string")
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after key '\(key)'")
            skipWhitespace()
            let value = try parseValue(depth: 1, field: key)
            entries.append((key, value))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
            } else if peek() != UInt8(ascii: "}") {
                throw malformed("expected ',' or '}' after the value of '\(key)'")
            }
        }
        position += 1  // the closing brace
        skipWhitespace()
        if position < bytes.count {
            throw malformed("unexpected text after the header dictionary")
        }
        return entries
    }

    private mutating func parseValue(depth: Int, field: String? = nil) throws -> _PythonLiteral {
        guard depth <= Self.maximumDepth else { throw malformed("literals nested deeper than \(Self.maximumDepth)") }
        guard let c = peek() else { throw malformed("header ends where a value was expected") }
        switch c {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString(quote: c))
        case UInt8(ascii: "("), UInt8(ascii: "["):
            return try parseSequence(open: c, depth: depth, field: field)
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try parseInteger(field: field))
        default:
            let word = parseWord()
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            case "": throw malformed("unexpected character '\(Self.printable(c))'")
            default: throw malformed("unexpected name '\(word.prefix(40))'")
            }
        }
    }

    private mutating func parseSequence(open: UInt8, depth: Int, field: String?) throws -> _PythonLiteral {
        let isTuple = open == UInt8(ascii: "(")
        let close = isTuple ? UInt8(ascii: ")") : UInt8(ascii: "]")
        position += 1
        var items: [_PythonLiteral] = []
        var sawComma = false
        skipWhitespace()
        while peek() != close {
            guard peek() != nil else { throw malformed("unterminated \(isTuple ? "tuple" : "list")") }
            items.append(try parseValue(depth: depth + 1, field: field))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                position += 1
                sawComma = true
                skipWhitespace()
            } else if peek() != close {
                throw malformed("expected ',' or '\(Self.printable(close))' in a \(isTuple ? "tuple" : "list")")
            }
        }
        position += 1
        // `(3)` is the integer 3 in Python, not a tuple.
        if isTuple, items.count == 1, !sawComma { return items[0] }
        return .sequence(items, isTuple: isTuple)
    }

    private mutating func parseString(quote: UInt8) throws -> String {
        let start = position
        position += 1
        var content: [UInt8] = []
        while true {
            guard let c = peek() else {
                position = start
                throw malformed("unterminated string")
            }
            position += 1
            if c == quote { break }
            if c == UInt8(ascii: "\\") {
                guard let escaped = peek() else { continue }
                position += 1
                content.append(escaped)
            } else {
                content.append(c)
            }
        }
        if isUTF8 {
            guard let s = String(validating: content, as: UTF8.self) else {
                position = start
                throw malformed("string is not valid UTF-8")
            }
            return s
        }
        // Latin-1: every byte is the Unicode scalar of the same value.
        var s = ""
        s.unicodeScalars.append(contentsOf: content.map { Unicode.Scalar($0) })
        return s
    }

    private mutating func parseInteger(field: String?) throws -> Int {
        let start = position
        var negative = false
        if let sign = peek(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            position += 1
            skipWhitespace()
        }
        var value = 0
        var digits = 0
        var overflow = false
        while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw malformed("expected digits") }
        if peek() == UInt8(ascii: "L") || peek() == UInt8(ascii: "l") { position += 1 }  // Python 2 long
        if let c = peek(), Self.isNameCharacter(c) {
            throw malformed("unexpected '\(Self.printable(c))' in an integer")
        }
        if overflow {
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            throw DataFormatError(
                .truncated,
                "integer \(text.prefix(40)) in the header exceeds \(Int.max); no file can hold that much data",
                field: field ?? "header")
        }
        return negative ? -value : value
    }

    private mutating func parseWord() -> String {
        let start = position
        while let c = peek(), Self.isNameCharacter(c) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func expect(_ c: UInt8, _ what: String) throws {
        guard peek() == c else { throw malformed("expected \(what)") }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let c = peek(), c == 0x20 || (c >= 0x09 && c <= 0x0d) { position += 1 }
    }

    private func malformed(_ message: String) -> DataFormatError {
        DataFormatError(.malformed, "header: \(message) at byte \(position) of the header dictionary", field: "header")
    }

    private static func isNameCharacter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }

    private static func printable(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7f ? String(UnicodeScalar(c)) : "\\x" + String(c, radix: 16)
    }
}
