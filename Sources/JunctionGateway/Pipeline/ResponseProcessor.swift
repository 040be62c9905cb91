import Foundation
import JunctionCache
import JunctionLimits
import Synchronization

/// The response side of one forwarded request, for every front: reads the upstream's answer for usage,
/// settles the request's token reservation with it, stores the answer in the cache when the policy allows
/// (a stream only once it completed with `data: [DONE]`), and returns the bytes the client gets. The HTTP
/// front feeds it what AsyncHTTPClient reads; the Envoy front what Envoy sends in its response-body
/// messages. Calls for one request come one after the other.
public final class ResponseProcessor: Sendable {
    /// What the response side needs to know of the request beyond the plan.
    struct Accounting: Sendable {
        /// The caller, for settling.
        var caller: Caller
        /// Tokens reserved before forwarding, nil when tokens are not counted.
        var reservation: TokenReservation?
        /// The prompt's estimated tokens (used when the upstream reports no usage).
        var promptEstimate: Int
        /// The gateway asked the upstream for the stream's usage chunk; the client did not, so it is removed.
        var stripUsageChunk: Bool
        /// Placeholder -> original value, put back into the answer (the guard redacted the request and its
        /// policy restores); empty for none.
        var originals: [String: String] = [:]
    }

    private struct StreamState {
        var assembler = StreamAssembler()
        var splitter = SSEEventSplitter()
        var restorer: AnswerRestorer?
        var stored = false
        var finished = false
    }

    private let gateway: Gateway
    let plan: ChatPlan
    let accounting: Accounting
    private let state: Mutex<StreamState>

    init(gateway: Gateway, plan: ChatPlan, accounting: Accounting) {
        self.gateway = gateway
        self.plan = plan
        self.accounting = accounting
        state = Mutex(StreamState(restorer: accounting.originals.isEmpty ? nil : AnswerRestorer(originals: accounting.originals)))
    }

    /// Whether the stream is taken apart event by event (to drop the usage chunk, or to restore values).
    private var rewritesEvents: Bool { accounting.stripUsageChunk || !accounting.originals.isEmpty }

    /// A complete (non-streamed) answer: counts its tokens, settles the reservation and stores it when it is
    /// a success the policy lets into the cache. Returns the body for the client: the upstream's bytes as
    /// they came.
    public func finishJSON(status: Int, body: [UInt8]) async -> [UInt8] {
        guard (200..<300).contains(status),
              let completion = try? JSONDecoder().decode(ChatCompletion.self, from: Data(body))
        else {
            await settle(actual: 0)
            return body
        }
        if let usage = completion.usage { gateway.metrics.tokens(model: plan.model, usage: usage) }
        await settle(actual: completion.usage.map { $0.promptTokens + $0.completionTokens }
            ?? accounting.promptEstimate + TokenEstimate.completion(completion.content ?? ""))
        let answer = CachePolicy.Answer(status: status, finishReasons: completion.choices.map(\.finishReason), hasToolCalls: completion.hasToolCalls)
        await gateway.store(completion.content, answer: answer, plan: plan)
        if let session = plan.session { await gateway.record(session, answer: completion.content) }
        return accounting.originals.isEmpty ? body : AnswerRestorer(originals: accounting.originals).restoringJSON(body)
    }

    /// A piece of a successful streamed answer, as the upstream wrote it (piece boundaries need not be event
    /// boundaries). Returns the bytes to pass on now: the same bytes, except that the usage chunk the
    /// gateway asked for on the client's behalf is taken out. The answer is stored when `data: [DONE]`
    /// arrives, before those last bytes go out, so the next request already finds it.
    public func streamChunk(_ bytes: [UInt8], status: Int = 200) async -> [UInt8] {
        let (out, ready) = state.withLock { state -> ([UInt8], (content: String, answer: CachePolicy.Answer)?) in
            state.assembler.feed(bytes)
            var out = bytes
            if rewritesEvents {
                var events = state.splitter.feed(bytes)
                if accounting.stripUsageChunk { events.removeAll(where: Self.isUsageChunk) }
                if state.restorer != nil {
                    events = events.map { state.restorer!.restoring(event: $0) }
                }
                out = events.flatMap { $0 }
            }
            guard state.assembler.done, !state.stored else { return (out, nil) }
            state.stored = true
            let answer = CachePolicy.Answer(
                status: status, finishReasons: state.assembler.choiceFinishReasons, hasToolCalls: state.assembler.hasToolCalls
            )
            return (out, (state.assembler.content, answer))
        }
        if let ready {
            await gateway.store(ready.content, answer: ready.answer, plan: plan)
            if let session = plan.session { await gateway.record(session, answer: ready.content) }
        }
        return out
    }

    /// The end of a streamed answer, complete or broken off (nothing is stored then: only a stream that
    /// ended with `data: [DONE]` ever was). Counts the tokens of the usage chunk and settles the
    /// reservation. Returns any bytes still held back. Calling it twice does nothing the second time.
    public func finishStream() async -> [UInt8] {
        let finished = state.withLock { state -> (usage: Usage?, content: String, rest: [UInt8])? in
            guard !state.finished else { return nil }
            state.finished = true
            let rest = rewritesEvents ? (state.restorer?.finish() ?? []) + state.splitter.rest() : []
            return (state.assembler.usage, state.assembler.content, rest)
        }
        guard let finished else { return [] }
        if let usage = finished.usage { gateway.metrics.tokens(model: plan.model, usage: usage) }
        await settle(actual: finished.usage.map { $0.promptTokens + $0.completionTokens }
            ?? accounting.promptEstimate + TokenEstimate.completion(finished.content))
        return finished.rest
    }

    /// The upstream never answered (every attempt failed): the reservation is released.
    public func abandon() async {
        await settle(actual: 0)
    }

    private func settle(actual: Int) async {
        guard let reservation = accounting.reservation else { return }
        await gateway.settle(reservation, actual: actual, caller: accounting.caller)
    }

    /// Whether a raw event is a usage-only chunk (`"choices": []` with `usage`).
    private static func isUsageChunk(_ event: [UInt8]) -> Bool {
        guard let data = SSEEventSplitter.data(of: event), data != "[DONE]",
              let chunk = try? JSONDecoder().decode(ChatCompletionChunk.self, from: Data(data.utf8))
        else { return false }
        return chunk.usage != nil && (chunk.choices ?? []).isEmpty
    }
}
