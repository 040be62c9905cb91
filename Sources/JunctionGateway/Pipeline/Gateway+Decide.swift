import Foundation
import HTTPTypes
import JunctionCache
import JunctionRouter

extension Gateway {
    /// The decision pipeline of `POST /v1/chat/completions`, shared by the HTTP and Envoy fronts: decode,
    /// route (for the auto model), act, look up the cache, and plan the forward. Records what it decided in
    /// `input.exchange`. Throws `GatewayError` for a request that gets an OpenAI error.
    public func decideChat(_ input: ChatInput) async throws(GatewayError) -> ChatDecision {
        let exchange = input.exchange
        exchange.update { $0.endpoint = "/v1/chat/completions" }
        let caller = try await caller(headers: input.headers)
        exchange.update { $0.tenant = caller.tenant }
        let perModel = configuration.access.perModel
        if !perModel { try await admit(caller, model: nil, exchange: exchange) }
        let request = try ChatRequest.decode(Data(input.body))
        let directives = CacheDirectives(headers: input.headers)
        let facts = CachePolicy.Request(
            temperature: request.temperature, choices: request.choices, bypass: directives.bypass, noStore: directives.noStore
        )
        let prompt = request.lastUserMessage
        let lookupWanted = cache != nil && !prompt.isEmpty && configuration.cache.policy.lookupSkipReason(facts) == nil
        var plan = ChatPlan(action: .forward(model: request.model), model: request.model, prompt: prompt, vector: nil, filters: [:], facts: facts)

        if request.model == configuration.routing.autoModel {
            try await route(request, lookupWanted: lookupWanted, plan: &plan, exchange: exchange)
        }
        if perModel { try await admit(caller, model: plan.model, exchange: exchange) }
        switch plan.action {
        case .block(let message, let model):
            return .respond(canned(message, model: model, request: request, outcome: .blocked, exchange: exchange))
        case .respond(let text, let model):
            return .respond(canned(text, model: model, request: request, outcome: .responded, exchange: exchange))
        case .escalate(let webhook, let reply, let model):
            try await escalate(request, webhook: webhook, exchange: exchange)
            return .respond(canned(reply, model: model, request: request, outcome: .escalated, exchange: exchange))
        case .forward:
            break
        }

        guard !upstreams.upstreams.isEmpty else { throw GatewayError.noUpstream }
        guard let upstream = upstreams.upstream(serving: plan.model) else {
            exchange.update { $0.outcome = .clientError }
            throw GatewayError.modelNotFound(plan.model)
        }
        guard caller.key?.allows(model: plan.model) ?? true else {
            exchange.update { $0.outcome = .clientError }
            throw GatewayError.modelNotAllowed(plan.model)
        }
        exchange.update { $0.model = plan.model }
        plan.filters = scopeFilters(request, model: plan.model, tenant: caller.tenant)

        if let cache {
            if lookupWanted {
                if let hit = await lookup(&plan, cache: cache) {
                    exchange.update {
                        $0.cache = "hit"
                        $0.cacheDistance = hit.distance
                        $0.outcome = .cacheHit
                    }
                    return .respond(replay(hit, model: plan.model, request: request))
                }
                exchange.update { $0.cache = "miss" }
            } else {
                metrics.cacheLookup("bypass")
                exchange.update { $0.cache = "bypass" }
            }
        }
        let promptEstimate = TokenEstimate.prompt(request.messages)
        let estimate = promptEstimate + (request.maxTokens ?? configuration.access.completionEstimateTokens) * (request.choices ?? 1)
        let reservation = try await reserveTokens(caller, model: plan.model, estimate: estimate, exchange: exchange)
        var body = input.body
        var stripUsageChunk = false
        if reservation != nil, request.stream, !request.includeUsage, let including = StreamUsageRequest.including(body) {
            body = including
            stripUsageChunk = true
        }
        let accounting = ResponseProcessor.Accounting(
            caller: caller, reservation: reservation, promptEstimate: promptEstimate, stripUsageChunk: stripUsageChunk
        )
        return .forward(ForwardPlan(
            upstream: upstream, model: plan.model, requestModel: request.model, body: body, stream: request.stream,
            response: ResponseProcessor(gateway: self, plan: plan, accounting: accounting)
        ))
    }

