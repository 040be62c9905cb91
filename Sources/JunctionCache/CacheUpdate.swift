import JunctionJSON

/// Changes to one stored entry (`SemanticCache.update`); fields left nil stay as they are.
///
/// The prompt is not updatable: the entry's id and vector derive from it (store the new prompt instead).
public struct CacheUpdate: Sendable, Equatable {
    /// A new response.
    public var response: String?
    /// New metadata (replaces the old object).
    public var metadata: [String: JSONValue]?
    /// New values for filter fields (merged into the entry's).
    public var filters: [String: String]?

    /// An update; all nil only refreshes the entry's TTL.
    public init(response: String? = nil, metadata: [String: JSONValue]? = nil, filters: [String: String]? = nil) {
        self.response = response
        self.metadata = metadata
        self.filters = filters
    }

    /// True when nothing changes (the update only refreshes the TTL).
    public var isEmpty: Bool { response == nil && metadata == nil && filters == nil }
}
