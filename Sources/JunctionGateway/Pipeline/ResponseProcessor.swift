import Foundation
import JunctionCache
import Synchronization

/// The response side of one forwarded request, for every front: reads the upstream's answer for usage,
/// stores it in the cache when the policy allows (a stream only once it completed with `data: [DONE]`),
/// and returns the bytes the client gets. The HTTP front feeds it what AsyncHTTPClient reads; the Envoy
/// front what Envoy sends in its response-body messages. Calls for one request come one after the other.
public final class ResponseProcessor: Sendable {
    private struct StreamState {
        var assembler = StreamAssembler()
        var stored = false
        var finished = false
    }

    private let gateway: Gateway
    let plan: ChatPlan
    private let state = Mutex(StreamState())

    init(gateway: Gateway, plan: ChatPlan) {
        self.gateway = gateway
        self.plan = plan
    }

    /// A complete (non-streamed) answer: counts its tokens and stores it when it is a success the policy
    /// lets into the cache. Returns the body for the client: the upstream's bytes as they came.
    public func finishJSON(status: Int, body: [UInt8]) async -> [UInt8] {
        guard (200..<300).contains(status),
              let completion = try? JSONDecoder().decode(ChatCompletion.self, from: Data(body))
        else { return body }
        if let usage = completion.usage { gateway.metrics.tokens(model: plan.model, usage: usage) }
        let answer = CachePolicy.Answer(status: status, finishReasons: completion.choices.map(\.finishReason), hasToolCalls: completion.hasToolCalls)
        await gateway.store(completion.content, answer: answer, plan: plan)
        return body
    }

    /// A piece of a successful streamed answer, as the upstream wrote it (piece boundaries need not be event
    /// boundaries). Returns the bytes to pass on now. The answer is stored when `data: [DONE]` arrives,
    /// before those last bytes go out, so the next request already finds it.
    public func streamChunk(_ bytes: [UInt8], status: Int = 200) async -> [UInt8] {
        let ready = state.withLock { state -> (content: String, answer: CachePolicy.Answer)? in
            state.assembler.feed(bytes)
            guard state.assembler.done, !state.stored else { return nil }
            state.stored = true
            let answer = CachePolicy.Answer(
                status: status, finishReasons: state.assembler.choiceFinishReasons, hasToolCalls: state.assembler.hasToolCalls
            )
            return (state.assembler.content, answer)
        }
        if let ready { await gateway.store(ready.content, answer: ready.answer, plan: plan) }
        return bytes
    }

    /// The end of a streamed answer, complete or broken off (nothing is stored then: only a stream that
    /// ended with `data: [DONE]` ever was). Counts the tokens of the usage chunk. Returns any bytes still
    /// held back (none today). Calling it twice does nothing the second time.
    public func finishStream() async -> [UInt8] {
        let usage = state.withLock { state -> Usage? in
            guard !state.finished else { return nil }
            state.finished = true
            return state.assembler.usage
        }
        if let usage { gateway.metrics.tokens(model: plan.model, usage: usage) }
        return []
    }
}
