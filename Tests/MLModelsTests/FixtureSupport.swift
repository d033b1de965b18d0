import FoundationEssentials
import MLCore
import MLModels
import MLTesting

/// Reads the small numeric CSV files of the model fixtures (header row, empty field = NaN).
struct FixtureCSV {
    let header: [String]
    let rows: [[Double]]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw FixtureError("empty CSV \(path)") }
        header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rows = try lines.map { line in
            try line.split(separator: ",", omittingEmptySubsequences: false).map { field -> Double in
                if field.isEmpty { return .nan }
                guard let v = Double(field) else { throw FixtureError("bad number '\(field)' in \(path)") }
                return v
            }
        }
    }

    func column(_ name: String) -> [Double]? {
        guard let j = header.firstIndex(of: name) else { return nil }
        return rows.map { $0[j] }
    }

    func floatMatrix() throws -> Matrix<Float> {
        try Matrix(rows: rows.count, columns: header.count, elements: rows.flatMap { $0.map { Float($0) } })
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

/// A test case over one model file, named by the file's folder and name (`lgbm_binary/model.txt`).
protocol ModelFileCase: Sendable, CustomStringConvertible {
    var modelPath: String { get }
}

extension ModelFileCase {
    var description: String { modelPath.split(separator: "/").suffix(2).joined(separator: "/") }
}

/// One model fixture folder: model file, inputs, expected outputs, tolerances.
struct ModelFixture: Sendable, CustomStringConvertible {
    let name: String
    let modelFile: String
    var description: String { name }

    static let all: [ModelFixture] = [
        ModelFixture(name: "xgb_binary_logistic", modelFile: "model.json"),
        ModelFixture(name: "xgb_binary_ubj", modelFile: "model.ubj"),
        ModelFixture(name: "xgb_multiclass_softprob", modelFile: "model.json"),
        ModelFixture(name: "xgb_regression", modelFile: "model.json"),
        ModelFixture(name: "lgbm_binary", modelFile: "model.txt"),
        ModelFixture(name: "lgbm_categorical", modelFile: "model.txt"),
        ModelFixture(name: "lgbm_multiclass", modelFile: "model.txt"),
        ModelFixture(name: "lgbm_regression", modelFile: "model.txt"),
    ]

    var folder: String { FixtureLocator(testFile: #filePath).path("models/" + name) }
    var modelPath: String { folder + "/" + modelFile }

    /// `tolerance_abs_by_column[column]` or `tolerance_abs` from meta.json.
    func tolerance(for column: String) throws -> Double {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/meta.json"))
        guard let meta = try JSONSerializationLite.object(data) else { throw FixtureError("meta.json of \(name)") }
        if let byColumn = meta["tolerance_abs_by_column"] as? [String: Any], let t = byColumn[column] as? Double {
            return t
        }
        guard let t = meta["tolerance_abs"] as? Double else { throw FixtureError("no tolerance_abs in \(name)") }
        return t
    }
}

/// Minimal meta.json access through Codable (FoundationEssentials has no JSONSerialization).
enum JSONSerializationLite {
    struct Meta: Decodable {
        let tolerance_abs: Double
        let tolerance_abs_by_column: [String: Double]?
    }

    static func object(_ data: Data) throws -> [String: Any]? {
        let meta = try JSONDecoder().decode(Meta.self, from: data)
        var out: [String: Any] = ["tolerance_abs": meta.tolerance_abs]
        if let by = meta.tolerance_abs_by_column { out["tolerance_abs_by_column"] = by }
        return out
    }
}
