/// Input checks shared by the metrics. Each throws a ``MetricError`` naming the argument and
/// the first offending index; none traps on outside data.
package enum _Validation {
    static func nonEmpty(_ count: Int, _ argument: String) throws {
        guard count > 0 else { throw MetricError(.emptyInput, "\(argument) is empty", argument: argument) }
    }

    static func sameLength(_ a: Int, _ aName: String, _ b: Int, _ bName: String) throws {
        guard a == b else {
            throw MetricError(
                .lengthMismatch, "\(aName) has \(a) elements but \(bName) has \(b)", argument: bName)
        }
    }

    /// Converts 0/1 integer labels to bytes, naming the first label that is neither 0 nor 1.
    package static func binaryLabels(_ labels: [Int], _ argument: String = "labels") throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: labels.count)
        for (i, label) in labels.enumerated() {
            switch label {
            case 0: continue
            case 1: out[i] = 1
            default:
                throw MetricError(
                    .invalidLabel, "binary labels must be 0 or 1, got \(label)", argument: argument, index: i)
            }
        }
        return out
    }

    package static func binaryLabels(_ labels: [Bool]) -> [UInt8] {
        labels.map { $0 ? 1 : 0 }
    }

    /// Checks that every value is finite (not NaN, not ±∞).
    static func finite(_ values: [Double], _ argument: String) throws {
        for (i, v) in values.enumerated() where !v.isFinite {
            throw MetricError(.nonFiniteValue, "\(argument) must be finite, got \(v)", argument: argument, index: i)
        }
    }

    /// Checks that every value is a probability: finite and in `[0, 1]`.
    static func probabilities(_ values: [Double], _ argument: String) throws {
        for (i, v) in values.enumerated() {
            if v.isNaN || v.isInfinite {
                throw MetricError(.nonFiniteValue, "\(argument) must be finite, got \(v)", argument: argument, index: i)
            }
            if v < 0 || v > 1 {
                throw MetricError(
                    .outOfRange, "\(argument) must be probabilities in [0, 1], got \(v)", argument: argument, index: i)
            }
        }
    }

    /// Checks multiclass labels are in `0..<classCount`.
    static func classLabels(_ labels: [Int], classCount: Int, _ argument: String = "labels") throws {
        for (i, label) in labels.enumerated() where label < 0 || label >= classCount {
            throw MetricError(
                .invalidLabel, "class labels must be in 0..<\(classCount), got \(label)", argument: argument, index: i)
        }
    }
}
