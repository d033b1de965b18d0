import MLCore
import Yams

extension FeatureView {
    /// The view defined in the JSON or YAML file at `path`: keys `name`, `entity`, `features`
    /// (a list of `{name, type}`; type `float64` (default), `int64` or `bool`), `ttl` (`7d`) or
    /// `ttl_seconds`, and `source`. Unknown keys are an error.
    /// - Throws: ``FeatureError`` `.invalidConfiguration` (with `path` and `key`) for a file that does
    ///   not parse or has unknown keys; `.invalidParameter` for a definition that does not validate.
    public init(contentsOf path: String) throws {
        let bytes: [UInt8]
        do {
            bytes = try _FileSystem.readBytes(atPath: path)
        } catch {
            throw FeatureError(.invalidConfiguration, "cannot read the view definition: \(error)", path: path)
        }
        guard bytes.count <= 1 << 20 else {
            throw FeatureError(.invalidConfiguration, "the view definition is larger than 1 MiB", path: path)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            guard case .mapping(let mapping)? = try Yams.compose(yaml: text) else {
                throw FeatureError(.invalidConfiguration, "the view definition is not a mapping", path: path)
            }
            var fields: [String: Node] = [:]
            for (key, value) in mapping {
                guard let name = key.string,
                    ["name", "entity", "features", "ttl", "ttl_seconds", "source"].contains(name)
                else {
                    throw FeatureError(.invalidConfiguration, "unknown key", path: path, key: key.string ?? "?")
                }
                fields[name] = value
            }
            func string(_ key: String) throws -> String? {
                guard let node = fields[key] else { return nil }
                guard let value = node.string else {
                    throw FeatureError(.invalidConfiguration, "expected text", path: path, key: key)
                }
                return value
            }
            guard let name = try string("name"), let entity = try string("entity") else {
                throw FeatureError(.invalidConfiguration, "a view needs 'name' and 'entity'", path: path)
            }
            guard case .sequence(let list)? = fields["features"] else {
                throw FeatureError(.invalidConfiguration, "expected a list of features", path: path, key: "features")
            }
            let features = try list.enumerated().map { k, node -> FeatureField in
                guard case .mapping(let m) = node, let fname = m["name"]?.string else {
                    throw FeatureError(.invalidConfiguration, "expected {name, type}", path: path, key: "features[\(k)]")
                }
                for key in m.keys where !["name", "type"].contains(key.string ?? "") {
                    throw FeatureError(.invalidConfiguration, "unknown key", path: path, key: "features[\(k)].\(key.string ?? "?")")
                }
                let typeText = m["type"]?.string ?? "float64"
                guard let type = FeatureValueType(rawValue: typeText) else {
                    throw FeatureError(
                        .invalidConfiguration, "'\(typeText)' is not float64, int64 or bool", path: path,
                        key: "features[\(k)].type")
                }
                return FeatureField(name: fname, type: type)
            }
            var ttl: Int64?
            if let text = try string("ttl") { ttl = try FeatureView.ttlSeconds(parsing: text) }
            if let node = fields["ttl_seconds"] {
                guard let seconds = node.int else {
                    throw FeatureError(.invalidConfiguration, "expected whole seconds", path: path, key: "ttl_seconds")
                }
                ttl = Int64(seconds)
            }
            try self.init(name: name, entity: entity, features: features, ttlSeconds: ttl, source: try string("source"))
        } catch let error as FeatureError {
            throw error.at(path: path)
        } catch {
            throw FeatureError(.invalidConfiguration, "not JSON or YAML: \(error)", path: path)
        }
    }
}
