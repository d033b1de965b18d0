import FoundationEssentials
import MLCore

/// File reading and writing for profiles, configurations and reports (MLCore's
/// ``_FileSystem``), with failures turned into ``DriftError`` `.io` naming the path.
enum _Files {
    static func readData(_ path: String) throws -> Data {
        do {
            return Data(try _FileSystem.readBytes(atPath: path))
        } catch {
            throw DriftError(.io, error.message, path: path)
        }
    }

    static func readText(_ path: String) throws -> String {
        let data = try readData(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DriftError(.io, "not UTF-8 text", path: path)
        }
        return text
    }

    /// Writes atomically (a temporary file renamed over the target), so a reader such as the
    /// node-exporter textfile collector never sees half a file.
    static func write(_ data: Data, to path: String) throws {
        do {
            try _FileSystem.writeAtomically([UInt8](data), to: path, durable: false)
        } catch {
            throw DriftError(.io, error.message, path: path)
        }
    }
}
