/// Reading one XGBoost tree object (its parallel arrays and categorical tables).
extension _XGBoostLoader {
    /// One tree's arrays → a raw tree in XGBoost's node numbering.
    static func readTree(
        _ tree: _JSONValue, doc: _JSONDocument, group: Int, weight: Float?, categorical: inout Bool
    ) throws -> _RawTree {
        guard case .object = tree else {
            throw ModelLoadingError(.malformed, "a tree is a \(tree.typeName), not an object")
        }
        func ints(_ key: String, required: Bool = true) throws -> [Int64]? {
            guard let v = tree[key] else {
                if required { throw ModelLoadingError(.missingKey, "tree has no '\(key)'", key: key) }
                return nil
            }
            guard let a = doc.integerArray(v) else {
                throw ModelLoadingError(.invalidValue, "'\(key)' is not an integer array", key: key)
            }
            return a
        }
        if let param = tree["tree_param"], let size = param["size_leaf_vector"], let s = doc.integer(size), s > 1 {
            throw ModelLoadingError(.unsupported, "vector-leaf (multi-target) trees are not supported", key: "tree_param.size_leaf_vector")
        }
        let left = try ints("left_children") ?? []
        let right = try ints("right_children") ?? []
        let features = try ints("split_indices") ?? []
        let defaultLeft = try ints("default_left") ?? []
        guard let condValue = tree["split_conditions"] else {
            throw ModelLoadingError(.missingKey, "tree has no 'split_conditions'", key: "split_conditions")
        }
        guard let conditions = doc.floatArray(condValue) else {
            throw ModelLoadingError(.invalidValue, "'split_conditions' is not a numeric array", key: "split_conditions")
        }
        let n = left.count
        if let param = tree["tree_param"], let declared = param["num_nodes"], let d = doc.integer(declared), d != Int64(n) {
            throw ModelLoadingError(.inconsistent, "num_nodes says \(d), left_children has \(n) entries", key: "tree_param.num_nodes")
        }
        for (key, count) in [("right_children", right.count), ("split_indices", features.count),
                             ("split_conditions", conditions.count), ("default_left", defaultLeft.count)]
        where count != n {
            throw ModelLoadingError(.inconsistent, "'\(key)' has \(count) entries, left_children has \(n)", key: key)
        }
        let splitType = try ints("split_type", required: false) ?? []
        guard splitType.isEmpty || splitType.count == n else {
            throw ModelLoadingError(.inconsistent, "'split_type' has \(splitType.count) entries, left_children has \(n)", key: "split_type")
        }
        // Categories: node id → sorted unique category codes.
        var categoriesOf: [Int: [Int32]] = [:]
        if splitType.contains(where: { $0 != 0 }) {
            let cats = try ints("categories") ?? []
            let catNodes = try ints("categories_nodes") ?? []
            let segments = try ints("categories_segments") ?? []
            let sizes = try ints("categories_sizes") ?? []
            guard catNodes.count == segments.count, segments.count == sizes.count else {
                throw ModelLoadingError(.inconsistent, "categories_nodes, categories_segments and categories_sizes differ in length", key: "categories_nodes")
            }
            // Each node is listed once and segments come in order without overlapping (as
            // XGBoost writes them), so the work below is linear in the categories array.
            var listed = [Bool](repeating: false, count: n)
            var segmentEnd: Int64 = 0
            for j in 0..<catNodes.count {
                let node = catNodes[j], start = segments[j], size = sizes[j]
                guard node >= 0, node < Int64(n) else {
                    throw ModelLoadingError(.inconsistent, "categories_nodes[\(j)] = \(node) is not a node", key: "categories_nodes")
                }
                guard !listed[Int(node)] else {
                    throw ModelLoadingError(
                        .inconsistent, "categories_nodes[\(j)] lists node \(node) a second time", node: Int(node), key: "categories_nodes")
                }
                listed[Int(node)] = true
                guard start >= 0, size >= 0, start <= Int64(cats.count), size <= Int64(cats.count) - start else {
                    throw ModelLoadingError(.inconsistent, "category segment \(start)+\(size) is outside the \(cats.count) categories", node: Int(node), key: "categories_segments")
                }
                guard start >= segmentEnd else {
                    throw ModelLoadingError(
                        .inconsistent,
                        "categories_segments[\(j)] = \(start) starts before the previous segment ends at \(segmentEnd) "
                            + "(segments overlap or are out of order)", node: Int(node), key: "categories_segments")
                }
                segmentEnd = start + size
                var list: [Int32] = []
                list.reserveCapacity(Int(size))
                for c in cats[Int(start)..<Int(start + size)] {
                    guard c >= 0, c < 16_777_216 else {
                        throw ModelLoadingError(.invalidValue, "category \(c) is outside 0..<2^24", node: Int(node), key: "categories")
                    }
                    list.append(Int32(c))
                }
                list.sort()
                var unique: [Int32] = []
                for c in list where unique.last != c { unique.append(c) }
                categoriesOf[Int(node)] = unique
            }
        }
        var nodes: [_RawTree.Node] = []
        nodes.reserveCapacity(n)
        for k in 0..<n {
            let cond = conditions[k]
            if left[k] == -1 {
                var value = cond
                if let weight { value = value * weight }
                guard value.isFinite else {
                    throw ModelLoadingError(.invalidValue, "leaf value \(value) is not finite", node: k, key: "split_conditions")
                }
                nodes.append(.leaf(value: Double(value), id: Int32(k), linear: nil))
                continue
            }
            guard let l = Int(exactly: left[k]), let r = Int(exactly: right[k]), let f = Int(exactly: features[k]) else {
                throw ModelLoadingError(.invalidValue, "node indices out of range", node: k)
            }
            let dl = defaultLeft[k] != 0
            if !splitType.isEmpty && splitType[k] != 0 {
                guard splitType[k] == 1 else {
                    throw ModelLoadingError(.invalidValue, "split_type \(splitType[k]) is neither 0 (numeric) nor 1 (categorical)", node: k, key: "split_type")
                }
                categorical = true
                nodes.append(.listedCategoriesGoRight(feature: f, categories: categoriesOf[k] ?? [], defaultLeft: dl, left: l, right: r))
            } else {
                guard !cond.isNaN else {
                    throw ModelLoadingError(.invalidValue, "split condition is NaN", node: k, key: "split_conditions")
                }
                nodes.append(.numeric(feature: f, threshold: _Thresholds.xgboost(cond), nanLeft: dl, left: l, right: r))
            }
        }
        return _RawTree(nodes: nodes, group: group)
    }
}
