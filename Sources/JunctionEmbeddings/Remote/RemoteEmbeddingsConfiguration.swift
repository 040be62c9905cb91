/// How to reach one provider's embeddings API: OpenAI (`POST {base}/embeddings`, `Authorization: Bearer`)
/// or Azure OpenAI, either by deployment (`POST {endpoint}/openai/deployments/{deployment}/embeddings?api-version=…`)
/// or through its OpenAI-compatible `/openai/v1/` base URL (`POST {base}/embeddings`, the deployment as
/// `model`), both with the `api-key` header. Requests are batched, bounded in time and retried with backoff.
public struct RemoteEmbeddingsConfiguration: Sendable, Equatable {
    /// The providers Junction calls, by RedisVL's vectorizer type names.
    public enum Provider: String, Sendable, Equatable {
        /// OpenAI's API or any OpenAI-compatible one (`type: openai`).
        case openAI = "openai"
        /// Azure OpenAI (`type: azure_openai`).
        case azureOpenAI = "azure_openai"
    }

    /// Which API this is.
    public var provider: Provider
    /// OpenAI: the API base up to its version, default `https://api.openai.com/v1`. Azure: the resource
    /// endpoint `https://NAME.openai.azure.com` (deployment URLs, with `apiVersion`), or the v1 base URL
    /// `https://NAME.openai.azure.com/openai/v1`.
    public var baseURL: String
    /// The API key (the executable reads it from an environment variable; the library never does).
    public var apiKey: String?
    /// Azure deployment URLs: the `api-version` query parameter, e.g. `2024-10-21`. nil with Azure: the
    /// `/openai/v1/` form, which takes none.
    public var apiVersion: String?
    /// Azure: model name → deployment name. A model not listed is its own deployment name, as RedisVL's
    /// `AzureOpenAITextVectorizer` takes the deployment as its `model`.
    public var deployments: [String: String]
    /// Vector widths of models Junction does not know (it knows OpenAI's text-embedding-3-small/-large and
    /// ada-002); for any other, one request embeds RedisVL's `"dimension check"` to find out.
    public var dimensions: [String: Int]
    /// Most texts per request; longer lists are split. Default 256 (OpenAI accepts up to 2048).
    public var batchSize: Int
    /// Deadline of one attempt, seconds. Default 30.
    public var timeoutSeconds: Double
    /// Deadline for opening a connection, seconds. Default 5.
    public var connectTimeoutSeconds: Double
    /// Retries after the first attempt on connection errors, timeouts, 429 and 5xx. Default 3.
    public var retries: Int
    /// Base of the exponential backoff between retries, milliseconds (with jitter; a `Retry-After` header
    /// of up to 30 s is honoured instead). Default 250.
    public var retryBackoffMilliseconds: Int

    /// OpenAI's public API.
    public static let openAIBaseURL = "https://api.openai.com/v1"

    /// A configuration; see each property for its default.
    public init(
        provider: Provider, baseURL: String? = nil, apiKey: String? = nil, apiVersion: String? = nil,
        deployments: [String: String] = [:], dimensions: [String: Int] = [:], batchSize: Int = 256,
        timeoutSeconds: Double = 30, connectTimeoutSeconds: Double = 5, retries: Int = 3,
        retryBackoffMilliseconds: Int = 250
    ) {
        self.provider = provider
        self.baseURL = baseURL ?? (provider == .openAI ? Self.openAIBaseURL : "")
        self.apiKey = apiKey
        self.apiVersion = apiVersion
        self.deployments = deployments
        self.dimensions = dimensions
        self.batchSize = batchSize
        self.timeoutSeconds = timeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.retries = retries
        self.retryBackoffMilliseconds = retryBackoffMilliseconds
    }

    /// The base URL without a trailing slash.
    var trimmedBaseURL: String {
        baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// Whether an Azure base URL is the `/openai/v1/` form.
    var isAzureV1: Bool {
        trimmedBaseURL.hasSuffix("/openai/v1")
    }

    /// The deployment that serves `model` on Azure.
    func deployment(for model: String) -> String {
        deployments[model] ?? model
    }

    /// Throws `invalid_configuration` or `missing_credentials` naming the first bad setting.
    func validate() throws(EmbeddingsError) {
        let name = provider.rawValue
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw .invalidConfiguration("\(name) embeddings: the base URL must be an http:// or https:// URL, got '\(baseURL)'")
        }
        guard let apiKey, !apiKey.isEmpty else {
            let variable = provider == .openAI ? "OPENAI_API_KEY" : "AZURE_OPENAI_API_KEY"
            throw EmbeddingsError(code: "missing_credentials", message: "\(name) embeddings need an API key: set \(variable)")
        }
        if provider == .azureOpenAI, apiVersion == nil, !isAzureV1 {
            throw .invalidConfiguration(
                "azure_openai embeddings: give an api-version for deployment URLs (\(baseURL)/openai/deployments/…), "
                    + "or the v1 base URL ending in /openai/v1"
            )
        }
        guard batchSize >= 1, batchSize <= 2048 else {
            throw .invalidConfiguration("\(name) embeddings: batch size must be 1...2048, got \(batchSize)")
        }
        guard timeoutSeconds > 0, connectTimeoutSeconds > 0, retries >= 0, retryBackoffMilliseconds >= 0 else {
            throw .invalidConfiguration("\(name) embeddings: timeouts must be positive and retries and backoff not negative")
        }
    }
}
