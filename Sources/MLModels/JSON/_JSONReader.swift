/// Key lookups with errors that name the key path.
struct _Reader {
    let doc: _JSONDocument

    func object(_ parent: _JSONValue, _ key: String, path: String = "") throws -> _JSONValue {
        let full = path.isEmpty ? key : path + "." + key
        guard let v = parent[key] else { throw ModelLoadingError(.missingKey, "missing '\(full)'", key: full) }
        guard case .object = v else {
            throw ModelLoadingError(.invalidValue, "'\(full)' is a \(v.typeName), expected an object", key: full)
        }
        return v
    }

    func string(_ parent: _JSONValue, _ key: String, path: String) throws -> String {
        let full = path + "." + key
        guard let v = parent[key] else { throw ModelLoadingError(.missingKey, "missing '\(full)'", key: full) }
        guard let s = doc.string(v) else {
            throw ModelLoadingError(.invalidValue, "'\(full)' is a \(v.typeName), expected a string", key: full)
        }
        return s
    }

    func int(_ parent: _JSONValue, _ key: String, path: String, range: ClosedRange<Int>) throws -> Int {
        let full = path + "." + key
        guard let v = try optionalInt(parent, key, path: path, range: range) else {
            throw ModelLoadingError(.missingKey, "missing '\(full)'", key: full)
        }
        return v
    }

    func optionalInt(_ parent: _JSONValue, _ key: String, path: String, range: ClosedRange<Int>) throws -> Int? {
        let full = path + "." + key
        guard let v = parent[key] else { return nil }
        guard let i = doc.integer(v), let value = Int(exactly: i), range.contains(value) else {
            throw ModelLoadingError(.invalidValue, "'\(full)' must be an integer in \(range)", key: full)
        }
        return value
    }
}
