/// An immutable, heap-allocated copy of an array with a stable base pointer, so hot loops
/// can index without bounds checks and without nesting `withUnsafeBufferPointer` closures.
///
/// `@unchecked Sendable` is safe: the memory is written once in `init`, only read afterwards,
/// and freed in `deinit` when no reference (hence no reader) remains. Readers must keep the
/// owning object alive while they use `base` (the scorers are methods of that owner).
final class _UnsafeBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ array: [Element]) {
        count = array.count
        // At least one element so `base` is always a valid allocation.
        base = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(array.count, 1))
        array.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.initialize(from: from, count: array.count) }
        }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var pointer: UnsafePointer<Element> { UnsafePointer(base) }
}

/// A raw pointer that may cross into worker threads of one batch call. Safe because each
/// worker writes a disjoint row range and the call waits for all workers before returning.
struct _UnsafeSendablePointer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
}

/// A read-only pointer handed to the workers of one batch call (see ``_UnsafeSendablePointer``).
struct _UnsafeSendableReadPointer<Element>: @unchecked Sendable {
    let pointer: UnsafePointer<Element>
}
