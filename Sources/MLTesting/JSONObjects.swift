import Foundation

/// The JSON object in `text` (a command's `--json` output, a written report).
/// - Throws: ``FixtureFileError`` when `text` is not a JSON object; Foundation's error when it
///   is not JSON at all.
public func jsonObject(parsing text: String) throws -> [String: Any] {
    try jsonObject(data: Data(text.utf8))
}

/// The JSON object in `data`.
/// - Throws: ``FixtureFileError`` when `data` is not a JSON object; Foundation's error when it
///   is not JSON at all.
public func jsonObject(data: Data) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw FixtureFileError("not a JSON object")
    }
    return object
}

/// The JSON object in the file at `path`.
/// - Throws: ``FixtureFileError`` when the file is not a JSON object; Foundation's errors when
///   it cannot be read or parsed.
public func jsonObject(contentsOf path: String) throws -> [String: Any] {
    do {
        return try jsonObject(data: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch let error as FixtureFileError {
        throw FixtureFileError("\(path): \(error.description)")
    }
}
