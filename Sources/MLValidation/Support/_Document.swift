import FoundationEssentials
import MLMetrics
import MLCore
import Yams

/// A parsed JSON or YAML document: what rules and metrics files hold (MLCore's JSON tree,
/// decoded from either syntax).
typealias _Document = _JSONTree

extension _JSONTree {
    /// Parses `bytes` as JSON when they start with `{` or `[` (after white space), else as YAML.
    /// - Throws: ``EvaluationError`` with `code` naming what the file is for.
    static func parse(_ bytes: [UInt8], path: String?, code: EvaluationError.Code) throws -> _Document {
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        do {
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                return try _JSONCoding.decode(_Document.self, from: bytes)
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw EvaluationError(code, "the file is not UTF-8 text", path: path)
            }
            return try YAMLDecoder().decode(_Document.self, from: text)
        } catch let error as EvaluationError {
            throw error
        } catch {
            let kind = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "JSON" : "YAML"
            throw EvaluationError(code, "not valid \(kind): \(Self.describe(error))", path: path)
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return context.debugDescription + underlying
        case let error as YamlError: return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        default: return "\(error)"
        }
    }

    var number: Double? {
        switch self {
        case .number(let v): v
        case .string(let s): Double(_Text.trimmed(s))
        default: nil
        }
    }

    var bool: Bool? {
        switch self {
        case .bool(let v): v
        case .string(let s): ["true", "yes", "on"].contains(s.lowercased()) ? true : ["false", "no", "off"].contains(s.lowercased()) ? false : nil
        default: nil
        }
    }

    var string: String? {
        switch self {
        case .string(let s): s
        case .number(let v): "\(v)"
        default: nil
        }
    }
}

/// Small text helpers that need no Foundation.
enum _Text {
    /// `s` without leading and trailing spaces, tabs and line ends.
    static func trimmed(_ s: some StringProtocol) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = s.firstIndex(where: { !isSpace($0) }), let end = s.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(s[start...end])
    }
}
