import Foundation
import HTTPTypes
import Hummingbird
import JunctionSessions

extension Gateway {
    /// `GET /v1/sessions/{id}`: the session's messages, oldest first, for its own tenant (404 otherwise).
    func sessionMessages(_ id: String, headers: HTTPFields) async throws(GatewayError) -> Response {
        let (sessions, state) = try await ownedSession(id, headers: headers)
        let messages: [SessionMessage]
        do {
            messages = try await sessions.messages(session: id, limit: nil)
        } catch {
            throw Self.sessionStoreError(error)
        }
        let rendered: [[String: Any]] = messages.map { message in
            var object: [String: Any] = ["role": message.role, "content": message.content, "timestamp": message.timestamp, "id": message.id]
            if let tool = message.toolCallID { object["tool_call_id"] = tool }
            return object
        }
        return try AdminJSON.response(["id": id, "object": "session", "route": state.route ?? NSNull(), "messages": rendered])
    }

    /// `DELETE /v1/sessions/{id}`: removes the session (its tenant's only).
    func deleteSession(_ id: String, headers: HTTPFields) async throws(GatewayError) -> Response {
        let (sessions, _) = try await ownedSession(id, headers: headers)
        let count: Int
        do {
            count = try await sessions.delete(session: id)
        } catch {
            throw Self.sessionStoreError(error)
        }
        return try AdminJSON.response(["id": id, "object": "session", "deleted": true, "messages": count])
    }

    private func ownedSession(_ id: String, headers: HTTPFields) async throws(GatewayError) -> (any SessionStore, SessionState) {
        let caller = try await caller(headers: headers)
        guard configuration.session.enabled, let sessions else {
            throw GatewayError(code: "sessions_disabled", status: 404, message: "sessions are off (session.enabled: false in the config)")
        }
        let state: SessionState?
        do {
            state = try await sessions.state(session: id)
        } catch {
            throw Self.sessionStoreError(error)
        }
        guard let state, state.tenant == caller.tenant else { throw Self.sessionNotFound(id) }
        return (sessions, state)
    }
}
