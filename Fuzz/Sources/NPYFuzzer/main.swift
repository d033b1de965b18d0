import FuzzSupport
import MLCore

// NPY reading (magic, version, header literal, dtype, shape, fortran order, payload size)
// and the conversion to matrices. Only thrown errors may come out; a header that declares a
// huge shape must be refused before anything that size is allocated.
runFuzzer { input in
    guard let array = try? NPYArray(npyBytes: Array(input)) else { return }
    _ = try? Matrix<Float>(array)
    _ = try? Matrix<Double>(array)
}
