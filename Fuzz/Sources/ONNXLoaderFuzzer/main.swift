import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif
import MLCore
import MLModels

// Entry: run libFuzzer's driver with the callback below (libFuzzer parses the arguments).
var arguments = CommandLine.unsafeArgv
var count = CommandLine.argc
let status = withUnsafeMutablePointer(to: &arguments) { argv in
    argv.withMemoryRebound(to: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?.self, capacity: 1) { rebound in
        LLVMFuzzerRunDriver(&count, rebound) { data, size in
            guard let data else { return 0 }
            return onnxLoaderFuzzer(data, size)
        }
    }
}
exit(status)

/// libFuzzer entry point for the ONNX executor: every input is loaded as an ONNX model; what
/// loads is scored on probe rows (NaN, ±∞, zeros, large values) in batch, labeled and single-row
/// form. Any crash, hang or sanitizer report is a bug: a malformed model must only ever throw
/// ModelLoadingError, and scoring only ScoringError.
@_cdecl("LLVMFuzzerTestOneInput")
func onnxLoaderFuzzer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let model = try? ONNXModel(bytes: bytes) else { return 0 }
    let f = model.schema.featureCount
    guard f <= 1024 else { return 0 }
    let pool: [Float] = [.nan, 0, -0.0, 1, -1, 0.5, 3, 40, 1e-36, .infinity, -.infinity, 1e30, 7]
    var values: [Float] = []
    for r in 0..<3 { for j in 0..<f { values.append(pool[(r * 5 + j * 3) % pool.count]) } }
    guard let x = try? Matrix<Float>(rows: 3, columns: f, elements: values) else { return 0 }
    _ = try? model.predict(x)
    _ = try? model.predictWithLabels(x)
    if let scorer = try? model.makeSingleRowScorer() {
        _ = try? scorer.predict(Array(values[0..<f]))
    }
    return 0
}
