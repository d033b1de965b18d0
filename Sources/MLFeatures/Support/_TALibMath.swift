/// TA-Lib's `TA_IS_ZERO`: |v| < 1e-8 (an open interval, as its macro).
@inline(__always)
func _isZero(_ v: Double) -> Bool { -0.00000001 < v && v < 0.00000001 }

/// TA-Lib's `TA_IS_ZERO_OR_NEG`: v < 1e-8.
@inline(__always)
func _isZeroOrNegative(_ v: Double) -> Bool { v < 0.00000001 }

/// TA-Lib's true range of a bar given the previous close: the greatest of high − low,
/// |high − previous close| and |low − previous close|, compared in TA-Lib's order.
@inline(__always)
func _trueRange(high: Double, low: Double, previousClose: Double) -> Double {
    var greatest = high - low
    let fromHigh = (previousClose - high).magnitude
    if fromHigh > greatest { greatest = fromHigh }
    let fromLow = (low - previousClose).magnitude
    if fromLow > greatest { greatest = fromLow }
    return greatest
}
