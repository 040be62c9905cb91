import Foundation
import HTTPTypes
import JunctionRouter
import JunctionSessions

extension Gateway {
    /// Opens the session a request names in `session.header`, nil when it names none (or sessions are
    /// off). 400 `invalid_session` for a malformed id, 404 `session_not_found` for another tenant's session,
    /// 503 when the store cannot be read.
    func openSession(headers: HTTPFields, caller: Caller, request: ChatRequest) async throws(GatewayError) -> SessionContext? {
        let settings = configuration.session
        guard settings.enabled, let sessions, let name = HTTPField.Name(settings.header), let id = headers[name], !id.isEmpty else { return nil }
        do {
            try EmbeddedSessionStore.validate(session: id)
        } catch {
            throw GatewayError(code: "invalid_session", status: 400, message: "\(settings.header): \(error.message)")
        }
        let state: SessionState?
        do {
            state = try await sessions.state(session: id)
        } catch {
            throw Self.sessionStoreError(error)
        }
        if let state, state.tenant != caller.tenant { throw Self.sessionNotFound(id) }
        var history: [SessionMessage] = []
        if settings.mode == .append {
            do {
                history = try await sessions.messages(session: id, limit: settings.maxMessages)
            } catch {
                throw Self.sessionStoreError(error)
            }
            history = Self.bounded(history, tokens: settings.maxHistoryTokens)
        }
        let conversation = request.messages.filter { $0.role != "system" && $0.role != "developer" }
        let turn = settings.mode == .append
            ? conversation
            : Array(conversation.suffix(from: (conversation.lastIndex { $0.role == "assistant" }).map { $0 + 1 } ?? 0))
        return SessionContext(id: id, state: state ?? SessionState(tenant: caller.tenant), history: history, turn: turn)
    }

    /// Records a turn: the request's new messages and the answer, and the session's owner and route, each
    /// write giving the whole session `session.ttl_seconds` more. A failure is logged, never the request's.
    func record(_ session: SessionContext, answer: String?) async {
        guard let sessions else { return }
        let ttl = configuration.session.ttlSeconds
        var messages = session.turn.filter { !$0.text.isEmpty }.map { SessionMessage(session: session.id, role: $0.role, content: $0.text) }
        if let answer, !answer.isEmpty { messages.append(SessionMessage(session: session.id, role: "assistant", content: answer)) }
        do {
            if !messages.isEmpty { try await sessions.append(messages, session: session.id, ttl: ttl) }
            try await sessions.saveState(session.state, session: session.id, ttl: ttl)
            metrics.sessionTurn()
        } catch {
            logger.error("session turn not recorded", metadata: ["error": "\(error.message)"])
        }
    }

    /// The newest messages whose estimated tokens fit in `tokens` (the oldest are left out first).
    static func bounded(_ history: [SessionMessage], tokens: Int) -> [SessionMessage] {
        var kept: [SessionMessage] = []
        var used = 0
        for message in history.reversed() {
            used += TokenEstimate.prompt([ChatMessage(role: message.role, text: message.content)]) - 3
            guard used <= tokens else { break }
            kept.append(message)
        }
        return kept.reversed()
    }

    static func sessionNotFound(_ id: String) -> GatewayError {
        GatewayError(code: "session_not_found", status: 404, message: "no session '\(id)' for this API key")
    }

    static func sessionStoreError(_ error: SessionError) -> GatewayError {
        GatewayError(code: "session_unavailable", status: 503, message: "the session store failed: \(error.message)")
    }
}
