import Foundation
import Hummingbird

/// The API paths the fake upstream answers, in OpenAI's URL shapes and Azure OpenAI's (deployment URLs with
/// `api-version`, and the `/openai/v1/` base URL), with the authentication each shape takes.
enum FakeRoute: Equatable {
    /// `POST …/chat/completions`.
    case chat(Shape)
    /// `POST …/embeddings`.
    case embeddings(Shape)
    /// `GET …/models`.
    case models(Shape)

    /// Which URL shape a request used.
    enum Shape: Equatable {
        /// `/v1/...` (or the bare `/...`): OpenAI's, `Authorization: Bearer`.
        case openAI
        /// `/openai/deployments/{deployment}/...?api-version=…`: Azure's, `api-key`.
        case azureDeployment(String)
        /// `/openai/v1/...`: Azure's OpenAI-compatible form, `api-key` (or a bearer token).
        case azureV1
    }

    /// The route of `method` `path`, or nil for a path the fake does not serve.
    init?(method: String, path: String) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var shape = Shape.openAI
        if parts.starts(with: ["openai", "v1"]) {
            shape = .azureV1
            parts.removeFirst(2)
        } else if parts.count >= 3, parts[0] == "openai", parts[1] == "deployments" {
            shape = .azureDeployment(parts[2].removingPercentEncoding ?? parts[2])
            parts.removeFirst(3)
        } else if parts.first == "v1" {
            parts.removeFirst()
        }
        switch (method, parts) {
        case ("POST", ["chat", "completions"]): self = .chat(shape)
        case ("POST", ["embeddings"]): self = .embeddings(shape)
        case ("GET", ["models"]) where shape == .openAI || shape == .azureV1: self = .models(shape)
        default: return nil
        }
    }

    /// The URL shape.
    var shape: Shape {
        switch self {
        case .chat(let shape), .embeddings(let shape), .models(let shape): shape
        }
    }

    /// The error response when the request's credentials or query do not fit its shape under `control`;
    /// nil when they do. Azure's errors come in Azure's shape (`{"error": {"code": "401", "message": …}}`).
    func rejection(headers: [String: String], query: String, control: FakeUpstreamControl) -> Response? {
        switch shape {
        case .openAI:
            guard let key = control.apiKey, headers["authorization"] != "Bearer \(key)" else { return nil }
            return FakeUpstreamResponder.error(
                status: 401, code: "invalid_api_key", message: "Incorrect API key provided (the fake upstream expects another key)."
            )
        case .azureV1, .azureDeployment:
            let bearer = headers["authorization"].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            let given = headers["api-key"] ?? (shape == .azureV1 ? bearer : nil)
            guard let given, !given.isEmpty, control.apiKey.map({ $0 == given }) ?? true else {
                return Self.azureError(
                    status: 401, code: "401",
                    message: "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key "
                        + "for an active subscription and use a correct regional API endpoint for your resource."
                )
            }
            guard case .azureDeployment(let deployment) = shape else { return nil }
            let version = query.split(separator: "&").first { $0.hasPrefix("api-version=") }?.dropFirst("api-version=".count)
            guard let version, !version.isEmpty else {
                return Self.azureError(status: 404, code: "404", message: "Resource not found")
            }
            if let deployments = control.azureDeployments, !deployments.contains(deployment) {
                return Self.azureError(
                    status: 404, code: "DeploymentNotFound",
                    message: "The API deployment for this resource does not exist. If you created the deployment within the "
                        + "last 5 minutes, please wait a moment and try again."
                )
            }
            return nil
        }
    }

    /// An error in Azure OpenAI's shape.
    static func azureError(status: Int, code: String, message: String) -> Response {
        FakeUpstreamResponder.json(
            status: .init(code: status), FakeChatCompletion.json(["error": ["code": code, "message": message]])
        )
    }
}
