import CFuzzerDriver

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The body the current target runs on each input. Set once by ``runFuzzer(_:)`` before
/// libFuzzer starts and only read afterwards, from libFuzzer's single fuzzing thread.
nonisolated(unsafe) private var fuzzBody: ((UnsafeRawBufferPointer) -> Void)?

/// Hands control to libFuzzer's driver (which parses the command line: corpus folders,
/// `-runs`, `-max_total_time`, `-rss_limit_mb`, `-timeout`, …) and runs `body` on every input.
///
/// A target is any crash, sanitizer report, leak, time-out or RSS-limit overrun in `body`:
/// bodies only ever `try?` the code under test, so a typed error is a clean rejection.
public func runFuzzer(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
    fuzzBody = body
    var arguments = CommandLine.unsafeArgv
    var count = CommandLine.argc
    let status = withUnsafeMutablePointer(to: &arguments) { argv in
        argv.withMemoryRebound(to: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?.self, capacity: 1) { rebound in
            LLVMFuzzerRunDriver(&count, rebound) { data, size in
                fuzzBody?(UnsafeRawBufferPointer(start: data, count: size))
                return 0
            }
        }
    }
    exit(status)
}

/// libFuzzer's runtime references this symbol; the driver above passes its own callback,
/// so this one only forwards (it is what `-runs` over a corpus ends up calling too).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzBody?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
