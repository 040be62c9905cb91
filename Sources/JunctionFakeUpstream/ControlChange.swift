import Foundation

/// A `POST /_control` body as decoded: for each key, left as it is, reset to its default (`null`) or set.
struct ControlChange: Decodable {
    /// One key's change.
    enum Setting<Value> {
        case unchanged
        case reset
        case set(Value)
    }

    static let knownKeys = ["reset", "fail_next", "delay_ms", "finish_reason", "reply", "tool_call",
                            "drop_stream_after_chunks", "record", "completion_tokens"]

    var reset = false
    var failNext: Setting<FakeUpstreamControl.Failure> = .unchanged
    var delayMilliseconds: Setting<Int> = .unchanged
    var finishReason: Setting<String> = .unchanged
    var reply: Setting<String> = .unchanged
    var toolCall: Setting<Bool> = .unchanged
    var dropStreamAfterChunks: Setting<Int> = .unchanged
    var record: Setting<Bool> = .unchanged
    var completionTokens: Setting<Int> = .unchanged

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys where !Self.knownKeys.contains(key.stringValue) {
            throw FakeUpstreamError(
                code: "invalid_control",
                message: "unknown control key '\(key.stringValue)' (known: \(Self.knownKeys.joined(separator: ", ")))"
            )
        }
        if case .set(let flag) = try Self.setting(Bool.self, "reset", in: container) { reset = flag }
        failNext = try Self.failure(in: container)
        delayMilliseconds = try Self.nonNegative("delay_ms", in: container)
        finishReason = try Self.setting(String.self, "finish_reason", in: container)
        reply = try Self.setting(String.self, "reply", in: container)
        toolCall = try Self.setting(Bool.self, "tool_call", in: container)
        dropStreamAfterChunks = try Self.nonNegative("drop_stream_after_chunks", in: container)
        record = try Self.setting(Bool.self, "record", in: container)
        completionTokens = try Self.nonNegative("completion_tokens", in: container)
    }

    /// Applies the change: a reset first, then each key given.
    func apply(to control: inout FakeUpstreamControl) {
        if reset { control = FakeUpstreamControl() }
        let defaults = FakeUpstreamControl()
        Self.apply(failNext, to: &control.failNext, default: defaults.failNext)
        Self.apply(delayMilliseconds, to: &control.delayMilliseconds, default: defaults.delayMilliseconds)
        Self.apply(finishReason, to: &control.finishReason, default: defaults.finishReason)
        Self.apply(reply, to: &control.reply, default: defaults.reply)
        Self.apply(toolCall, to: &control.toolCall, default: defaults.toolCall)
        Self.apply(dropStreamAfterChunks, to: &control.dropStreamAfterChunks, default: defaults.dropStreamAfterChunks)
        Self.apply(record, to: &control.record, default: defaults.record)
        Self.apply(completionTokens, to: &control.completionTokens, default: defaults.completionTokens)
    }

    private static func apply<Value>(_ setting: Setting<Value>, to target: inout Value, default value: Value) {
        switch setting {
        case .unchanged: break
        case .reset: target = value
        case .set(let new): target = new
        }
    }

    private static func apply<Value>(_ setting: Setting<Value>, to target: inout Value?, default value: Value?) {
        switch setting {
        case .unchanged: break
        case .reset: target = value
        case .set(let new): target = new
        }
    }

    private static func setting<Value: Decodable>(
        _ type: Value.Type, _ name: String, in container: KeyedDecodingContainer<AnyKey>
    ) throws -> Setting<Value> {
        let key = AnyKey(name)
        guard container.contains(key) else { return .unchanged }
        if try container.decodeNil(forKey: key) { return .reset }
        return .set(try container.decode(Value.self, forKey: key))
    }

    private static func nonNegative(_ name: String, in container: KeyedDecodingContainer<AnyKey>) throws -> Setting<Int> {
        let setting = try setting(Int.self, name, in: container)
        if case .set(let value) = setting, value < 0 {
            throw FakeUpstreamError(code: "invalid_control", message: "control key '\(name)' must not be negative, got \(value)")
        }
        return setting
    }

    private static func failure(in container: KeyedDecodingContainer<AnyKey>) throws -> Setting<FakeUpstreamControl.Failure> {
        let key = AnyKey("fail_next")
        guard container.contains(key) else { return .unchanged }
        if try container.decodeNil(forKey: key) { return .reset }
        let failure = try container.nestedContainer(keyedBy: AnyKey.self, forKey: key)
        for inner in failure.allKeys where !["status", "count", "body"].contains(inner.stringValue) {
            throw FakeUpstreamError(
                code: "invalid_control",
                message: "unknown control key 'fail_next.\(inner.stringValue)' (known: status, count, body)"
            )
        }
        let status = try failure.decode(Int.self, forKey: AnyKey("status"))
        guard (100...599).contains(status) else {
            throw FakeUpstreamError(code: "invalid_control", message: "control key 'fail_next.status' must be an HTTP status, got \(status)")
        }
        let count = try failure.decodeIfPresent(Int.self, forKey: AnyKey("count")) ?? 1
        guard count >= 1 else {
            throw FakeUpstreamError(code: "invalid_control", message: "control key 'fail_next.count' must be at least 1, got \(count)")
        }
        let body = try failure.decodeIfPresent(String.self, forKey: AnyKey("body"))
        return .set(FakeUpstreamControl.Failure(status: status, count: count, body: body))
    }
}

/// A coding key for any string: lets the decoder see, and reject, keys it does not know.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
