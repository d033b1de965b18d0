import MLCore

/// A parsed `/v1/score` or `/v1/score/batch` body.
struct _ParsedScoreRequest: Sendable {
    /// Row-major features (NaN for `null`).
    var features: [Float] = []
    /// Rows read (1 for a single-row request).
    var rowCount = 0
    /// The entity id (sticky routing key): a string, or a number kept as its text.
    var id: String?
    /// The request id to log and join feedback on.
    var requestID: String?
}

/// Why a body was refused: the HTTP status follows from the kind.
struct _ParseFailure: Error, Sendable {
    enum Kind: Sendable {
        /// Not JSON at all (400, `invalid_json`).
        case syntax
        /// JSON of the wrong shape (422, `invalid_input`).
        case shape
        /// A feature that is not a finite number or null (422, `non_numeric_value`).
        case nonNumeric
        /// A row with the wrong number of features (422, `feature_count_mismatch`).
        case featureCount
        /// More rows than allowed (413, `batch_too_large`).
        case tooManyRows
    }

    let kind: Kind
    let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// A hand-written reader for the two scoring bodies, straight from the body bytes to a
/// `[Float]`: `{"features":[…],"id":…,"request_id":…}` and `{"rows":[[…],…],"id":…}`.
///
/// Written by hand because it is the hot path: it allocates only the feature array (and the
/// id strings), where `JSONDecoder` builds an intermediate value per number; see
/// `Docs/Performance.md` for the measurement. Strict RFC 8259 syntax, unknown keys skipped,
/// nesting limited to 64 levels, every index checked: no body can make it trap.
struct _ScoreRequestParser {
    private let bytes: UnsafeRawBufferPointer
    private var i = 0
    private let expectedFeatures: Int
    private let maxRows: Int

    private init(_ bytes: UnsafeRawBufferPointer, expectedFeatures: Int, maxRows: Int) {
        self.bytes = bytes
        self.expectedFeatures = expectedFeatures
        self.maxRows = maxRows
    }

    /// Parses a single-row body.
    static func parseSingle(_ bytes: UnsafeRawBufferPointer, expectedFeatures: Int) throws(_ParseFailure)
        -> _ParsedScoreRequest
    {
        var p = _ScoreRequestParser(bytes, expectedFeatures: expectedFeatures, maxRows: 1)
        return try p.parseDocument(batch: false)
    }

    /// Parses a batch body of at most `maxRows` rows.
    static func parseBatch(_ bytes: UnsafeRawBufferPointer, expectedFeatures: Int, maxRows: Int) throws(_ParseFailure)
        -> _ParsedScoreRequest
    {
        var p = _ScoreRequestParser(bytes, expectedFeatures: expectedFeatures, maxRows: maxRows)
        return try p.parseDocument(batch: true)
    }

    // MARK: document

