import ArgumentParser
import MLModels

/// `mlctl inspect --model PATH [--json]`.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model: format, objective, features, classes, trees, depth.",
        discussion: "A file that cannot be read or is not a valid supported model is exit 2."
    )

    @OptionGroup var model: ModelFileOption

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let d = try model.load().modelDescription
        try jsonOutput.emit(d) {
            var lines: [String] = [
                "model:      \(model.model)",
                "format:     \(d.format.rawValue) (\(d.framework)\(d.frameworkVersion.map { " " + $0 } ?? ""))",
                "objective:  \(d.objective)",
                "output:     \(d.outputKind)\(d.classCount.map { ", \($0) classes" } ?? "")",
                "features:   \(d.featureCount)"
                    + (d.featureNames.map { " (" + $0.prefix(12).joined(separator: ", ") + ($0.count > 12 ? ", …)" : ")") } ?? ""),
            ]
            if let trees = d.treeCount {
                if let booster = d.booster { lines.append("booster:    \(booster)") }
                let iterations = d.iterationCount.map { " in \($0) iterations" } ?? ""
                lines.append("trees:      \(trees)\(iterations), \(d.outputGroups) output group(s)")
                lines.append("nodes:      \(d.nodeCount ?? 0) (\(d.leafCount ?? 0) leaves), max depth \(d.maxDepth ?? 0)")
            }
            for key in d.details.keys.sorted() { lines.append("\(key): \(d.details[key] ?? "")") }
            print(lines.joined(separator: "\n"))
        }
    }
}
