import FoundationEssentials
import MLCore
import MLMetrics

/// Reads, writes and applies calibrator files (JSON written by ``StoredCalibrator``).
public enum CalibratorFile {
    /// Reads and verifies a calibrator file.
    /// - Throws: ``EvaluationError`` `.unreadableFile` (missing, unreadable, not a calibrator's
    ///   JSON) or `.emptyInput`; ``CalibrationError`` `.hashMismatch` / `.verificationFailed`
    ///   when the file parses but its calibrator fails its checks (tampered, not monotone,
    ///   outputs outside [0, 1]).
    public static func read(contentsOf path: String) throws -> StoredCalibrator {
        let bytes = try _InputFiles.bytes(at: path)
        do {
            return try JSONDecoder().decode(StoredCalibrator.self, from: Data(bytes))
        } catch let error as CalibrationError {
            throw error
        } catch {
            throw EvaluationError(.unreadableFile, "not a calibrator file: \(describe(error))", path: path)
        }
    }

    /// Writes `calibrator` as pretty-printed JSON with sorted keys.
    /// - Throws: ``EvaluationError`` `.writeFailed`.
    public static func write(_ calibrator: StoredCalibrator, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(calibrator)
        } catch {
            throw EvaluationError(.writeFailed, "cannot encode the calibrator: \(error)", path: path)
        }
        try _InputFiles.write([UInt8](data) + [UInt8(ascii: "\n")], to: path, durable: true)
    }

    /// Applies `calibrator` to scores.
    /// - Returns: for binary scores the columns `score,calibrated`; for class probabilities
    ///   the calibrated `p0..pK-1` (readable by ``ScoreColumns/read(contentsOf:)``).
    /// - Throws: ``EvaluationError`` `.invalidScore` when the scores do not fit the calibrator
    ///   (binary vs. K classes); ``CalibrationError`` for values it refuses.
    public static func apply(_ calibrator: StoredCalibrator, to scores: ScoreColumns) throws
        -> (columnNames: [String], values: Matrix<Double>)
    {
        switch (calibrator, scores) {
        case (.binary(let c), .binary(let s)):
            let out = c.calibrated(s)
            var elements = [Double](repeating: 0, count: 2 * s.count)
            for i in s.indices {
                elements[2 * i] = s[i]
                elements[2 * i + 1] = out[i]
            }
            return (["score", "calibrated"], try Matrix(rows: s.count, columns: 2, elements: elements))
        case (.perClass(let c), .multiclass(let p)) where p.columns == c.classCount:
            return ((0..<p.columns).map { "p\($0)" }, try c.probabilities(p))
        case (.temperature(let c), .multiclass(let p)) where p.columns == c.classCount:
            return ((0..<p.columns).map { "p\($0)" }, try c.probabilities(probabilities: p))
        default:
            let takes = calibrator.classCount == 2 ? "one score per row" : "\(calibrator.classCount) class probabilities per row"
            let has = scores.classCount == 2 ? "one score per row" : "\(scores.classCount) class probabilities per row"
            throw EvaluationError(
                .invalidScore, "the \(calibrator.kind) calibrator takes \(takes), the scores have \(has)")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '" + context.codingPath.map(\.stringValue).joined(separator: ".") + "'"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "invalid JSON" : "invalid value at '" + context.codingPath.map(\.stringValue).joined(separator: ".") + "'"
        default: return "\(error)"
        }
    }
}