    private mutating func parseDocument(batch: Bool) throws(_ParseFailure) -> _ParsedScoreRequest {
        var result = _ParsedScoreRequest()
        var sawPayload = false
        // Shape errors are remembered, not thrown at once, so that a later syntax error still
        // reports 400: a body is first of all JSON or not.
        var shapeError: _ParseFailure?
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            if i < bytes.count, peek() == UInt8(ascii: "[") || peek() == UInt8(ascii: "\"") || isNumberStart(peek()) {
                try skipValue(depth: 0)
                try expectEnd()
                throw _ParseFailure(.shape, "the body must be a JSON object")
            }
            throw syntax("a JSON object")
        }
        i += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipWhitespace()
                let key = try parseString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                switch key {
                case "features" where !batch, "rows" where batch:
                    if sawPayload { shapeError = shapeError ?? _ParseFailure(.shape, "'\(key)' appears twice") }
                    sawPayload = true
                    do {
                        if batch {
                            try parseRows(into: &result)
                        } else {
                            try parseRow(into: &result.features, row: nil)
                            result.rowCount = 1
                        }
                    } catch let failure {
                        // A semantic failure: check the rest is JSON before reporting it.
                        guard failure.kind != .syntax else { throw failure }
                        if failure.kind == .tooManyRows { throw failure }
                        shapeError = shapeError ?? failure
                        try skipRestOfValueAfterFailure()
                    }
                case "id", "request_id":
                    let value: String?
                    switch peek() {
                    case UInt8(ascii: "\""): value = try parseString()
                    case UInt8(ascii: "n"): try literal("null"); value = nil
                    default:
                        if isNumberStart(peek()) {
                            let start = i
                            try scanNumber()
                            value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                        } else {
                            try skipValue(depth: 1)
                            shapeError = shapeError ?? _ParseFailure(.shape, "'\(key)' must be a string or a number")
                            value = nil
                        }
                    }
                    if key == "id" { result.id = value } else { result.requestID = value }
                default:
                    try skipValue(depth: 1)
                }
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                break
            }
        }
        try expectEnd()
        if let shapeError { throw shapeError }
        guard sawPayload else {
            throw _ParseFailure(.shape, batch ? "the body has no 'rows' array" : "the body has no 'features' array")
        }
        return result
    }

    /// After a semantic failure inside `features`/`rows`, the parser sits somewhere inside
    /// the array; skip to its end, still checking syntax.
    private mutating func skipRestOfValueAfterFailure() throws(_ParseFailure) {
        // The row parsers leave `i` at a value boundary inside an array of depth `pendingDepth`.
        while pendingDepth > 0 {
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: "]"):
                i += 1
                pendingDepth -= 1
            case UInt8(ascii: ","):
                i += 1
                skipWhitespace()
                try skipValue(depth: pendingDepth)
            default:
                throw syntax("',' or ']'")
            }
        }
    }

    private var pendingDepth = 0

    /// Most features the body can hold: each number or `null` takes at least one byte and is
    /// followed by a `,` or `]`, so capacities are sized by the bytes that arrived.
    private var featureBound: Int { bytes.count / 2 }

    // MARK: rows

    private mutating func parseRows(into result: inout _ParsedScoreRequest) throws(_ParseFailure) {
        guard peek() == UInt8(ascii: "[") else {
            try skipValue(depth: 1)
            throw _ParseFailure(.shape, "'rows' must be an array of arrays")
        }
        i += 1
        pendingDepth = 1
        // Room for what the body can hold, never for what the model or a limit declares.
        let (declared, overflow) = maxRows.multipliedReportingOverflow(by: max(1, expectedFeatures))
        result.features.reserveCapacity(overflow ? featureBound : min(declared, featureBound))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            i += 1
            pendingDepth = 0
            return
        }
        while true {
            skipWhitespace()
            if result.rowCount == maxRows {
                throw _ParseFailure(.tooManyRows, "the batch has more than \(maxRows) rows")
            }
            try parseRow(into: &result.features, row: result.rowCount)
            result.rowCount += 1
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                i += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            pendingDepth = 0
            return
        }
    }

    /// Reads `[x, …]` of numbers and nulls, appending `expectedFeatures` floats.
    private mutating func parseRow(into features: inout [Float], row: Int?) throws(_ParseFailure) {
        let base = pendingDepth
        var whereText: String { row.map { "row \($0)" } ?? "features" }
        guard peek() == UInt8(ascii: "[") else {
            if i >= bytes.count { throw syntax("an array") }
            try skipValue(depth: base + 1)
            throw _ParseFailure(.shape, "\(whereText) must be an array of numbers")
        }
        i += 1
        pendingDepth = base + 1
        if row == nil { features.reserveCapacity(min(expectedFeatures, featureBound)) }
        var count = 0
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            i += 1
        } else {
            while true {
                skipWhitespace()
                let c = peek()
                if isNumberStart(c) {
                    let value = try parseNumber()
                    let f = Float(value)
                    guard f.isFinite else {
                        throw _ParseFailure(.nonNumeric, "\(whereText), feature \(count): \(value) is not a finite float32")
                    }
                    features.append(f)
                } else if c == UInt8(ascii: "n") {
                    try literal("null")
                    features.append(.nan)
                } else if c == UInt8(ascii: "N") || c == UInt8(ascii: "I") {
                    try skipNonFiniteLiteral()
                    throw _ParseFailure(.nonNumeric, "\(whereText), feature \(count): NaN and Infinity are not allowed (use null for missing)")
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "t") || c == UInt8(ascii: "f")
                    || c == UInt8(ascii: "{") || c == UInt8(ascii: "[")
                {
                    try skipValue(depth: pendingDepth)
                    throw _ParseFailure(.nonNumeric, "\(whereText), feature \(count) is not a number or null")
                } else {
                    throw syntax("a number or null")
                }
                count += 1
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                break
            }
        }
        pendingDepth = base
        guard count == expectedFeatures else {
            throw _ParseFailure(.featureCount, "\(whereText) has \(count) features; the model expects \(expectedFeatures)")
        }
    }

    // MARK: tokens

    @inline(__always)
    private func peek() -> UInt8 { i < bytes.count ? bytes[i] : 0 }

    @inline(__always)
    private func isNumberStart(_ c: UInt8) -> Bool { c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            let c = bytes[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    private mutating func expect(_ c: UInt8) throws(_ParseFailure) {
        guard peek() == c, i < bytes.count else { throw syntax("'\(Character(Unicode.Scalar(c)))'") }
        i += 1
    }

    private mutating func expectEnd() throws(_ParseFailure) {
        skipWhitespace()
        guard i == bytes.count else { throw syntax("the end of the body") }
    }

    private func syntax(_ expected: String) -> _ParseFailure {
        if i >= bytes.count { return _ParseFailure(.syntax, "invalid JSON: the body ends where \(expected) was expected") }
        return _ParseFailure(.syntax, "invalid JSON at byte \(i): expected \(expected)")
    }

    private mutating func literal(_ word: StaticString) throws(_ParseFailure) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw syntax("'\(word)'") }
        let ok = word.withUTF8Buffer { w in
            for k in 0..<n where bytes[i + k] != w[k] { return false }
            return true
        }
        guard ok else { throw syntax("'\(word)'") }
        i += n
    }

    /// `NaN`, `Infinity` (Python's json writes them): consumed so the message can say what they are.
    private mutating func skipNonFiniteLiteral() throws(_ParseFailure) {
        if peek() == UInt8(ascii: "N") { try literal("NaN") } else { try literal("Infinity") }
    }

    /// Scans one JSON number, leaving `i` after it.
    private mutating func scanNumber() throws(_ParseFailure) {
        if peek() == UInt8(ascii: "-") {
            i += 1
            if peek() == UInt8(ascii: "I") {
                try literal("Infinity")
                throw _ParseFailure(.nonNumeric, "-Infinity is not allowed (use null for missing)")
            }
        }
        let c = peek()
        if c == UInt8(ascii: "0") {
            i += 1
        } else if c >= 0x31 && c <= 0x39 {
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        } else {
            throw syntax("a digit")
        }
        if peek() == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > start else { throw syntax("a digit after '.'") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            i += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { i += 1 }
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > start else { throw syntax("a digit in the exponent") }
        }
    }

    /// Parses a number to the correctly rounded `Double` in one pass with MLCore's decimal
    /// scanner (Clinger's fast path, Eisel–Lemire). The scanner's grammar is wider than
    /// JSON's, so a number goes to ``slowNumber(from:)`` (grammar check with its syntax error,
    /// standard library parser) unless it is JSON-shaped: no `+`, no leading `.`, no leading
    /// zeros, a digit after `.`, the whole exponent consumed.
    private mutating func parseNumber() throws(_ParseFailure) -> Double {
        let start = i
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), start < bytes.count else {
            return try slowNumber(from: start)
        }
        let first = base + start
        let end = base + bytes.count
        var cursor = first
        guard let decimal = _DecimalScanner.scan(&cursor, end),
            Self.isJSONShaped(first, cursor, end),
            let value = _DecimalConversion.double(decimal)
        else { return try slowNumber(from: start) }
        i = start + (cursor - first)
        return value
    }

    /// Whether the scanned number `first ..< last` is one JSON accepts as it stands, and the
    /// byte after it cannot continue it (an `e` there is an exponent without digits).
    @inline(__always)
    private static func isJSONShaped(_ first: UnsafePointer<UInt8>, _ last: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        var p = first
        if p.pointee == UInt8(ascii: "-") { p += 1 }
        guard p < last, p.pointee &- 0x30 <= 9 else { return false }  // a digit first: no '+', no '.'
        if p.pointee == UInt8(ascii: "0") {
            p += 1  // a leading zero stands alone
            if p < last && p.pointee &- 0x30 <= 9 { return false }
        } else {
            while p < last && p.pointee &- 0x30 <= 9 { p += 1 }
        }
        if p < last && p.pointee == UInt8(ascii: ".") {
            p += 1
            guard p < last, p.pointee &- 0x30 <= 9 else { return false }  // a digit after '.'
        }
        if last < end && (last.pointee | 0x20) == UInt8(ascii: "e") { return false }
        return true
    }

    /// Checks the grammar of the number at `start` (throwing its syntax error) and parses it
    /// with the standard library.
    private mutating func slowNumber(from start: Int) throws(_ParseFailure) -> Double {
        i = start
        try scanNumber()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Double(text) else { throw syntax("a number") }
        return value
    }

    /// Parses a string with escapes; `i` must be at its opening quote. The text must be valid
    /// UTF-8 (RFC 8259 §8.1): bytes that are not are a syntax error, never repaired, so the
    /// parser accepts exactly the strings a standard JSON reader accepts. (An escaped lone
    /// surrogate, `\uD800`, is valid JSON text and reads as U+FFFD.)
    private mutating func parseString() throws(_ParseFailure) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw syntax("a string") }
        i += 1
        let start = i
        var ascii = true
        // Fast path: no escapes.
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                let text = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
                i += 1
                if ascii { return String(decoding: text, as: UTF8.self) }
                guard let s = String(validating: text, as: UTF8.self) else { throw syntax("a UTF-8 string") }
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            guard c >= 0x20 else { throw syntax("no control character in a string") }
            ascii = ascii && c < 0x80
            i += 1
        }
        var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let s = String(validating: out, as: UTF8.self) else { throw syntax("a UTF-8 string") }
                return s
            case UInt8(ascii: "\\"):
                switch _JSONEscape.decode(bytes, at: &i, into: &out) {
                case nil: continue
                case .endOfInput: throw syntax("an escape")
                case .unknownEscape: throw syntax("a valid escape")
                case .truncatedHex: throw syntax("four hex digits")
                case .invalidHex: throw syntax("a hex digit")
                }
            default:
                guard c >= 0x20 else { throw syntax("no control character in a string") }
                out.append(c)
            }
        }
        throw syntax("the end of a string")
    }

    /// Skips any JSON value, checking its syntax; nesting deeper than 64 is refused.
    private mutating func skipValue(depth: Int) throws(_ParseFailure) {
        guard depth < 64 else { throw _ParseFailure(.syntax, "invalid JSON: nesting deeper than 64 levels") }
        skipWhitespace()
        let c = peek()
        switch c {
        case UInt8(ascii: "{"):
            i += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                i += 1
                return
            }
            while true {
                skipWhitespace()
                _ = try parseString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return
            }
        case UInt8(ascii: "["):
            i += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                i += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return
            }
        case UInt8(ascii: "\""): _ = try parseString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "N"), UInt8(ascii: "I"): try skipNonFiniteLiteral()
        default:
            guard isNumberStart(c), i < bytes.count else { throw syntax("a JSON value") }
            do {
                try scanNumber()
            } catch let failure where failure.kind == .nonNumeric {
                // -Infinity outside a feature row is merely skipped.
            }
        }
    }
}
