import ArgumentParser
import MLRegistry

/// `mlctl registry deploy`: record or update a deployment.
struct RegistryDeployCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Record that a version is deployed (environment, endpoint, traffic share), or update one with --id.",
        discussion: "Deployments appear in 'lineage'. Statuses: pending, active, draining, retired, failed."
    )

    @OptionGroup var options: RegistryOptions

    @Option(help: "Model name (new deployment).")
    var name: String?

    @Option(help: "Version number (new deployment).")
    var version: Int?

    @Option(help: "Environment (new deployment): production, staging, a region…")
    var environment: String?

    @Option(help: "Endpoint (URL or service name).")
    var endpoint: String?

    @OptionGroup var state: DeploymentState

    @Option(help: "Update this deployment instead of recording a new one.")
    var id: Int?

    func run() throws {
        let status = try state.parsedStatus()
        let registry = try options.open()
        let deployment: Deployment
        if let id {
            deployment = try registry.updateDeployment(id: id, status: status, trafficShare: state.trafficShare, actor: options.actor)
        } else {
            guard let name, let version, let environment else {
                throw ValidationError("a new deployment needs --name, --version and --environment")
            }
            deployment = try registry.recordDeployment(
                model: name, version: version, environment: environment, endpoint: endpoint,
                trafficShare: state.trafficShare ?? 1, status: status ?? .active, actor: options.actor)
        }
        try options.emit(deployment) {
            print(
                "deployment \(deployment.id): \(deployment.name) v\(deployment.version) in \(deployment.environment), "
                    + "share \(deployment.trafficShare), \(deployment.status.rawValue)")
        }
    }
}
