import NIOCore

/// What the handlers behind ``_ConnectionDeadlineHandler`` tell it about a connection's
/// requests (sent as outbound user events, which travel towards the socket and so reach it
/// from anywhere in the pipeline).
enum _ConnectionProgress: Sendable {
    /// The decoder read a request's head: a request is being read.
    case requestStarted
    /// The decoder read a request's end: it is being answered, no longer read.
    case requestRead
    /// A decoded request's answer was written.
    case answered
    /// ``_RawScoreHandler`` framed and answered requests from one read; `leftover`: bytes after
    /// them (the start of the next request) went on to the decoder.
    case answeredBeforeDecoder(leftover: Bool)
}

/// Closes a connection that makes no progress, first in each connection's pipeline so it sees
/// every byte, whichever of the three paths answers it (the raw fast path never passes its
/// bytes on to the decoder, so a timeout behind the decoder would not see them).
///
/// - Read timeout: from the first byte of a request until it has been read completely
///   (a client trickling one byte a second, or sending its headers slowly, is closed once it
///   has taken `readTimeout`; new bytes do not extend it).
/// - Idle timeout: with no request being read or answered, since the last answer (or the
///   connection's start).
/// - While requests are being answered and none is being read: no deadline (a slow reload
///   or batch is not cut off).
///
/// One scheduled check per connection: events only record times, and the check re-arms
/// itself for the current deadline when it fires early.
final class _ConnectionDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let policy: _ConnectionPolicy
    /// Decoded requests read and not yet answered.
    private var answering = 0
    /// When the first byte of the request being read arrived; `nil` when none is being read.
    private var readingSince: NIODeadline?
    /// The connection's start, or its last answer.
    private var lastProgress = NIODeadline.now()
    private var check: Scheduled<Void>?

    init(policy: _ConnectionPolicy) {
        self.policy = policy
    }

    func handlerAdded(context: ChannelHandlerContext) {
        lastProgress = .now()
        schedule(context, at: lastProgress + policy.idleTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if readingSince == nil { readingSince = .now() }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? _ConnectionProgress else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch progress {
        case .requestStarted:
            if readingSince == nil { readingSince = .now() }
        case .requestRead:
            answering += 1
            readingSince = nil
        case .answered:
            answering = max(0, answering - 1)
            lastProgress = .now()
        case .answeredBeforeDecoder(let leftover):
            lastProgress = .now()
            readingSince = leftover ? lastProgress : nil
        }
        promise?.succeed()
    }

    /// The deadline now in force, and whether it is the read timeout; `nil` while answering.
    private var deadline: (at: NIODeadline, reading: Bool)? {
        if let readingSince { return (readingSince + policy.readTimeout, true) }
        if answering > 0 { return nil }
        return (lastProgress + policy.idleTimeout, false)
    }

    private func schedule(_ context: ChannelHandlerContext, at time: NIODeadline) {
        check = context.eventLoop.assumeIsolated().scheduleTask(deadline: time) { [self] in
            check = nil
            let now = NIODeadline.now()
            guard context.channel.isActive else {
                // Not active yet (set up, not registered): look again later. (Once closed, the
                // check is cancelled: `channelInactive`, `handlerRemoved`.)
                schedule(context, at: now + policy.idleTimeout)
                return
            }
            guard let next = deadline else {
                // Answering: look again a read timeout later.
                schedule(context, at: now + policy.readTimeout)
                return
            }
            if next.at <= now {
                policy.timedOut(reading: next.reading)
                context.close(promise: nil)
            } else {
                schedule(context, at: next.at)
            }
        }
    }
}
