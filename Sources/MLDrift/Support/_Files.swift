import FoundationEssentials

/// File reading and writing for profiles, configurations and reports, with failures turned
/// into ``DriftError`` `.io` naming the path.
enum _Files {
    static func readData(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DriftError(.io, "cannot read: \(error.localizedDescription)", source: path)
        }
    }

    static func readText(_ path: String) throws -> String {
        let data = try readData(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DriftError(.io, "not UTF-8 text", source: path)
        }
        return text
    }

    /// Writes atomically (a temporary file renamed over the target), so a reader such as the
    /// node-exporter textfile collector never sees half a file.
    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DriftError(.io, "cannot write: \(error.localizedDescription)", source: path)
        }
    }
}
