import ArgumentParser
import MLCore
import MLRegistry

/// `mlctl registry log-run`: record a training run.
struct RegistryLogRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log-run",
        abstract: "Record a training run: params, metrics (with steps), tags, dataset hashes, environment.",
        discussion: """
            Prints the new run id (a JSON run with --json). --metrics takes {"auc": 0.91} or \
            {"loss": [{"step": 1, "value": 0.7}, …]}; --params and --tags take JSON objects. \
            Each --dataset FILE is hashed (SHA-256) and recorded with the run.
            """
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Experiment name (created when new).")
    var experiment: String

    @Option(help: "A display name for the run.")
    var name: String?

    @Option(help: "JSON object of hyperparameters.")
    var params: String?

    @Option(help: "JSON object of metrics.")
    var metrics: String?

    @Option(help: "JSON object of tags.")
    var tags: String?

    @Option(help: "A dataset file the run read (repeatable); hashed and recorded.")
    var dataset: [String] = []

    @Option(help: "Run status: running, finished, failed, killed.")
    var status: String = "finished"

    @Flag(help: "Do not record the environment snapshot.")
    var noEnvironment = false

    func run() throws {
        guard let status = RunStatus(rawValue: status) else {
            throw ValidationError("--status must be one of running, finished, failed, killed")
        }
        let registry = try options.open()
        var request = RunRequest(experiment: experiment, name: name, status: status)
        if let params { request.params = try RegistryJSON.read(fileAt: params).textValues(source: params) }
        if let tags { request.tags = try RegistryJSON.read(fileAt: tags).textValues(source: tags) }
        if let metrics { request.metrics = try MetricPoint.points(from: RegistryJSON.read(fileAt: metrics), source: metrics) }
        request.datasets = try dataset.map { path in
            TrainingDataset(name: fileName(path), sha256: try hashFile(path), path: path)
        }
        if !noEnvironment { request.environment = EnvironmentSnapshot.capture() }
        let run = try registry.logRun(request, actor: options.actor)
        try options.emit(run) { print(run.id) }
    }

    func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    func hashFile(_ path: String) throws -> String {
        do {
            return try FileDigest.sha256Hex(ofFileAt: path)
        } catch let error as DataFormatError {
            throw InputError("\(path): \(error.message)")
        }
    }
}

/// `mlctl registry runs`: the runs of an experiment and their count.
struct RegistryRunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List an experiment's runs; the count is the trial count the DSR gate uses."
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Experiment name.")
    var experiment: String

    @Flag(help: "Print only the number of runs.")
    var count = false

    struct Report: Encodable {
        let experiment: String
        let runCount: Int
        let runs: [Run]?

        enum CodingKeys: String, CodingKey {
            case experiment, runs
            case runCount = "run_count"
        }
    }

    func run() throws {
        let registry = try options.open()
        if count {
            let n = try registry.runCount(experiment: experiment)
            try options.emit(Report(experiment: experiment, runCount: n, runs: nil)) { print(n) }
            return
        }
        let runs = try registry.runs(experiment: experiment)
        try options.emit(Report(experiment: experiment, runCount: runs.count, runs: runs)) { printRuns(runs) }
    }

    private func printRuns(_ runs: [Run]) {
        print("\(runs.count) runs in '\(experiment)'")
        TextTable.print(
            ["id", "name", "status", "started", "metrics"],
            runs.map { r in
                [
                    String(r.id), r.name ?? "", r.status.rawValue, r.startedAt.iso8601,
                    r.latestMetrics.keys.sorted().map { "\($0)=\(r.latestMetrics[$0] ?? 0)" }.joined(separator: " "),
                ]
            })
    }
}
