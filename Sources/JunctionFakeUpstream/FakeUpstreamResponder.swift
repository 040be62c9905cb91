import Foundation
import Hummingbird

/// The fake upstream's HTTP surface: the OpenAI endpoints it plays, its control plane, and the recording of
/// every request (control-plane requests, under `/_`, are not recorded).
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
        let method = request.method.rawValue
        if !path.hasPrefix("/_") {
            var headers: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
            }
            state.record(RecordedRequest(method: method, path: path, headers: headers, body: body))
        }
        switch (method, path) {
        case ("POST", "/v1/chat/completions"), ("POST", "/chat/completions"):
            return try await chat(body: body)
        case ("GET", "/v1/models"), ("GET", "/models"):
            return models(created: 1_700_000_000)
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

    private func chat(body: Data) async throws -> Response {
        let plan = state.planChat()
        if plan.control.delayMilliseconds > 0 {
            try await Task.sleep(for: .milliseconds(plan.control.delayMilliseconds))
        }
        if let failure = plan.failure {
            let text = failure.body ?? String(decoding: FakeChatCompletion.json([
                "error": ["message": "the fake upstream failed on purpose (status \(failure.status))",
                          "type": failure.status < 500 ? "invalid_request_error" : "api_error",
                          "param": NSNull(), "code": "fake_failure"] as [String: Any],
            ]), as: UTF8.self)
            return Response(
                status: .init(code: failure.status),
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
        let request: ChatRequest
        do {
            request = try ChatRequest(body: body)
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
