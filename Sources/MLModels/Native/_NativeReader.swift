/// Strict typed reads of a native model document. Every failure is a ``ModelLoadingError``
/// naming the key path (`model.trees[3].nodes[5].threshold`); no loose coercions (numbers in
/// strings, booleans as integers) are accepted.
struct _NativeReader {
    let doc: _JSONDocument

    func fail(_ code: ModelLoadingError.Code, _ path: String, _ message: String) -> ModelLoadingError {
        ModelLoadingError(code, "'\(path)' " + message, key: path)
    }

    func member(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String) throws -> _JSONValue {
        guard let v = parent[key] else {
            throw ModelLoadingError(.missingKey, "missing '\(Self.join(path(), key))'", key: Self.join(path(), key))
        }
        return v
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func object(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String) throws -> _JSONValue {
        let v = try member(parent, key, path())
        guard case .object = v else { throw fail(.invalidValue, Self.join(path(), key), "is a \(v.typeName), expected an object") }
        return v
    }

    func array(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String) throws -> [_JSONValue] {
        let v = try member(parent, key, path())
        guard case .array(let items) = v else { throw fail(.invalidValue, Self.join(path(), key), "is a \(v.typeName), expected an array") }
        return items
    }

    func string(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String) throws -> String {
        let v = try member(parent, key, path())
        guard case .string(let s) = v else { throw fail(.invalidValue, Self.join(path(), key), "is a \(v.typeName), expected a string") }
        return s
    }

    /// A string, or nil when the key is absent or `null`.
    func optionalString(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String) throws -> String? {
        guard let v = parent[key], !v.isNull else { return nil }
        return try string(parent, key, path())
    }

    func bool(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String) throws -> Bool {
        let v = try member(parent, key, path())
        guard case .bool(let b) = v else { throw fail(.invalidValue, Self.join(path(), key), "is a \(v.typeName), expected true or false") }
        return b
    }

    func integer(_ v: _JSONValue, _ path: @autoclosure () -> String, range: ClosedRange<Int>) throws -> Int {
        guard case .numberText(let s, let e) = v,
            let i = doc.bytes.withUnsafeBufferPointer({ _NumberParsing.integer($0, Int(s), Int(e)) }),
            let value = Int(exactly: i), range.contains(value)
        else { throw fail(.invalidValue, path(), "must be an integer in \(range)") }
        return value
    }

    func int(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String, range: ClosedRange<Int>) throws -> Int {
        try integer(try member(parent, key, path()), Self.join(path(), key), range: range)
    }

    /// An integer, or nil when the key is absent or `null`.
    func optionalInt(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String, range: ClosedRange<Int>) throws -> Int? {
        guard let v = parent[key], !v.isNull else { return nil }
        return try integer(v, Self.join(path(), key), range: range)
    }

    func intArray(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String, range: ClosedRange<Int>) throws -> [Int] {
        try array(parent, key, path()).enumerated().map { try integer($1, "\(Self.join(path(), key))[\($0)]", range: range) }
    }

    /// The text of a special value (`"NaN"`, `"Infinity"`, `"-Infinity"`), as a Double.
    private func special(_ v: _JSONValue) -> Double? {
        guard case .string(let s) = v else { return nil }
        switch s {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return nil
        }
    }

    /// A `Float` written as its shortest decimal text (or a special string).
    func float(_ v: _JSONValue, _ path: @autoclosure () -> String) throws -> Float {
        if case .numberText(let s, let e) = v, let f = doc.bytes.withUnsafeBufferPointer({ _NumberParsing.float($0, Int(s), Int(e)) }) {
            return f
        }
        if let d = special(v) { return Float(d) }
        throw fail(.invalidValue, path(), "is a \(v.typeName), expected a number (or \"NaN\", \"Infinity\", \"-Infinity\")")
    }

    /// A `Double` written as its shortest decimal text (or a special string).
    func double(_ v: _JSONValue, _ path: @autoclosure () -> String) throws -> Double {
        if case .numberText(let s, let e) = v, let d = doc.bytes.withUnsafeBufferPointer({ _NumberParsing.double($0, Int(s), Int(e)) }) {
            return d
        }
        if let d = special(v) { return d }
        throw fail(.invalidValue, path(), "is a \(v.typeName), expected a number (or \"NaN\", \"Infinity\", \"-Infinity\")")
    }

    func doubleArray(_ parent: _JSONValue, _ key: String, _ path: @autoclosure () -> String) throws -> [Double] {
        try array(parent, key, path()).enumerated().map { try double($1, "\(Self.join(path(), key))[\($0)]") }
    }

    func stringArray(_ v: _JSONValue, _ path: @autoclosure () -> String) throws -> [String] {
        guard case .array(let items) = v else { throw fail(.invalidValue, path(), "is a \(v.typeName), expected an array of strings") }
        return try items.enumerated().map { k, item in
            guard case .string(let s) = item else { throw fail(.invalidValue, "\(path())[\(k)]", "is a \(item.typeName), expected a string") }
            return s
        }
    }
}
