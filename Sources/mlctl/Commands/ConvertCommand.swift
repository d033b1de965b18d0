import ArgumentParser
import MLCore
import MLModels
import MLValidation

/// `mlctl convert --model IN --output OUT.json [--json]`.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a model (XGBoost JSON/UBJSON, LightGBM text, ONNX) to the SDK's own versioned JSON format.",
        discussion: """
            The output loads back to bit-identical predictions, carries the feature names and the source \
            file's SHA-256, and converting it again gives the same bytes. Schema: Docs/Models.md. \
            An unreadable or invalid model, or an unwritable output, is exit 2.
            """
    )

    @OptionGroup var model: ModelFileOption

    @Option(help: "Where to write the converted model (.json).")
    var output: String

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let conversion = try ModelConverter.convert(contentsOf: model.model)
        try TextFile.write(String(decoding: conversion.json, as: UTF8.self), to: output)
        let d = conversion.model.modelDescription
        let (sourceFormat, sourceSHA256) = (conversion.sourceFormat.rawValue, conversion.provenance.sourceSHA256)
        let outputSHA256 = FileDigest.sha256Hex(of: conversion.json)
        var report: [String: JSONScalar] = [
            "input": .string(model.model), "output": .string(output), "bytes": .int(conversion.json.count),
            "source_format": .string(sourceFormat), "source_sha256": .string(sourceSHA256),
            "output_sha256": .string(outputSHA256), "format_version": .int(ModelConverter.formatVersion),
            "output_kind": .string(d.outputKind), "feature_count": .int(d.featureCount),
            "feature_names": .bool(d.featureNames != nil),
        ]
        if let trees = d.treeCount { report["tree_count"] = .int(trees) }
        try jsonOutput.emit(report) {
            print(
                """
                converted:  \(model.model) (\(sourceFormat), sha256 \(sourceSHA256))
                output:     \(output) (\(ModelConverter.formatName) v\(ModelConverter.formatVersion), \(conversion.json.count) bytes, sha256 \(outputSHA256))
                model:      \(d.outputKind), \(d.featureCount) features\(d.featureNames != nil ? " (named)" : "")\(d.treeCount.map { ", \($0) trees" } ?? "")
                """)
        }
    }
}
