extension RegistryJSON {
    /// The numbers in a metrics document, flattened: `{"auc": 0.9, "per_class": {"0": {"f1": 0.8}}}`
    /// gives `auc` and `per_class.0.f1`. Strings, booleans, nulls and arrays are skipped
    /// (curves, confusion matrices), as are non-finite numbers.
    /// - Throws: ``RegistryError`` `.invalidInput` when the document is not an object.
    public func metricValues(source: String = "metrics") throws -> [String: Double] {
        guard let members = objectValue else {
            throw RegistryError(.invalidInput, "\(source) must be a JSON object of metric values", context: ["input": source])
        }
        var out: [String: Double] = [:]
        func walk(_ prefix: String, _ members: [String: RegistryJSON]) {
            for (key, value) in members {
                let name = prefix.isEmpty ? key : prefix + "." + key
                switch value {
                case .number(let d) where d.isFinite: out[name] = d
                case .object(let inner): walk(name, inner)
                default: break
                }
            }
        }
        walk("", members)
        return out
    }

    /// The members of an object as text: strings as they are, numbers and booleans printed,
    /// arrays and objects as compact JSON, nulls skipped. For run params and tags.
    /// - Throws: ``RegistryError`` `.invalidInput` when the document is not an object.
    public func textValues(source: String = "document") throws -> [String: String] {
        guard let members = objectValue else {
            throw RegistryError(.invalidInput, "\(source) must be a JSON object", context: ["input": source])
        }
        var out: [String: String] = [:]
        for (key, value) in members {
            if case .null = value { continue }
            out[key] = value.scalarText ?? value.canonicalText
        }
        return out
    }
}

extension MetricPoint {
    /// Reads run metrics from a JSON object whose values are numbers (step 0) or arrays of
    /// `{"step": n, "value": x, "timestamp": "ISO 8601"?}` (a learning curve). Timestamps
    /// default to `now`.
    /// - Throws: ``RegistryError`` `.invalidInput` naming the offending key.
    public static func points(
        from json: RegistryJSON, source: String = "metrics", now: RegistryTimestamp = .now()
    ) throws -> [MetricPoint] {
        guard let members = json.objectValue else {
            throw RegistryError(.invalidInput, "\(source) must be a JSON object of metrics", context: ["input": source])
        }
        var out: [MetricPoint] = []
        for key in members.keys.sorted() {
            guard let value = members[key] else { continue }
            func bad(_ what: String) -> RegistryError {
                RegistryError(.invalidInput, "\(source): metric '\(key)' \(what)", context: ["input": source, "metric": key])
            }
            switch value {
            case .number(let d):
                guard d.isFinite else { throw bad("is not finite") }
                out.append(MetricPoint(key: key, value: d, step: 0, timestamp: now))
            case .array(let items):
                for item in items {
                    guard let o = item.objectValue, case .number(let v)? = o["value"], v.isFinite else {
                        throw bad("has an entry without a finite 'value'")
                    }
                    var step = 0
                    if let s = o["step"] {
                        guard case .number(let d) = s, d == d.rounded(), d >= 0, d < 1e15 else {
                            throw bad("has a step that is not a non-negative integer")
                        }
                        step = Int(d)
                    }
                    var time = now
                    if let t = o["timestamp"] {
                        guard case .string(let text) = t, let parsed = RegistryTimestamp(iso8601: text) else {
                            throw bad("has a timestamp that is not ISO 8601")
                        }
                        time = parsed
                    }
                    out.append(MetricPoint(key: key, value: v, step: step, timestamp: time))
                }
            default:
                throw bad("must be a number or an array of {step, value}")
            }
        }
        return out
    }
}
