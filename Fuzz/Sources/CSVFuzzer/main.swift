import FuzzSupport
import MLCore

// CSV reading (quoting, CRLF, missing markers, number scanning, column typing) and the
// conversion to a numeric matrix. Only thrown errors may come out.
runFuzzer { input in
    for reader in [CSVReader(), CSVReader(numericType: .float)] {
        guard let table = try? reader.read(buffer: input.bindMemory(to: UInt8.self)) else { continue }
        _ = try? table.matrix(Float.self)
        _ = try? table.matrix(Double.self)
    }
}
