/// A request the pipeline sends upstream: which upstream first, the body to send, and the response side.
public struct ForwardPlan: Sendable {
    /// The upstream that serves the plan's model first (the HTTP front falls back along its `fallbacks`;
    /// Envoy picks the cluster named after it).
    public let upstream: UpstreamConfiguration
    /// The public model that answers.
    public let model: String
    /// The model the client's body names (`auto`, or the public model itself).
    public let requestModel: String
    /// The request body as it goes upstream before the model is rewritten: the client's bytes, or the
    /// guard's redacted rewrite of them.
    public let body: [UInt8]
    /// Whether the client asked for a stream.
    public let stream: Bool
    /// The response side of this request.
    public let response: ResponseProcessor

    /// The body for `upstream` (the primary or a fallback): `model` replaced by that upstream's name for the
    /// public model, every other byte as in `body`.
    public func body(for upstream: UpstreamConfiguration) -> [UInt8] {
        let upstreamModel = upstream.upstreamModel(for: model)
        guard upstreamModel != requestModel else { return body }
        return ModelRewriter.rewrite(body, model: upstreamModel) ?? body
    }
}
