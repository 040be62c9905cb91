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
        var request = try ChatRequest.decode(Data(input.body))
        var body = input.body
        let session = try await openSession(headers: input.headers, caller: caller, request: request)
        if let session {
            exchange.update { $0.session = session.id }
            if !session.history.isEmpty {
                guard let prepended = SessionHistoryBody.prepending(session.history, to: body) else {
                    throw GatewayError.invalidRequest("'messages' must be an array", param: "messages")
                }
                body = prepended
                request = try ChatRequest.decode(Data(body))
            }
        }
        let directives = CacheDirectives(headers: input.headers)
        let facts = CachePolicy.Request(
            temperature: request.temperature, choices: request.choices, bypass: directives.bypass, noStore: directives.noStore
        )
        let prompt = request.lastUserMessage
        let lookupWanted = cache != nil && !prompt.isEmpty && configuration.cache.policy.lookupSkipReason(facts) == nil
        var plan = ChatPlan(
            action: .forward(model: request.model), model: request.model, prompt: prompt, vector: nil, filters: [:], facts: facts, session: session
        )

        let guardScan = await scanForGuard(body: body, prompt: prompt, plan: &plan)
        if request.model == configuration.routing.autoModel {
            try await route(request, lookupWanted: lookupWanted, plan: &plan, exchange: exchange)
        }
        if perModel { try await admit(caller, model: plan.model, exchange: exchange) }
        var originals: [String: String] = [:]
        if let guardScan {
            let (redactedBody, guarded) = try applyGuard(guardScan, body: body, plan: &plan, tenant: caller.tenant, exchange: exchange)
            originals = guarded.originals
            plan.facts.piiFlagged = guarded.foundPersonalData
            if redactedBody != body {
                body = redactedBody
                // A session records what was sent upstream: the redacted texts.
                if let turn = plan.session?.turn, let redacted = try? ChatRequest.decode(Data(body)) {
                    let conversation = redacted.messages.filter { $0.role != "system" && $0.role != "developer" }
                    plan.session?.turn = Array(conversation.suffix(turn.count))
                }
            }
        }
        switch plan.action {
        case .block(let message, let model):
            return await respond(canned(message, model: model, request: request, outcome: .blocked, exchange: exchange), text: message, plan: plan)
        case .respond(let text, let model):
            return await respond(canned(text, model: model, request: request, outcome: .responded, exchange: exchange), text: text, plan: plan)
        case .escalate(let webhook, let reply, let model):
            try await escalate(request, webhook: webhook, exchange: exchange)
            return await respond(canned(reply, model: model, request: request, outcome: .escalated, exchange: exchange), text: reply, plan: plan)
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
                    return await respond(replay(hit, model: plan.model, request: request), text: hit.response, plan: plan)
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
        var stripUsageChunk = false
        if reservation != nil, request.stream, !request.includeUsage, let including = StreamUsageRequest.including(body) {
            body = including
            stripUsageChunk = true
        }
        let accounting = ResponseProcessor.Accounting(
            caller: caller, reservation: reservation, promptEstimate: promptEstimate, stripUsageChunk: stripUsageChunk, originals: originals
        )
        return .forward(ForwardPlan(
            upstream: upstream, model: plan.model, requestModel: request.model, body: body, stream: request.stream,
            response: ResponseProcessor(gateway: self, plan: plan, accounting: accounting)
        ))
    }

    /// Junction's own answer, recorded in the request's session first.
    private func respond(_ answer: ImmediateAnswer, text: String, plan: ChatPlan) async -> ChatDecision {
        if let session = plan.session { await record(session, answer: text) }
        return .respond(answer)
    }

    /// Routes the conversation: embeds the routing input (and the cache prompt with it when they differ),
    /// records the match and picks the action. A session routes as `session.routing` says (its turns,
    /// its stickiness); other requests as `routing.input` says.
    private func route(_ request: ChatRequest, lookupWanted: Bool, plan: inout ChatPlan, exchange: Exchange) async throws(GatewayError) {
        var choice: ConversationRouting.Choice?
        if let router {
            let routing = plan.session == nil ? nil : configuration.session.routing
            let inputs = routingInputs(request, prompt: plan.prompt, routing: routing)
            if !inputs.texts.isEmpty {
                // The prompt's vector may be known already (the guard's pass); embed the rest in one call.
                var texts = inputs.texts
                if lookupWanted, !texts.contains(plan.prompt) { texts.append(plan.prompt) }
                let known = plan.vector
                let toEmbed = texts.filter { known == nil || $0 != plan.prompt }
                let embedded = toEmbed.isEmpty ? [] : await embed(toEmbed)
                var vectors = Dictionary(zip(toEmbed, embedded), uniquingKeysWith: { first, _ in first })
                if let known { vectors[plan.prompt] = known }
                if plan.vector == nil { plan.vector = vectors[plan.prompt] }
                let inputVectors = inputs.texts.compactMap { vectors[$0] }
                let vector = inputs.weighted.map { ConversationRouting.weightedVector(inputVectors, decay: $0) } ?? inputVectors[0]
                let started = ContinuousClock.now
                do {
                    if let routing, routing.stickinessMargin != nil {
                        let matches = try await router.routeMany(vector: vector, maxK: max(1, router.definition.routes.count), aggregation: nil)
                        choice = routing.choose(matches, current: plan.session?.state.route)
                    } else if let match = try await router.route(vector: vector) {
                        choice = ConversationRouting.Choice(route: match.name, distance: match.distance, kept: false)
                    }
                } catch {
                    logger.error("routing failed; taking the default action", metadata: ["error": "\(error.message)"])
                }
                metrics.stage(.route, ContinuousClock.now - started)
            }
        }
        metrics.routingDecision(route: choice?.route)
        plan.session?.state.route = choice?.route
        exchange.update {
            $0.route = choice?.route
            $0.routeDistance = choice?.distance
            $0.routeKept = choice?.kept ?? false
        }
        let action = choice.flatMap { actions[$0.route] } ?? configuration.routing.defaultAction
        plan.action = action
        if case .forward(let model) = action {
            guard let target = model ?? configuration.routing.defaultAction.model else {
                throw GatewayError(
                    code: "no_model", status: 503,
                    message: "route '\(choice?.route ?? "none")' forwards without a model and routing.default names none: add metadata.model to the route"
                )
            }
            plan.model = target
        } else {
            plan.model = action.model ?? "junction"
        }
    }

    /// The texts to embed for routing (the user turns for a weighted input, oldest first) and the decay
    /// when they are to be weighted.
    private func routingInputs(_ request: ChatRequest, prompt: String, routing: ConversationRouting?) -> (texts: [String], weighted: Double?) {
        guard let routing else {
            switch configuration.routing.input {
            case .lastUserMessage: return (prompt.isEmpty ? [] : [prompt], nil)
            case .lastTurns(let count):
                let text = request.lastTurns(count)
                return (text.isEmpty ? [] : [text], nil)
            }
        }
        let userTurns = request.messages.filter { $0.role == "user" && !$0.text.isEmpty }.map(\.text).suffix(routing.turnsRead)
        guard !userTurns.isEmpty else { return ([], nil) }
        switch routing.input {
        case .lastMessage: return ([userTurns.last!], nil)
        case .lastTurns: return ([ConversationRouting.joined(userTurns)], nil)
        case .weighted(_, let decay): return (Array(userTurns), decay)
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
