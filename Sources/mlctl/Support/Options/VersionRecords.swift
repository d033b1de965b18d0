import ArgumentParser
import MLRegistry

/// `[--metrics m.json] [--evidence e.json]`: the metrics and evidence registered with a new version.
struct VersionRecords: ParsableArguments {
    @Option(help: "JSON file of metrics.")
    var metrics: String?

    @Option(help: "JSON file of evidence (gates, export_validation, calibration, …).")
    var evidence: String?

    /// Reads the files given into `registration`.
    func apply(to registration: inout Registration) throws {
        if let metrics { registration.metrics = try RegistryJSON.read(fileAt: metrics).metricValues(source: metrics) }
        if let evidence { registration.evidence = try Evidence.read(fileAt: evidence) }
    }
}
