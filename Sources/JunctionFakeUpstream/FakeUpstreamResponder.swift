import Foundation
import Hummingbird

/// The fake upstream's HTTP surface: the OpenAI endpoints it plays (chat completions, embeddings, models) in
/// OpenAI's and Azure OpenAI's URL shapes (`FakeRoute`, which also checks each shape's credentials), its
/// control plane, and the recording of every request (control-plane requests, under `/_`, are not recorded).
struct FakeUpstreamResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The largest request body read.
    static let maxBodyBytes = 16 * 1024 * 1024

    let state: FakeUpstreamState
    let models: [String]

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: Self.maxBodyBytes)
        let body = Data(buffer.readableBytesView)
        let path = request.uri.path
        let query = request.uri.query ?? ""
        let method = request.method.rawValue
        var headers: [String: String] = [:]
        if !path.hasPrefix("/_") {
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
            }
            state.record(RecordedRequest(method: method, path: path, query: query, headers: headers, body: body))
        }
        if let route = FakeRoute(method: method, path: path) {
            if let rejection = route.rejection(headers: headers, query: query, control: state.control) { return rejection }
            var deployment: String?
            if case .azureDeployment(let name) = route.shape { deployment = name }
            switch route {
            case .chat: return try await chat(body: body, deployment: deployment)
            case .embeddings: return try await embeddings(body: body, deployment: deployment)
            case .models: return models(created: 1_700_000_000)
            }
        }
        switch (method, path) {
        case ("POST", "/_control"):
            do {
                try state.update { try $0.apply(json: body) }
            } catch let error as FakeUpstreamError {
                return Self.error(status: 400, code: error.code, message: error.message)
            }
            return Self.json(status: .ok, FakeChatCompletion.json(state.control.jsonObject))
        case ("GET", "/_control"):
            return Self.json(status: .ok, FakeChatCompletion.json(state.control.jsonObject))
        case ("GET", "/_requests"):
            let requests = state.requests.map(\.listing)
            return Self.json(status: .ok, FakeChatCompletion.json(["requests": requests]))
        case ("DELETE", "/_requests"):
            return Self.json(status: .ok, FakeChatCompletion.json(["cleared": state.clearRequests()]))
        default:
            return Self.error(
                status: 404, code: "not_found",
                message: "the fake upstream does not serve \(method) \(path)"
            )
        }
    }

    /// What to do with one request: answer by the plan, or send the injected failure.
    private enum Planned {
        case answer(FakeUpstreamState.AnswerPlan)
        case fail(Response)
    }

    /// The plan for one answer, after its delay: the injected failure's response, or the plan to answer by.
    private func plan() async throws -> Planned {
        let plan = state.planAnswer()
        if plan.control.delayMilliseconds > 0 {
            try await Task.sleep(for: .milliseconds(plan.control.delayMilliseconds))
        }
        guard let failure = plan.failure else { return .answer(plan) }
        let text = failure.body ?? String(decoding: FakeChatCompletion.json([
            "error": ["message": "the fake upstream failed on purpose (status \(failure.status))",
                      "type": failure.status < 500 ? "invalid_request_error" : "api_error",
                      "param": NSNull(), "code": "fake_failure"] as [String: Any],
        ]), as: UTF8.self)
        return .fail(Response(
            status: .init(code: failure.status),
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        ))
    }

    /// A chat completion; on an Azure deployment URL the deployment stands for a missing `model`.
    private func chat(body: Data, deployment: String?) async throws -> Response {
        let plan: FakeUpstreamState.AnswerPlan
        switch try await self.plan() {
        case .answer(let planned): plan = planned
        case .fail(let response): return response
        }
        let request: ChatRequest
        do {
            request = try ChatRequest(body: body, defaultModel: deployment)
        } catch let rejection as ChatRequest.Rejection {
            return Self.error(status: rejection.status, code: rejection.code, message: rejection.message, param: rejection.param)
        }
        let completion = FakeChatCompletion(request: request, control: plan.control, sequence: plan.sequence)
        guard request.stream else {
            return Self.json(status: .ok, completion.jsonBody)
        }
        let events = completion.sseEvents(includeUsage: request.includeUsage)
        let dropAfter = plan.control.dropStreamAfterChunks
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for (index, event) in events.enumerated() {
                if let dropAfter, index >= dropAfter {
                    // Throwing out of the body writer makes the server close the connection mid-stream.
                    throw FakeUpstreamError(code: "stream_dropped", message: "stream dropped after \(dropAfter) chunks on purpose")
                }
                try await writer.write(ByteBuffer(string: event))
            }
            try await writer.finish(nil)
        })
    }

    /// Embeddings of `input` (`FakeEmbedding`), `dimensions` or the control's width wide, as JSON numbers or
    /// base64 (`encoding_format`); on an Azure deployment URL the deployment stands for a missing `model`.
    private func embeddings(body: Data, deployment: String?) async throws -> Response {
        let plan: FakeUpstreamState.AnswerPlan
        switch try await self.plan() {
        case .answer(let planned): plan = planned
        case .fail(let response): return response
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return Self.error(status: 400, code: "invalid_json", message: "the request body is not a JSON object")
        }
        let inputs: [String]
        if let single = object["input"] as? String {
            inputs = [single]
        } else if let many = object["input"] as? [String], !many.isEmpty {
            inputs = many
        } else {
            return Self.error(status: 400, code: "invalid_request", message: "'input' must be a string or a non-empty array of strings", param: "input")
        }
        guard let model = (object["model"] as? String).flatMap({ $0.isEmpty ? nil : $0 }) ?? deployment else {
            return Self.error(status: 400, code: "invalid_request", message: "'model' is required", param: "model")
        }
        let format = object["encoding_format"] as? String ?? "float"
        guard format == "float" || format == "base64" else {
            return Self.error(status: 400, code: "invalid_request", message: "'encoding_format' must be float or base64", param: "encoding_format")
        }
        let dimensions = object["dimensions"] as? Int ?? plan.control.embeddingDimensions
        guard (1...8192).contains(dimensions) else {
            return Self.error(status: 400, code: "invalid_request", message: "'dimensions' must be 1...8192", param: "dimensions")
        }
        let vectors = inputs.map { FakeEmbedding.vector($0, dimensions: dimensions) }
        let tokens = inputs.reduce(0) { $0 + max(1, ChatRequest.words(in: $1)) }
        return Self.json(status: .ok, FakeEmbedding.answer(vectors, model: model, base64: format == "base64", promptTokens: tokens))
    }

    private func models(created: Int) -> Response {
        let data = models.map { ["id": $0, "object": "model", "created": created, "owned_by": "junction-fake"] as [String: Any] }
        return Self.json(status: .ok, FakeChatCompletion.json(["object": "list", "data": data]))
    }

    static func json(status: HTTPResponse.Status, _ body: Data) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    /// An error in OpenAI's shape.
    static func error(status: Int, code: String, message: String, param: String? = nil) -> Response {
        let body = FakeChatCompletion.json([
            "error": ["message": message, "type": status < 500 ? "invalid_request_error" : "api_error",
                      "param": param ?? NSNull(), "code": code] as [String: Any],
        ])
        return json(status: .init(code: status), body)
    }
}
