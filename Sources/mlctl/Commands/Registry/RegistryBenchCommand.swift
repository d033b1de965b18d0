import ArgumentParser
import MLBenchmarkSupport

/// `mlctl registry bench`: lookup timings on a populated registry.
struct RegistryBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Populate a scratch registry with N versions and time show, alias and as-of lookups in-process.",
        discussion: "Writes into --dir (which must not hold a registry yet); results in microseconds."
    )

    @Option(help: "Versions to register.")
    var versions: Int = 10_000

    @Option(help: "Moves of champion spread over the versions.")
    var aliasMoves: Int = 1000

    @Option(help: "Timed calls per lookup kind.")
    var lookups: Int = 2000

    @Option(help: "Scratch folder for the registry.")
    var dir: String

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let result = try RegistryBenchmark.run(versions: versions, aliasMoves: aliasMoves, lookups: lookups, directory: dir)
        try jsonOutput.emit(result) {
            print("\(result.versions) versions, \(result.aliasMoves) alias moves, populated in \(result.populateSeconds) s")
            TextTable.print(
                ["operation", "median µs", "p99 µs", "max µs", "median CPU µs"],
                result.timings.map {
                    [
                        $0.operation, format1($0.medianMicroseconds), format1($0.p99Microseconds),
                        format1($0.maxMicroseconds), format1($0.medianCPUMicroseconds),
                    ]
                })
        }
    }

    func format1(_ x: Double) -> String {
        String(Double((x * 10).rounded()) / 10)
    }
}
