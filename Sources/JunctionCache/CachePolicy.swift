/// What the cache may serve and store, decided from facts about the request and the answer. The defaults are
/// safe: nothing is served to a request that asks for variety (temperature above the limit, several
/// choices) or asks to bypass the cache, and only complete, successful, plain-text answers are stored.
public struct CachePolicy: Sendable, Equatable {
    /// Requests with a temperature above this are not served from the cache (a request without one is).
    public var maxTemperature: Double
    /// Whether answers that call tools are stored.
    public var cacheToolCalls: Bool

    /// A policy; see each property.
    public init(maxTemperature: Double = 1.0, cacheToolCalls: Bool = false) {
        self.maxTemperature = maxTemperature
        self.cacheToolCalls = cacheToolCalls
    }

    /// What a request says about caching.
    public struct Request: Sendable, Equatable {
        /// The request's temperature, if it set one.
        public var temperature: Double?
        /// How many choices it asks for (`n`), if it set it.
        public var choices: Int?
        /// It asked not to be answered from the cache (a bypass header).
        public var bypass: Bool
        /// It asked not to be stored (a no-store header).
        public var noStore: Bool
        /// The prompt guard flagged personal data in it.
        public var piiFlagged: Bool

        /// Facts about a request.
        public init(temperature: Double? = nil, choices: Int? = nil, bypass: Bool = false, noStore: Bool = false, piiFlagged: Bool = false) {
            self.temperature = temperature
            self.choices = choices
            self.bypass = bypass
            self.noStore = noStore
            self.piiFlagged = piiFlagged
        }
    }

    /// What the answer was.
    public struct Answer: Sendable, Equatable {
        /// The upstream's HTTP status.
        public var status: Int
        /// Each choice's `finish_reason` (nil when the stream ended without one).
        public var finishReasons: [String?]
        /// Some choice calls tools or a function.
        public var hasToolCalls: Bool

        /// Facts about an answer.
        public init(status: Int, finishReasons: [String?], hasToolCalls: Bool = false) {
            self.status = status
            self.finishReasons = finishReasons
            self.hasToolCalls = hasToolCalls
        }
    }

    /// Why the cache is not consulted for a request, or nil when it may be.
    public func lookupSkipReason(_ request: Request) -> String? {
        if request.bypass { return "bypass requested" }
        if let temperature = request.temperature, temperature > maxTemperature { return "temperature above \(maxTemperature)" }
        if let choices = request.choices, choices > 1 { return "several choices requested" }
        return nil
    }

    /// Why an answer is not stored, or nil when it may be.
    public func storeSkipReason(_ request: Request, _ answer: Answer) -> String? {
        if request.noStore { return "no-store requested" }
        if request.piiFlagged { return "personal data in the prompt" }
        if let choices = request.choices, choices > 1 { return "several choices" }
        guard (200..<300).contains(answer.status) else { return "upstream status \(answer.status)" }
        guard !answer.finishReasons.isEmpty else { return "no choices" }
        for reason in answer.finishReasons {
            switch reason {
            case "stop"?: continue
            case "tool_calls"?, "function_call"?:
                if !cacheToolCalls { return "tool call" }
            case "length"?: return "truncated answer"
            case let other?: return "finish_reason \(other)"
            case nil: return "incomplete answer"
            }
        }
        if answer.hasToolCalls && !cacheToolCalls { return "tool call" }
        return nil
    }
}
