import FoundationEssentials
import MLCore
import MLRegistry
import Synchronization

/// A timing harness for registry lookups on a populated registry: it registers `versions`
/// versions of one model (and moves `champion` among them), then times ``ModelRegistry/version(_:_:)``
/// by number (`show`), by alias, and ``ModelRegistry/aliasHolder(_:model:asOf:)`` (as-of)
/// in-process. Used by `mlctl registry bench` and recorded in `Docs/Performance.md`;
/// never asserted in tests (DESIGN §3).
public enum RegistryBenchmark {
    /// Timings of one lookup kind, in microseconds: wall-clock median, p99 and max, and the
    /// median of the calling thread's CPU time (robust to other processes on a busy machine).
    public struct Timing: Sendable, Hashable, Codable {
        public var operation: String
        public var count: Int
        public var medianMicroseconds: Double
        public var p99Microseconds: Double
        public var maxMicroseconds: Double
        public var medianCPUMicroseconds: Double

        enum CodingKeys: String, CodingKey {
            case operation, count
            case medianMicroseconds = "median_us"
            case p99Microseconds = "p99_us"
            case maxMicroseconds = "max_us"
            case medianCPUMicroseconds = "median_cpu_us"
        }
    }

    /// The result: how many versions and alias moves, how long populating took, and the timings.
    public struct Result: Sendable, Hashable, Codable {
        public var versions: Int
        public var aliasMoves: Int
        public var populateSeconds: Double
        public var timings: [Timing]

        enum CodingKeys: String, CodingKey {
            case versions, timings
            case aliasMoves = "alias_moves"
            case populateSeconds = "populate_seconds"
        }
    }

    /// Populates a new registry in `directory` (which must not hold one) and times lookups.
    ///
    /// - Parameters:
    ///   - versions: versions to register (≥ 1).
    ///   - aliasMoves: moves of `champion` spread over the versions (forced, no evidence).
    ///   - lookups: timed calls per operation.
    /// - Throws: ``RegistryError`` from the registry.
    public static func run(versions: Int, aliasMoves: Int = 1000, lookups: Int = 2000, directory: String) throws -> Result {
        guard versions >= 1, aliasMoves >= 0, lookups >= 1 else {
            throw RegistryError(.invalidInput, "versions and lookups must be at least 1")
        }
        let artifact = directory + "/bench-model.bin"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data("benchmark model bytes\n".utf8).write(to: URL(fileURLWithPath: artifact), options: .atomic)
        } catch {
            throw RegistryError(.io, "cannot write the benchmark model: \(error)", context: ["path": artifact])
        }
        // A clock that advances 1 s per call, so alias moves have distinct, increasing times.
        let ticks = _Ticker()
        let options = ModelRegistry.Options(
            durability: .normal, defaultActor: "bench", gatePolicy: .standard,
            clock: { RegistryTimestamp(millisecondsSince1970: 1_767_225_600_000 + ticks.next() * 1000) })
        let registry = try ModelRegistry.create(at: directory + "/bench.sqlite", options: options)
        let start = monotonicSeconds()
        for i in 0..<versions {
            _ = try registry.register(
                Registration(name: "bench", artifactPath: artifact, metrics: ["auc": 0.5 + Double(i % 100) / 1000]))
        }
        let override = GateOverride(reason: "benchmark")
        for i in 0..<aliasMoves {
            try registry.setAlias("champion", model: "bench", version: 1 + (i * 7919) % versions, override: override)
        }
        if aliasMoves == 0 { try registry.setAlias("champion", model: "bench", version: 1, override: override) }
        let populate = monotonicSeconds() - start
        let first = try registry.aliasHistory(model: "bench", alias: "champion").first?.movedAt.millisecondsSince1970 ?? 0
        let last = ticks.current() * 1000 + 1_767_225_600_000

        var rng = SplitMix64(seed: 42)
        var timings: [Timing] = []
        timings.append(
            try time("show (version by number)", lookups) {
                _ = try registry.version("bench", .number(1 + Int(rng.next() % UInt64(versions))))
            })
        timings.append(try time("alias lookup (@champion)", lookups) { _ = try registry.version("bench", .alias("champion")) })
        let span = UInt64(max(1, last - first))
        timings.append(
            try time("as-of alias lookup", lookups) {
                let t = RegistryTimestamp(millisecondsSince1970: first + Int64(rng.next() % span))
                _ = try registry.aliasHolder("champion", model: "bench", asOf: t)
            })
        timings.append(try time("latest version", lookups) { _ = try registry.latestVersion(of: "bench") })
        return Result(versions: versions, aliasMoves: max(aliasMoves, 1), populateSeconds: populate, timings: timings)
    }

    static func time(_ name: String, _ count: Int, _ body: () throws -> Void) throws -> Timing {
        for _ in 0..<min(count, 50) { try body() }  // warm caches
        var samples: [Double] = []
        var cpu: [Double] = []
        samples.reserveCapacity(count)
        cpu.reserveCapacity(count)
        for _ in 0..<count {
            let t0 = monotonicSeconds()
            let c0 = _Platform.threadCPUNanoseconds()
            try body()
            cpu.append(Double(_Platform.threadCPUNanoseconds() &- c0) / 1e3)
            samples.append((monotonicSeconds() - t0) * 1e6)
        }
        samples.sort()
        cpu.sort()
        let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
        return Timing(
            operation: name, count: count, medianMicroseconds: samples[samples.count / 2], p99Microseconds: p99,
            maxMicroseconds: samples[samples.count - 1], medianCPUMicroseconds: cpu[cpu.count / 2])
    }

    static func monotonicSeconds() -> Double { Double(_Platform.monotonicNanoseconds()) / 1e9 }
}

/// A thread-safe counter for the benchmark's clock.
final class _Ticker: Sendable {
    private let value = Atomic<Int64>(0)
    func next() -> Int64 { value.add(1, ordering: .relaxed).newValue }
    func current() -> Int64 { value.load(ordering: .relaxed) }
}
