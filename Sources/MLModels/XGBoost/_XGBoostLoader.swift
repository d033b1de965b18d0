/// Reads XGBoost `save_model` documents (JSON or UBJSON, layouts of XGBoost 1.x to 3.x)
/// into a validated ``_Forest``.
///
/// Supported: `gbtree` and `dart` boosters (dart trees scaled by `weight_drop` in Float, as
/// XGBoost's predictor does), numeric and categorical splits, `num_parallel_tree`,
/// `tree_info` groups, `iteration_indptr`, the `best_iteration` attribute, and `base_score`
/// stored as a number, a string, a bracketed list string (`"[3.7333333E-1]"`) or an array.
/// Not supported (clear error): `gblinear`, multi-target trees (vector leaves).
enum _XGBoostLoader {
    static func load(_ doc: _JSONDocument, format: ModelFormat, keepRawTrees: Bool = false) throws -> _LoadedTrees {
        let reader = _Reader(doc: doc)
        let root = doc.root
        guard case .object = root else {
            throw ModelLoadingError(.malformed, "the document is a \(root.typeName), not an XGBoost model object")
        }
        let learner = try reader.object(root, "learner")
        let version = root["version"].flatMap { doc.integerArray($0) }?.map(String.init).joined(separator: ".")

        // Model parameters.
        let params = try reader.object(learner, "learner_model_param", path: "learner")
        let featureCount = try reader.int(params, "num_feature", path: "learner.learner_model_param", range: 0...(1 << 27))
        try _LoadCost.checkFeatureCount(featureCount, fileSize: doc.size, key: "learner.learner_model_param.num_feature")
        let classCount = try reader.optionalInt(params, "num_class", path: "learner.learner_model_param", range: 0...(1 << 16)) ?? 0
        let targets = try reader.optionalInt(params, "num_target", path: "learner.learner_model_param", range: 0...(1 << 16)) ?? 1
        guard targets <= 1 else {
            throw ModelLoadingError(.unsupported, "multi-target models (num_target = \(targets)) are not supported", key: "learner.learner_model_param.num_target")
        }
        let objectiveObject = try reader.object(learner, "objective", path: "learner")
        let objectiveName = try reader.string(objectiveObject, "name", path: "learner.objective")
        let objective = try _XGBoostObjective(name: objectiveName)
        if objective.isMulticlass {
            guard classCount >= 1 else {
                throw ModelLoadingError(.inconsistent, "\(objectiveName) needs num_class ≥ 1, the file has \(classCount)", key: "learner.learner_model_param.num_class")
            }
        } else if classCount > 1 {
            throw ModelLoadingError(.inconsistent, "\(objectiveName) with num_class = \(classCount) is not a valid model", key: "learner.learner_model_param.num_class")
        }
        let groups = max(classCount, 1)

        // Booster.
        let booster = try reader.object(learner, "gradient_booster", path: "learner")
        let boosterName = try reader.string(booster, "name", path: "learner.gradient_booster")
        let model: _JSONValue
        var weights: [Float]?
        switch boosterName {
        case "gbtree":
            model = try reader.object(booster, "model", path: "learner.gradient_booster")
        case "dart":
            let inner = try reader.object(booster, "gbtree", path: "learner.gradient_booster")
            model = try reader.object(inner, "model", path: "learner.gradient_booster.gbtree")
            guard let w = booster["weight_drop"], let values = doc.floatArray(w) else {
                throw ModelLoadingError(.missingKey, "dart booster without a numeric weight_drop array", key: "learner.gradient_booster.weight_drop")
            }
            weights = values
        default:
            throw ModelLoadingError(.unsupported, "XGBoost booster '\(boosterName)' is not supported (gbtree and dart are)", key: "learner.gradient_booster.name")
        }
        let modelPath = boosterName == "dart" ? "learner.gradient_booster.gbtree.model" : "learner.gradient_booster.model"
        guard let treesValue = model["trees"], case .array(let treeValues) = treesValue else {
            throw ModelLoadingError(.missingKey, "no trees array", key: modelPath + ".trees")
        }
        let treeCount = treeValues.count
        var parallelTrees = 1
        if let gbParams = model["gbtree_model_param"] {
            if let declared = try reader.optionalInt(gbParams, "num_trees", path: modelPath + ".gbtree_model_param", range: 0...Int(Int32.max)),
                declared != treeCount
            {
                throw ModelLoadingError(.inconsistent, "num_trees says \(declared), the file has \(treeCount) trees", key: modelPath + ".gbtree_model_param.num_trees")
            }
            parallelTrees = try reader.optionalInt(gbParams, "num_parallel_tree", path: modelPath + ".gbtree_model_param", range: 1...(1 << 20)) ?? 1
        }
        guard let infoValue = model["tree_info"], let treeInfo = doc.integerArray(infoValue) else {
            throw ModelLoadingError(.missingKey, "no integer tree_info array", key: modelPath + ".tree_info")
        }
        guard treeInfo.count == treeCount else {
            throw ModelLoadingError(.inconsistent, "tree_info has \(treeInfo.count) entries for \(treeCount) trees", key: modelPath + ".tree_info")
        }
        if let weights, weights.count != treeCount {
            throw ModelLoadingError(.inconsistent, "weight_drop has \(weights.count) entries for \(treeCount) trees", key: "learner.gradient_booster.weight_drop")
        }

        // Iterations.
        let layer = groups * parallelTrees
        var iterationStarts: [Int]
        if let indptrValue = model["iteration_indptr"], let indptr = doc.integerArray(indptrValue), !indptr.isEmpty {
            iterationStarts = indptr.map { Int(clamping: $0) }
            guard iterationStarts.first == 0, iterationStarts.last == treeCount,
                zip(iterationStarts, iterationStarts.dropFirst()).allSatisfy({ $0 <= $1 })
            else {
                throw ModelLoadingError(.inconsistent, "iteration_indptr is not a non-decreasing list from 0 to \(treeCount)", key: modelPath + ".iteration_indptr")
            }
        } else {
            guard treeCount % layer == 0 else {
                throw ModelLoadingError(.inconsistent, "\(treeCount) trees are not a whole number of iterations of \(layer) trees", key: modelPath + ".trees")
            }
            iterationStarts = Array(stride(from: 0, through: treeCount, by: layer))
        }

        // Base score → margin per group.
        let baseScores = try readBaseScore(params, doc: doc)
        guard baseScores.count == 1 || baseScores.count == groups else {
            throw ModelLoadingError(.inconsistent, "base_score has \(baseScores.count) values for \(groups) output groups", key: "learner.learner_model_param.base_score")
        }
        let margins = (0..<groups).map { objective.margin(fromBaseScore: baseScores.count == 1 ? baseScores[0] : baseScores[$0]) }
        guard margins.allSatisfy(\.isFinite) else {
            throw ModelLoadingError(.invalidValue, "base_score \(baseScores) gives a non-finite starting margin for \(objectiveName)", key: "learner.learner_model_param.base_score")
        }

        // Trees.
        var builder = try _ForestBuilder(featureCount: featureCount)
        var categorical = false
        var rawTrees: [_RawTree] = []
        for (index, value) in treeValues.enumerated() {
            let group = Int(clamping: treeInfo[index])
            guard group >= 0, group < groups else {
                throw ModelLoadingError(.inconsistent, "tree_info gives class \(group), the model has \(groups) output group(s)", tree: index, key: modelPath + ".tree_info")
            }
            do {
                let raw = try readTree(value, doc: doc, group: group, weight: weights?[index], categorical: &categorical)
                try builder.append(raw, index: index)
                if keepRawTrees { rawTrees.append(raw) }
            } catch var error as ModelLoadingError {
                if error.tree == nil { error.tree = index }
                throw error
            }
        }
        let built = builder.finish()
        let forest = _Forest(
            built: built, accumulation: .float32, groupCount: groups, featureCount: featureCount,
            baseMargin: margins.map { Double($0) }, iterationStarts: iterationStarts, averageOutput: false,
            link: objective.link)

        // Names, attributes, description.
        var names: [String]?
        if let list = learner["feature_names"], case .array(let items) = list, !items.isEmpty {
            let strings = items.compactMap { doc.string($0) }
            if strings.count == items.count { names = strings }
        }
        var bestIteration: Int?
        if let attributes = learner["attributes"], let best = attributes["best_iteration"], let b = doc.integer(best),
            b >= 0, b < Int64(forest.iterationCount)
        {
            bestIteration = Int(b)
        }
        let schema = InputSchema(featureCount: featureCount, featureNames: names)
        let outputKind = objective.outputKind(groups: groups)
        var details: [String: String] = [
            "base_score": params["base_score"].map { describe($0, doc) } ?? "",
            "base_margin": margins.map { "\($0)" }.joined(separator: ","),
            "num_parallel_tree": "\(parallelTrees)",
            "categorical_splits": categorical ? "true" : "false",
        ]
        if let bestIteration { details["best_iteration"] = "\(bestIteration)" }
        let description = ModelDescription(
            format: format, framework: "xgboost", frameworkVersion: version, objective: objectiveName,
            outputKind: outputKind.name, featureCount: featureCount, featureNames: schema.featureNames,
            classCount: objective.isMulticlass ? groups : (outputKind == .binaryProbability || objectiveName == "binary:logitraw" || objectiveName == "binary:hinge" ? 2 : nil),
            outputGroups: groups, booster: boosterName, treeCount: treeCount, iterationCount: forest.iterationCount,
            maxDepth: forest.maxDepth, nodeCount: built.nodes.count, leafCount: built.leafCount, details: details)
        return _LoadedTrees(
            forest: forest, schema: schema, outputKind: outputKind, hasLinkFunction: objective.hasLinkFunction,
            description: description, bestIteration: bestIteration, rawTrees: rawTrees)
    }

