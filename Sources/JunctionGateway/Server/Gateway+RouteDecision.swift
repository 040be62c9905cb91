import Foundation
import Hummingbird
import JunctionJSON
import JunctionRouter

extension Gateway {
    /// The body of `POST /v1/route`: a text, or a conversation routed as chat requests are.
    struct RouteRequest: Decodable {
        var input: String?
        var messages: [ChatMessage]?
    }

    /// `POST /v1/route`: the decision for a text or conversation, without forwarding:
    /// `{"route", "distance", "confidence", "model", "action", "routes": [{"name", "distance"}]}`.
    func routeDecision(body: [UInt8], exchange: Exchange) async throws(GatewayError) -> Response {
        let request: RouteRequest
        do {
            request = try JSONDecoder().decode(RouteRequest.self, from: Data(body))
        } catch let error as DecodingError {
            throw RequestDecoding.gatewayError(error)
        } catch {
            throw GatewayError.invalidJSON("\(error)")
        }
        let text: String
        if let input = request.input {
            text = input
        } else if let messages = request.messages {
            let conversation = ChatRequest(model: configuration.routing.autoModel, messages: messages)
            switch configuration.routing.input {
            case .lastUserMessage: text = conversation.lastUserMessage
            case .lastTurns(let count): text = conversation.lastTurns(count)
            }
        } else {
            throw GatewayError.invalidRequest("give 'input' (a text) or 'messages' (a conversation)", param: "input")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw GatewayError.invalidRequest("there is no text to route", param: request.input == nil ? "messages" : "input")
        }
        var matches: [RouteMatch] = []
        var decided: RouteDecision?
        if let router {
            let vector = try await embed([text])[0]
            let started = ContinuousClock.now
            do {
                matches = try await router.routeMany(vector: vector, maxK: max(1, router.definition.routes.count), aggregation: nil)
                decided = try await router.decide(vector: vector)
            } catch {
                throw GatewayError(code: "routing_failed", status: 502, message: "the router failed: \(error.message)")
            }
            metrics.stage(.route, ContinuousClock.now - started)
        }
        let best = matches.first
        // The decision's confidence when it names the same route (or none); else the match's own.
        let confidence = decided?.match?.name == best?.name ? decided?.confidence : best?.confidence
        metrics.routingDecision(route: best?.name)
        let action = best.flatMap { actions[$0.name] } ?? configuration.routing.defaultAction
        let model: String?
        if case .forward(let target) = action { model = target ?? configuration.routing.defaultAction.model } else { model = action.model }
        exchange.update {
            $0.route = best?.name
            $0.routeDistance = best?.distance
            $0.routeConfidence = confidence
            $0.model = model
            $0.outcome = .forwarded
        }
        let routes = matches.map { "{\"name\":\(JSONText.quote($0.name)),\"distance\":\(JSONText.number($0.distance))}" }
        return Response.json(
            "{\"route\":\(JSONText.optionalString(best?.name)),\"distance\":\(JSONText.number(best?.distance)),"
                + "\"confidence\":\(JSONText.number(confidence)),"
                + "\"model\":\(JSONText.optionalString(model)),\"action\":\(JSONText.quote(action.name)),"
                + "\"routes\":[\(routes.joined(separator: ","))]}"
        )
    }
}
