import ArgumentParser
import MLTraining

/// `mlctl reproduce --manifest M [--json]`.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Re-run a training from its manifest and compare the model's SHA-256.",
        discussion: """
            The manifest embeds the resolved config, so nothing else is needed. Exit 0 when the new model is \
            byte-identical, 1 when it differs (naming what changed: input files, config, environment), 2 when \
            the manifest or its data cannot be used.
            """
    )

    @Option(help: "The manifest.json written by mlctl train.")
    var manifest: String

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let recorded = try TrainingManifest.read(contentsOf: manifest)
        let (report, _) = try TrainingReproduction.run(recorded, evaluate: TrainingMetrics.evaluate)
        try jsonOutput.emit(report) {
            print(report.reproduced ? "reproduced: model sha256 \(report.actualModelSHA256)" : "NOT reproduced: model sha256 \(report.actualModelSHA256), manifest \(report.expectedModelSHA256)")
            for d in report.differences { print("  \(d)") }
        }
        if !report.reproduced { throw CheckFailed(summary: "the model differs: " + report.differences.joined(separator: "; ")) }
    }
}
