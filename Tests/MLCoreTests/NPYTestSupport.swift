import MLCore
import Testing

// Helpers shared by the NPY test suites.

/// Builds `.npy` bytes from a header text (no padding required) and raw data.
func npyFile(_ header: String, version: UInt8 = 1, data: [UInt8] = []) -> [UInt8] {
    let text = Array(header.utf8)
    var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
    let lengthBytes = version == 1 ? 2 : 4
    for k in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: text.count >> (8 * k))) }
    return out + text + data
}

/// Expects `bytes` to be refused with `code`, naming `field`, and the message to contain `mention`.
func expectNPYError(
    _ bytes: [UInt8], _ code: DataFormatError.Code, field: String, mentioning mention: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let array = try NPYArray(npyBytes: bytes)
        Issue.record("accepted: shape \(array.shape), \(array.dataType)", sourceLocation: sourceLocation)
    } catch let error as DataFormatError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        if let mention { #expect(error.message.contains(mention), "\(error)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("wrong error type \(error)", sourceLocation: sourceLocation)
    }
}

/// The raw bytes of a file, read with MLCore's file helper (the NPY reader is what is under test).
func fileBytes(_ path: String) throws -> [UInt8] {
    do {
        return try _FileSystem.readBytes(atPath: path)
    } catch {
        throw DataFormatError(.io, error.message, path: path)
    }
}
