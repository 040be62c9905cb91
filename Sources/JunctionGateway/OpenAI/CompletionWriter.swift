import JunctionJSON

/// Writes the answers the gateway makes itself (cache hits, `block`, `respond`, `escalate`) in OpenAI's
/// shapes: a `chat.completion` object, or a well-formed stream of `chat.completion.chunk` events (role
/// chunk, content chunk, finish chunk, usage chunk when asked, `data: [DONE]`).
struct CompletionWriter: Sendable {
    /// The answer's id (`chatcmpl-...`).
    var id: String
    /// Unix time.
    var created: Int
    /// The `model` the answer names.
    var model: String
    /// The answer's text.
    var content: String
    /// `finish_reason`, `stop` for everything the gateway answers itself.
    var finishReason = "stop"
    /// Token counts reported; zero for answers no model produced.
    var usage = Usage(promptTokens: 0, completionTokens: 0)

    /// The `chat.completion` JSON.
    var json: String {
        "{\"id\":\(JSONText.quote(id)),\"object\":\"chat.completion\",\"created\":\(created),\"model\":\(JSONText.quote(model)),"
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\(JSONText.quote(content)),\"refusal\":null},"
            + "\"logprobs\":null,\"finish_reason\":\(JSONText.quote(finishReason))}],\"usage\":\(usageJSON)}"
    }

    /// The whole answer as server-sent events.
    func sse(includeUsage: Bool) -> String {
        let usageField = includeUsage ? ",\"usage\":null" : ""
        var events = [
            chunk("{\"role\":\"assistant\",\"content\":\"\"}", finish: nil, usageField: usageField),
            chunk("{\"content\":\(JSONText.quote(content))}", finish: nil, usageField: usageField),
            chunk("{}", finish: finishReason, usageField: usageField),
        ]
        if includeUsage {
            events.append("{\(head),\"choices\":[],\"usage\":\(usageJSON)}")
        }
        events.append("[DONE]")
        return events.map { "data: \($0)\n\n" }.joined()
    }

    private var head: String {
        "\"id\":\(JSONText.quote(id)),\"object\":\"chat.completion.chunk\",\"created\":\(created),\"model\":\(JSONText.quote(model))"
    }

    private func chunk(_ delta: String, finish: String?, usageField: String) -> String {
        "{\(head),\"choices\":[{\"index\":0,\"delta\":\(delta),\"logprobs\":null,\"finish_reason\":\(JSONText.optionalString(finish))}]\(usageField)}"
    }

    private var usageJSON: String {
        "{\"prompt_tokens\":\(usage.promptTokens),\"completion_tokens\":\(usage.completionTokens),\"total_tokens\":\(usage.promptTokens + usage.completionTokens)}"
    }
}
