import Hummingbird

/// The request context of the gateway's routes: Hummingbird's core storage plus the request's `Exchange`.
public struct GatewayRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The request's decision box.
    public let exchange: Exchange

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        exchange = Exchange()
    }
}
