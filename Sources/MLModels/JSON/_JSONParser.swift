import MLCore

/// A strict JSON parser over bytes (RFC 8259), for model files.
///
/// Hand-written instead of `JSONSerialization`/`JSONDecoder`: it keeps number spans for
/// correctly rounded `Float` reads, needs no Foundation, and loads a 500-tree XGBoost model
/// (millions of numbers) in a fraction of a second. Nesting is limited to
/// ``maximumDepth``; every error throws ``ModelLoadingError`` with the byte offset.
struct _JSONParser {
    static let maximumDepth = 64

    private let p: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

    /// Parses a whole document (one value, surrounded by optional whitespace).
    static func parse(_ bytes: [UInt8]) throws -> _JSONDocument {
        guard bytes.count < Int(Int32.max) else {
            throw ModelLoadingError(.limitExceeded, "JSON model files over 2 GiB are not supported")
        }
        let root = try bytes.withUnsafeBufferPointer { buffer -> _JSONValue in
            var parser = _JSONParser(buffer)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.i == buffer.count else { throw parser.error("unexpected data after the JSON value") }
            return value
        }
        return _JSONDocument(bytes: bytes, root: root, size: bytes.count)
    }

    private func error(_ message: String) -> ModelLoadingError {
        ModelLoadingError(.malformed, "invalid JSON: " + message, offset: i)
    }

    private mutating func skipWhitespace() {
        while i < p.count {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }

    private mutating func parseValue(depth: Int) throws -> _JSONValue {
        guard depth <= Self.maximumDepth else {
            throw ModelLoadingError(.limitExceeded, "JSON nesting deeper than \(Self.maximumDepth)", offset: i)
        }
        guard i < p.count else { throw error("unexpected end of data") }
        switch p[i] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), 0x30...0x39:
            return try parseNumber()
        default:
            throw error("unexpected character '\(Unicode.Scalar(p[i]))'")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count else { throw error("unexpected end of data") }
        let w = word.utf8Start
        for k in 0..<n where p[i + k] != w[k] { throw error("invalid literal") }
        i += n
    }

    private mutating func parseNumber() throws -> _JSONValue {
        let start = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
            i += 1
            digits += 1
        }
        guard digits > 0 else { throw error("invalid number") }
        if i < p.count, p[i] == UInt8(ascii: ".") {
            i += 1
            var fraction = 0
            while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
                i += 1
                fraction += 1
            }
            guard fraction > 0 else { throw error("invalid number") }
        }
        if i < p.count, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            var exp = 0
            while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
                i += 1
                exp += 1
            }
            guard exp > 0 else { throw error("invalid number exponent") }
        }
        return .numberText(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i))
    }

    private mutating func parseString() throws -> String {
        i += 1  // opening quote
        let start = i
        // Fast path: no escapes.
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character in string") }
            i += 1
        }
        guard i < p.count else { throw error("unterminated string") }
        var bytes = Array(UnsafeBufferPointer(rebasing: p[start..<i]))
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character in string") }
            if c != UInt8(ascii: "\\") {
                bytes.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < p.count else { break }
            switch _JSONEscape.decode(UnsafeRawBufferPointer(p), at: &i, into: &bytes) {
            case nil: continue
            case .endOfInput: throw error("unterminated string")
            case .unknownEscape: throw error("invalid escape")
            case .truncatedHex: throw error("truncated \\u escape")
            case .invalidHex: throw error("invalid \\u escape")
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseArray(depth: Int) throws -> _JSONValue {
        i += 1
        var elements: [_JSONValue] = []
        skipWhitespace()
        if i < p.count, p[i] == UInt8(ascii: "]") {
            i += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard i < p.count else { throw error("unterminated array") }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if p[i] == UInt8(ascii: "]") {
                i += 1
                return .array(elements)
            }
            throw error("expected ',' or ']' in array")
        }
    }

    private mutating func parseObject(depth: Int) throws -> _JSONValue {
        i += 1
        var members: [_JSONMember] = []
        skipWhitespace()
        if i < p.count, p[i] == UInt8(ascii: "}") {
            i += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw error("expected a key string in object") }
            let key = try parseString()
            skipWhitespace()
            guard i < p.count, p[i] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            i += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            members.append(_JSONMember(key: key, value: value))
            skipWhitespace()
            guard i < p.count else { throw error("unterminated object") }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if p[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            throw error("expected ',' or '}' in object")
        }
    }
}
