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
            return modelLoaderFuzzer(data, size)
        }
    }
}
exit(status)

/// libFuzzer entry point: every input is tried as each tree format; whatever loads is scored
/// on probe rows (NaN, ±∞, zeros, category-like codes) every way. Any crash, hang or
/// sanitizer report is a bug: a malformed model must only ever throw ModelLoadingError.
@_cdecl("LLVMFuzzerTestOneInput")
func modelLoaderFuzzer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for format in [ModelFormat.auto, .xgboostJSON, .xgboostUBJSON, .lightGBMText] {
        guard let model = try? TreeEnsembleModel(bytes: bytes, format: format) else { continue }
        let f = model.schema.featureCount
        guard f <= 1024 else { continue }
        let pool: [Float] = [.nan, 0, -0.0, 1, -1, 0.5, 3, 40, 1e-36, .infinity, -.infinity, 1e30, 7]
        var values: [Float] = []
        for r in 0..<3 { for j in 0..<f { values.append(pool[(r * 5 + j * 3) % pool.count]) } }
        guard let x = try? Matrix<Float>(rows: 3, columns: f, elements: values) else { continue }
        for output in [PredictionOutput.value, .rawMargin, .leafIndex] {
            let options = PredictionOptions(output: output, threads: 1)
            _ = try? model.predict(x, options: options)
            if let scorer = try? model.makeSingleRowScorer(options: options) {
                _ = try? scorer.predict(Array(values[0..<f]))
            }
        }
    }
    return 0
}