    private static func describe(_ value: _JSONValue, _ doc: _JSONDocument) -> String {
        if let s = doc.string(value) { return s }
        if let d = doc.double(value) { return "\(d)" }
        if let a = doc.floatArray(value) { return "\(a)" }
        return value.typeName
    }

    /// The stored base score values: a number, a numeric string, a bracketed list string,
    /// or an array. Absent means XGBoost's default 0.5.
    static func readBaseScore(_ params: _JSONValue, doc: _JSONDocument) throws -> [Float] {
        let key = "learner.learner_model_param.base_score"
        guard let value = params["base_score"] else { return [0.5] }
        if let array = doc.floatArray(value) {
            guard !array.isEmpty else { throw ModelLoadingError(.invalidValue, "base_score is an empty list", key: key) }
            return array
        }
        if let text = doc.string(value) {
            var body = Substring(text).drop { $0 == " " }
            if body.hasPrefix("[") {
                guard body.hasSuffix("]") else {
                    throw ModelLoadingError(.invalidValue, "base_score '\(text)' has no closing bracket", key: key)
                }
                body = body.dropFirst().dropLast()
            }
            var values: [Float] = []
            for part in body.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = part.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
                guard let v = _NumberParsing.float(Substring(String(trimmed))) else {
                    throw ModelLoadingError(.invalidValue, "base_score '\(text)' is not a number or list of numbers", key: key)
                }
                values.append(v)
            }
            guard !values.isEmpty else { throw ModelLoadingError(.invalidValue, "base_score is empty", key: key) }
            return values
        }
        if let v = doc.float(value) { return [v] }
        throw ModelLoadingError(.invalidValue, "base_score is a \(value.typeName), not a number", key: key)
    }
}
