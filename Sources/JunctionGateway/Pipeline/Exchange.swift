import JunctionLimits
import Synchronization

/// What the gateway decided for one request, filled in as the request goes through the pipeline and read
/// by `GatewayMiddleware` to write the `x-junction-*` headers and the request metrics, on every response,
/// errors included.
public struct Decision: Sendable, Equatable {
    /// The request id: the client's `x-request-id`, or one made up.
    public var requestID = ""
    /// The matched route, nil for none.
    public var route: String?
    /// The matched route's distance.
    public var routeDistance: Double?
    /// The model that answered (public name), nil when none did.
    public var model: String?
    /// `hit`, `miss`, `bypass` or `off`.
    public var cache = "off"
    /// The hit's distance.
    public var cacheDistance: Double?
    /// The `endpoint` label of the request metrics.
    public var endpoint = "unknown"
    /// How the request ended, when the handler said (else derived from the status).
    public var outcome: GatewayMetrics.Outcome?
    /// The response is a stream: its total time is recorded when the stream ends.
    public var streaming = false
    /// The rate limits' state (requests from the admission, tokens and budget from the reservation), for
    /// the `x-ratelimit-*` headers; nil when no limit applies.
    public var limits: LimitVerdict?
    /// The caller's tenant, once known.
    public var tenant: String?
    /// The session the request named.
    public var session: String?
    /// Whether the session's stickiness kept its route for this turn.
    public var routeKept = false
    /// The guard's outcome (`pass`, `redacted`, ...), nil when the guard is off.
    public var guardOutcome: String?
    /// The entity types behind it (never values).
    public var guardEntities: [String] = []
    /// The request's attack score.
    public var guardScore: Double?

    /// Creates an empty decision.
    public init() {}
}

/// The shared, mutable decision of one request (the request context is copied down the middleware chain;
/// this box is what they all see).
public final class Exchange: Sendable {
    private let state = Mutex(Decision())

    /// An empty exchange.
    public init() {}

    /// The decision so far.
    public var decision: Decision { state.withLock { $0 } }

    /// Changes the decision.
    public func update(_ change: (inout Decision) -> Void) {
        state.withLock { change(&$0) }
    }
}
