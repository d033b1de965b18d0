import FoundationEssentials
import MLCore
import MLModels
import MLRegistry

/// Loads a variant's model from its file or the registry.
enum _VariantLoader {
    struct Loaded {
        var predictive: any PredictiveModel
        var model: String
        var version: String
        var source: String
    }

    static func load(
        route: String, _ variant: VariantConfiguration, engineName: String?, registry: ModelRegistry?,
        trustedKeys: [ArtifactVerificationKey] = []
    ) throws(ServeError) -> Loaded {
        if let path = variant.path {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw ServeError(.loadFailed, "cannot read model file \(path)")
            }
            let predictive: any PredictiveModel
            do {
                predictive = try ModelLoader.load(bytes: bytes)
            } catch {
                throw ServeError(.loadFailed, "\(path): \(error)", reason: refusalReason(error))
            }
            try checkServable(predictive, source: path)
            let digest = FileDigest.sha256Hex(of: bytes)
            let stem = (path.split(separator: "/").last.map(String.init) ?? path).split(separator: ".").first.map(String.init)
            return Loaded(
                predictive: predictive, model: engineName ?? stem ?? "model", version: "sha256:" + digest.prefix(12),
                source: path)
        }
        guard let registry else {
            throw ServeError(.invalidConfiguration, "variant '\(route)' names no path, and no registry is open")
        }
        guard let name = variant.registryName ?? engineName else {
            throw ServeError(.invalidConfiguration, "variant '\(route)' names no registry_name, and the engine has no name")
        }
        let reference: VersionReference = variant.version.map { .number($0) } ?? .alias(variant.alias ?? route)
        let sourceText = variant.version.map { "registry:\(name)#\($0)" } ?? "registry:\(name)@\(variant.alias ?? route)"
        do {
            let resolved = try registry.version(name, reference)
            let bytes = try registry.loadArtifact(name, .number(resolved.version), trustedKeys: trustedKeys)
            let predictive = try ModelLoader.load(bytes: bytes)
            try checkServable(predictive, source: sourceText)
            return Loaded(
                predictive: predictive, model: engineName ?? name, version: String(resolved.version), source: sourceText)
        } catch let e as ServeError {
            throw e
        } catch {
            throw ServeError(.loadFailed, "\(sourceText): \(error)", reason: refusalReason(error))
        }
    }

    /// Serving feeds numeric feature rows: an ONNX graph with a string input cannot take them.
    static func checkServable(_ model: any PredictiveModel, source: String) throws(ServeError) {
        if let onnx = model as? ONNXModel, let text = onnx.inputs.first(where: { $0.elementType == "string" }) {
            throw ServeError(
                .loadFailed,
                "\(source): graph input '\(text.name)' takes strings; the serving API scores numeric feature rows (score it in-process with ONNXModel.predictWithLabels(inputs:rowCount:) or mlctl predict)",
                reason: "string graph input")
        }
    }

    /// Why a model was refused, without paths or database detail: a model file's own error
    /// (code, message, where in the file), or the registry's error code.
    static func refusalReason(_ error: any Error) -> String? {
        if var e = error as? ModelLoadingError {
            guard e.code != .io else { return "the model file could not be read" }
            e.path = nil  // the location inside the file stays; the path does not
            return "\(e.code.rawValue): \(e)"
        }
        if let e = error as? RegistryError { return "registry refused the version: \(e.code.rawValue)" }
        return nil
    }
}
