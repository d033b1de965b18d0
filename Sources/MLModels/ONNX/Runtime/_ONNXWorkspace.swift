import Synchronization

/// A run context handed to one single-row call at a time. `@unchecked Sendable` is safe:
/// the cache gives each workspace to exactly one caller (atomic exchange) until it is put back.
final class _ONNXWorkspace: @unchecked Sendable {
    /// The context, behind a pointer: a class's stored `var` passed `inout` costs a dynamic
    /// exclusivity check per call; the holder of the workspace is its only user anyway.
    let context: UnsafeMutablePointer<_ONNXRunContext>

    init(_ context: _ONNXRunContext) {
        self.context = .allocate(capacity: 1)
        self.context.initialize(to: context)
    }

    deinit {
        context.deinitialize(count: 1)
        context.deallocate()
    }
}

/// One reusable workspace for single-row scoring, taken and returned with atomic exchanges
/// (no lock). Concurrent callers that find it taken make their own, so a shared scorer never
/// blocks; a lone caller reuses it and allocates nothing.
final class _ONNXWorkspaceCache: Sendable {
    private let slot = Atomic<Unmanaged<_ONNXWorkspace>?>(nil)

    func take() -> _ONNXWorkspace? {
        slot.exchange(nil, ordering: .acquiring)?.takeRetainedValue()
    }

    func put(_ workspace: _ONNXWorkspace) {
        let u = Unmanaged.passRetained(workspace)
        let (exchanged, _) = slot.compareExchange(expected: nil, desired: u, ordering: .releasing)
        if !exchanged { u.release() }
    }

    deinit {
        slot.exchange(nil, ordering: .acquiring)?.release()
    }
}
