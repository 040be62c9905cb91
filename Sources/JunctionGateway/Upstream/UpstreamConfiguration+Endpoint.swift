import Foundation

extension UpstreamConfiguration {
    /// Where a chat completion for `model` (the name sent upstream: the deployment on Azure) goes:
    /// `{base}/chat/completions` for OpenAI and Azure's `/openai/v1` base URL, and
    /// `{base}/openai/deployments/{model}/chat/completions?api-version=…` for Azure deployment URLs.
    func chatCompletionsURL(model: String) -> String {
        guard provider == .azureOpenAI, let apiVersion else { return url("chat/completions") }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?&=")
        let deployment = model.addingPercentEncoding(withAllowedCharacters: allowed) ?? model
        let version = apiVersion.addingPercentEncoding(withAllowedCharacters: allowed) ?? apiVersion
        return trimmedBaseURL + "/openai/deployments/\(deployment)/chat/completions?api-version=\(version)"
    }

    /// The header carrying the API key: `Authorization: Bearer KEY` for OpenAI, `api-key: KEY` for Azure;
    /// nil without a key.
    var authenticationHeader: (name: String, value: String)? {
        guard let apiKey, !apiKey.isEmpty else { return nil }
        return provider == .azureOpenAI ? ("api-key", apiKey) : ("authorization", "Bearer \(apiKey)")
    }
}
