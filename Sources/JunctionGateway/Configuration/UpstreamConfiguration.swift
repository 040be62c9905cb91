/// One OpenAI-compatible backend (`upstreams[i]` in the config): where it is, how to authenticate, which
/// models it serves under which names, and how hard to try.
public struct UpstreamConfiguration: Sendable, Equatable {
    /// Unique name, used in errors, metrics and `fallbacks`.
    public var name: String
    /// Base URL up to and including the API version, e.g. `https://api.openai.com/v1`.
    public var baseURL: String
    /// The environment variable the executable reads the API key from (the library never reads it).
    public var apiKeyEnvironmentVariable: String?
    /// The API key sent as `Authorization: Bearer`; nil sends no authorization.
    public var apiKey: String?
    /// Public model names this upstream serves; nil serves any model.
    public var models: [String]?
    /// Public model name -> the name sent upstream; names not listed are sent as they are.
    public var modelMap: [String: String]
    /// Deadline for the response head of one attempt (and idle time between streamed chunks), seconds. Default 60.
    public var timeoutSeconds: Double
    /// Deadline for opening a connection, seconds. Default 5.
    public var connectTimeoutSeconds: Double
    /// Retries after the first attempt on connect errors, timeouts, 429 and 5xx (before any byte was
    /// streamed). Default 2.
    public var retries: Int
    /// Base of the exponential backoff between retries, milliseconds (with jitter). Default 100.
    public var retryBackoffMilliseconds: Int
    /// Upstreams tried in order when this one still fails.
    public var fallbacks: [String]
    /// The API's shape: `openai` (default: `{base}/chat/completions`, `Authorization: Bearer`) or
    /// `azure_openai` (`api-key` header; deployment URLs with `apiVersion`, or the `/openai/v1` base URL).
    public var provider: Provider
    /// Azure OpenAI deployment URLs: the `api-version` query parameter, e.g. `2024-10-21`; nil with
    /// `azure_openai` means the `/openai/v1/` base URL, which takes none.
    public var apiVersion: String?

    /// The API shapes an upstream can have.
    public enum Provider: String, Sendable, Equatable {
        /// OpenAI and every OpenAI-compatible server.
        case openAI = "openai"
        /// Azure OpenAI: `model_map` maps public models to deployments.
        case azureOpenAI = "azure_openai"
    }

    /// An upstream; see each property for its default.
    public init(
        name: String, baseURL: String, apiKeyEnvironmentVariable: String? = nil, apiKey: String? = nil,
        models: [String]? = nil, modelMap: [String: String] = [:], timeoutSeconds: Double = 60,
        connectTimeoutSeconds: Double = 5, retries: Int = 2, retryBackoffMilliseconds: Int = 100, fallbacks: [String] = [],
        provider: Provider = .openAI, apiVersion: String? = nil
    ) {
        self.provider = provider
        self.apiVersion = apiVersion
        self.name = name
        self.baseURL = baseURL
        self.apiKeyEnvironmentVariable = apiKeyEnvironmentVariable
        self.apiKey = apiKey
        self.models = models
        self.modelMap = modelMap
        self.timeoutSeconds = timeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.retries = retries
        self.retryBackoffMilliseconds = retryBackoffMilliseconds
        self.fallbacks = fallbacks
    }

    /// Whether this upstream serves the public model `model`.
    public func serves(_ model: String) -> Bool {
        models?.contains(model) ?? true
    }

    /// The name sent upstream for the public model `model`.
    public func upstreamModel(for model: String) -> String {
        modelMap[model] ?? model
    }

    /// The URL of `path` (e.g. `chat/completions`) under the base URL.
    func url(_ path: String) -> String {
        trimmedBaseURL + "/" + path
    }

    /// The base URL without a trailing slash.
    var trimmedBaseURL: String {
        baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    static let keys = [
        "name", "base_url", "api_key_env", "models", "model_map", "timeout_seconds", "connect_timeout_seconds",
        "retries", "retry_backoff_ms", "fallbacks", "provider", "api_version",
    ]

    init(_ node: ConfigNode) throws(GatewayError) {
        let members = try node.mapping(allowed: Self.keys)
        guard let name = members["name"] else { throw node.error("missing key name") }
        guard let baseURL = members["base_url"] else { throw node.error("missing key base_url") }
        self.init(name: try name.nonEmptyString(), baseURL: try baseURL.nonEmptyString())
        guard self.baseURL.hasPrefix("http://") || self.baseURL.hasPrefix("https://") else {
            throw baseURL.error("must be an http:// or https:// URL, got '\(self.baseURL)'")
        }
        if let value = members["api_key_env"], !value.isNull { apiKeyEnvironmentVariable = try value.nonEmptyString() }
        if let value = members["models"], !value.isNull { models = try value.stringList() }
        if let value = members["model_map"], !value.isNull { modelMap = try value.stringMap() }
        if let value = members["timeout_seconds"] { timeoutSeconds = try value.double(0.001...86400) }
        if let value = members["connect_timeout_seconds"] { connectTimeoutSeconds = try value.double(0.001...3600) }
        if let value = members["retries"] { retries = try value.int(0...20) }
        if let value = members["retry_backoff_ms"] { retryBackoffMilliseconds = try value.int(0...600_000) }
        if let value = members["fallbacks"], !value.isNull { fallbacks = try value.stringList() }
        if let value = members["provider"], !value.isNull {
            let text = try value.nonEmptyString()
            guard let chosen = Provider(rawValue: text) else { throw value.error("must be openai or azure_openai, got '\(text)'") }
            provider = chosen
        }
        if let value = members["api_version"], !value.isNull { apiVersion = try value.nonEmptyString() }
        if provider == .azureOpenAI, apiVersion == nil, !trimmedBaseURL.hasSuffix("/openai/v1") {
            throw node.error(
                "upstream '\(self.name)': azure_openai needs api_version (deployment URLs under \(self.baseURL)/openai/deployments/) "
                    + "or a base_url ending in /openai/v1"
            )
        }
    }
}
