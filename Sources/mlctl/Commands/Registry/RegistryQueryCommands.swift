import ArgumentParser
import MLRegistry

/// `mlctl registry list`: versions of one model or of all.
struct RegistryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List model versions (of one model with --name).",
        discussion: "With --json: {\"versions\": [{\"name\", \"version\", \"stage\", \"aliases\", \"artifact_sha256\", …}]}."
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Only this model's versions.")
    var name: String?

    struct Report: Encodable {
        let versions: [ModelVersion]
    }

    func run() throws {
        let versions = try options.open().versions(of: name)
        try options.emit(Report(versions: versions)) {
            TextTable.print(
                ["name", "version", "stage", "aliases", "sha256", "created"],
                versions.map { v in
                    [
                        v.name, String(v.version), v.stage.rawValue, v.aliases.map { "@" + $0 }.joined(separator: ","),
                        String(v.artifactSHA256.prefix(12)), v.createdAt.iso8601,
                    ]
                })
        }
    }
}

/// `mlctl registry show`: one version.
struct RegistryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one version: by --version, by --alias (now, or --as-of a time), or the latest.",
        discussion: """
            --verify re-hashes the artifact and checks its signature (exit 2 when corrupt or badly signed); \
            --verify-key also requires a signature by that public key. --as-of takes an ISO 8601 date \
            (meaning the end of that day, UTC) or date-time.
            """
    )

    @OptionGroup var options: RegistryOptions

    @OptionGroup var selection: VersionSelection

    @Option(help: "With --alias: the version the alias pointed to at this time.")
    var asOf: String?

    @Flag(help: "Verify the artifact's hash and signature.")
    var verify = false

    @OptionGroup var trust: TrustedKeys

    func run() throws {
        let registry = try options.open()
        let name = selection.name
        var reference = try selection.reference()
        if let asOf {
            guard let alias = selection.choice.alias else { throw ValidationError("--as-of needs --alias") }
            let time = try parseAsOf(asOf)
            guard let number = try registry.aliasHolder(alias, model: name, asOf: time) else {
                throw InputError("alias '\(alias)' of '\(name)' pointed to no version at \(time.iso8601)")
            }
            reference = .number(number)
        }
        let verified = verify || !trust.verifyKey.isEmpty
        let shown =
            if verified {
                try registry.verifyArtifact(name, reference, trustedKeys: try trust.keys())
            } else {
                try registry.version(name, reference)
            }
        try options.emit(shown) { printDetails(shown, verified: verified) }
    }

    private func printDetails(_ shown: ModelVersion, verified: Bool) {
        var lines: [(key: String, value: String)] = [
            ("name", shown.name), ("version", String(shown.version)), ("stage", shown.stage.rawValue),
            ("aliases", shown.aliases.joined(separator: ", ")), ("artifact_sha256", shown.artifactSHA256),
            ("artifact_size", String(shown.artifactSize)), ("created", "\(shown.createdAt.iso8601) by \(shown.createdBy)"),
        ]
        if let run = shown.runID { lines.append(("run", String(run))) }
        if let f = shown.format { lines.append(("format", f)) }
        if let f = shown.featureSetVersion { lines.append(("feature_set_version", f)) }
        if let d = shown.description { lines.append(("description", d)) }
        if let k = shown.signingKeyID { lines.append(("signed_by", k)) }
        for key in shown.metrics.keys.sorted() { lines.append(("metric " + key, String(shown.metrics[key] ?? 0))) }
        for kind in shown.evidence.items.keys.sorted() {
            lines.append(("evidence " + kind, shown.evidence.items[kind]?.passed == true ? "passed" : "failed"))
        }
        if verified { lines.append(("verified", "yes")) }
        TextTable.printAligned(lines)
    }
}

/// `mlctl registry export`: write a verified artifact to a file.
struct RegistryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a version's artifact to a file after verifying its hash (and signature).",
        discussion: "Exit 2 when the artifact is missing or corrupt, or the signature is bad or not by a trusted key."
    )

    @OptionGroup var options: RegistryOptions

    @OptionGroup var selection: VersionSelection

    @Option(help: "Output file.")
    var output: String

    @OptionGroup var trust: TrustedKeys

    func run() throws {
        let exported = try options.open().exportArtifact(
            selection.name, try selection.reference(), to: output, trustedKeys: try trust.keys())
        try options.emit(exported) {
            print("\(exported.name) v\(exported.version) -> \(output) (sha256 \(exported.artifactSHA256))")
        }
    }
}

/// `mlctl registry compare`: two versions' metrics.
struct RegistryCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two versions' metrics (b − a). Versions: a number, @alias or latest."
    )

    @OptionGroup var options: RegistryOptions

    @OptionGroup var model: ModelName

    @Argument(help: "Version a (number, @alias, latest).")
    var a: String

    @Argument(help: "Version b (number, @alias, latest).")
    var b: String

    func run() throws {
        guard let ra = VersionReference(parsing: a), let rb = VersionReference(parsing: b) else {
            throw ValidationError("versions are numbers, @alias or latest")
        }
        let comparison = try options.open().compare(model.name, ra, rb)
        try options.emit(comparison) {
            func text(_ d: Double?) -> String { d.map { String($0) } ?? "-" }
            TextTable.print(
                ["metric", "v\(comparison.a)", "v\(comparison.b)", "delta"],
                comparison.metrics.map { [$0.metric, text($0.a), text($0.b), text($0.delta)] })
        }
    }
}

/// `mlctl registry lineage`: dataset hashes → run → version → deployments → predictions.
struct RegistryLineageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Lineage of a version (datasets → run → version → deployments → predictions), or the versions trained on a dataset."
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Model name.")
    var name: String?

    @OptionGroup var choice: VersionChoice

    @Option(help: "A dataset SHA-256: list the versions trained on it.")
    var dataset: String?

    struct DatasetReport: Encodable {
        let dataset: String
        let versions: [ModelVersion]
    }

    func run() throws {
        let registry = try options.open()
        if let dataset {
            let versions = try registry.versions(trainedOnDatasetSHA256: dataset)
            try options.emit(DatasetReport(dataset: dataset, versions: versions)) {
                for v in versions { print("\(v.name) v\(v.version) (run \(v.runID.map(String.init) ?? "-"))") }
            }
            return
        }
        guard let name else { throw ValidationError("give --name (with --version/--alias) or --dataset") }
        let lineage = try registry.lineage(name, try choice.reference())
        try options.emit(lineage) { printLineage(lineage) }
    }

    private func printLineage(_ lineage: Lineage) {
        for d in lineage.datasets { print("dataset     \(d.name) sha256 \(d.sha256) (\(d.role))") }
        if let run = lineage.run { print("run         \(run.id) in '\(run.experiment)' (\(run.status.rawValue))") }
        print("version     \(lineage.version.name) v\(lineage.version.version) sha256 \(lineage.version.artifactSHA256)")
        for d in lineage.deployments {
            print("deployment  \(d.id) \(d.environment) share \(d.trafficShare) \(d.status.rawValue)")
        }
        print("predictions \(lineage.predictionCount) (\(lineage.feedbackCount) with feedback)")
    }
}
