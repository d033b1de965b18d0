/// Typed reads of DOM values. Each returns nil when the value does not have the asked type
/// or range, so loaders can name the key in their error. Strings holding numbers are read
/// too, because XGBoost stores most scalars as strings (`"num_feature": "8"`).
extension _JSONDocument {
    func integer(_ value: _JSONValue) -> Int64? {
        switch value {
        case .integer(let v): return v
        case .bool(let b): return b ? 1 : 0
        case .numberText(let s, let e):
            return bytes.withUnsafeBufferPointer { _NumberParsing.integer($0, Int(s), Int(e)) }
        case .float32(let f): return Self.exactInteger(Double(f))
        case .float64(let d): return Self.exactInteger(d)
        case .string(let text): return _NumberParsing.integer(Substring(text))
        default: return nil
        }
    }

    /// An integer in `Int` range that also fits `Int32` (indices, counts).
    func int32(_ value: _JSONValue) -> Int32? {
        guard let v = integer(value) else { return nil }
        return Int32(exactly: v)
    }

    func float(_ value: _JSONValue) -> Float? {
        switch value {
        case .float32(let f): return f
        case .float64(let d): return Float(d)
        case .integer(let v): return Float(v)
        case .numberText(let s, let e):
            return bytes.withUnsafeBufferPointer { _NumberParsing.float($0, Int(s), Int(e)) }
        case .string(let text): return _NumberParsing.float(Substring(text))
        default: return nil
        }
    }

    func double(_ value: _JSONValue) -> Double? {
        switch value {
        case .float32(let f): return Double(f)
        case .float64(let d): return d
        case .integer(let v): return Double(v)
        case .numberText(let s, let e):
            return bytes.withUnsafeBufferPointer { _NumberParsing.double($0, Int(s), Int(e)) }
        case .string(let text): return _NumberParsing.double(Substring(text))
        default: return nil
        }
    }

    func string(_ value: _JSONValue) -> String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// Elements of an array value as `Float`s (nil if any element is not a number).
    func floatArray(_ value: _JSONValue) -> [Float]? {
        switch value {
        case .floats(let a): return a.map { Float($0) }
        case .integers(let a): return a.map { Float($0) }
        case .array(let elements):
            var out = [Float]()
            out.reserveCapacity(elements.count)
            return bytes.withUnsafeBufferPointer { p -> [Float]? in
                for element in elements {
                    if case .numberText(let s, let e) = element {
                        guard let f = _NumberParsing.float(p, Int(s), Int(e)) else { return nil }
                        out.append(f)
                    } else {
                        guard let f = float(element) else { return nil }
                        out.append(f)
                    }
                }
                return out
            }
        default: return nil
        }
    }

    /// Elements of an array value as integers (booleans read as 0/1; nil otherwise).
    func integerArray(_ value: _JSONValue) -> [Int64]? {
        switch value {
        case .integers(let a): return a
        case .floats(let a):
            var out = [Int64]()
            out.reserveCapacity(a.count)
            for d in a {
                guard let v = Self.exactInteger(d) else { return nil }
                out.append(v)
            }
            return out
        case .array(let elements):
            var out = [Int64]()
            out.reserveCapacity(elements.count)
            return bytes.withUnsafeBufferPointer { p -> [Int64]? in
                for element in elements {
                    if case .numberText(let s, let e) = element {
                        guard let v = _NumberParsing.integer(p, Int(s), Int(e)) else { return nil }
                        out.append(v)
                    } else {
                        guard let v = integer(element) else { return nil }
                        out.append(v)
                    }
                }
                return out
            }
        default: return nil
        }
    }

    static func exactInteger(_ d: Double) -> Int64? {
        guard d.isFinite, d.rounded() == d, d >= -9.2e18, d <= 9.2e18 else { return nil }
        return Int64(d)
    }
}