    /// Routes the conversation: embeds the routing text (and the cache prompt with it when they differ),
    /// records the match and picks the action.
    private func route(_ request: ChatRequest, lookupWanted: Bool, plan: inout ChatPlan, exchange: Exchange) async throws(GatewayError) {
        let text: String
        switch configuration.routing.input {
        case .lastUserMessage: text = plan.prompt
        case .lastTurns(let count): text = request.lastTurns(count)
        }
        var match: RouteMatch?
        if let router, !text.isEmpty {
            let texts = text == plan.prompt || !lookupWanted ? [text] : [text, plan.prompt]
            let vectors = await embed(texts)
            if text == plan.prompt { plan.vector = vectors[0] } else if vectors.count > 1 { plan.vector = vectors[1] }
            let started = ContinuousClock.now
            do {
                match = try await router.route(vector: vectors[0])
            } catch {
                logger.error("routing failed; taking the default action", metadata: ["error": "\(error.message)"])
            }
            metrics.stage(.route, ContinuousClock.now - started)
        }
        metrics.routingDecision(route: match?.name)
        exchange.update {
            $0.route = match?.name
            $0.routeDistance = match?.distance
        }
        let action = match.flatMap { actions[$0.name] } ?? configuration.routing.defaultAction
        plan.action = action
        if case .forward(let model) = action {
            guard let target = model ?? configuration.routing.defaultAction.model else {
                throw GatewayError(
                    code: "no_model", status: 503,
                    message: "route '\(match?.name ?? "none")' forwards without a model and routing.default names none: add metadata.model to the route"
                )
            }
            plan.model = target
        } else {
            plan.model = action.model ?? "junction"
        }
    }

    /// The cache scope of a request: tenant, model, system prompt and earlier turns (nothing when
    /// `cache.scope` is false).
    func scopeFilters(_ request: ChatRequest, model: String, tenant: String) -> [String: String] {
        guard configuration.cache.scoped else { return [:] }
        let scope = CacheScope(
            tenant: tenant, model: model,
            systemPrompt: request.systemPrompt, earlierTurns: request.earlierTurns
        )
        return scope.filters
    }

    /// Looks the prompt up (embedding it first when routing did not), recording the `cache` stage and the
    /// lookup metric; a cache failure counts as a miss.
    private func lookup(_ plan: inout ChatPlan, cache: any SemanticCache) async -> CacheHit? {
        if plan.vector == nil { plan.vector = await embed([plan.prompt])[0] }
        let started = ContinuousClock.now
        defer { metrics.stage(.cache, ContinuousClock.now - started) }
        do {
            let hits = try await cache.check(CacheLookup(prompt: plan.prompt, vector: plan.vector, filters: plan.filters))
            metrics.cacheLookup(hits.isEmpty ? "miss" : "hit")
            return hits.first
        } catch {
            logger.error("cache lookup failed; answering as a miss", metadata: ["error": "\(error.message)"])
            metrics.cacheLookup("miss")
            return nil
        }
    }

    /// Stores an answer when there is a cache, a prompt, text, and the policy allows it.
    func store(_ content: String?, answer: CachePolicy.Answer, plan: ChatPlan) async {
        guard let cache, let content, !content.isEmpty, !plan.prompt.isEmpty else { return }
        if let reason = configuration.cache.policy.storeSkipReason(plan.facts, answer) {
            logger.debug("answer not cached", metadata: ["reason": "\(reason)"])
            return
        }
        let started = ContinuousClock.now
        defer { metrics.stage(.cache, ContinuousClock.now - started) }
        do {
            try await cache.store(CacheWrite(
                prompt: plan.prompt, response: content, vector: plan.vector,
                metadata: ["model": .string(plan.model)], filters: plan.filters
            ))
        } catch {
            logger.error("cache store failed", metadata: ["error": "\(error.message)"])
        }
    }
}
