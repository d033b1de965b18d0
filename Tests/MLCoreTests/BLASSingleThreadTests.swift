import Dispatch
import MLCore
import Testing

@Suite("BLAS single-thread override")
struct BLASSingleThreadTests {
    @Test("nested and concurrent overrides keep one thread until the last ends, then restore the count")
    func nestedAndConcurrent() {
        let before = BLAS.threadCount
        BLAS.withSingleThread {
            #expect(BLAS.threadCount == 1)
            BLAS.withSingleThread { #expect(BLAS.threadCount == 1) }
            #expect(BLAS.threadCount == 1)
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                BLAS.withSingleThread { #expect(BLAS.threadCount == 1) }
            }
            #expect(BLAS.threadCount == 1)
        }
        #expect(BLAS.threadCount == before)
    }
}
