import Dispatch
import MLCore
import Testing

@Suite("BLAS single-thread override")
struct BLASSingleThreadTests {
    // The restored count is not asserted: tests run in parallel, and another test's training may
    // hold the override when this one ends.
    @Test("nested and concurrent overrides keep one thread until the last ends")
    func nestedAndConcurrent() {
        BLAS.withSingleThread {
            #expect(BLAS.threadCount == 1)
            BLAS.withSingleThread { #expect(BLAS.threadCount == 1) }
            #expect(BLAS.threadCount == 1)
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                BLAS.withSingleThread { #expect(BLAS.threadCount == 1) }
            }
            #expect(BLAS.threadCount == 1)
        }
    }
}
