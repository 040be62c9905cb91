import Foundation
import Hummingbird
import JunctionLimits

extension Gateway {
    /// `POST /v1/admin/keys`: creates a key; the answer is the only place the key is ever shown.
    func adminCreateKey(body: [UInt8]) async throws(GatewayError) -> Response {
        let change = try AdminJSON.keyChange(try AdminJSON.object(body), creating: true)
        let key = APIKey.generate()
        let blank = APIKeyRecord(hash: APIKey.hash(key), tenant: change.tenant ?? "", hint: APIKey.hint(key), source: .admin)
        let record: APIKeyRecord
        do {
            record = try change.applied(to: blank)
        } catch {
            throw GatewayError.invalidRequest(error.message, param: nil)
        }
        try await keyStoreCall { try await keys.store.save(record) }
        await announce(.keys)
        var shown = AdminJSON.record(record)
        shown["key"] = key
        return try AdminJSON.response(shown, status: .created)
    }

    /// `GET /v1/admin/keys`: every key, config and admin API, without the keys themselves.
    func adminListKeys() async throws(GatewayError) -> Response {
        let records = try await keyRecords()
        return try AdminJSON.response(["object": "list", "data": records.map(AdminJSON.record)])
    }

    /// `GET /v1/admin/keys/{id}`: a key and its usage now (requests and tokens in the last minute, tokens
    /// spent in the budget's period).
    func adminShowKey(id: String) async throws(GatewayError) -> Response {
        let record = try await existingKey(id)
        let budget = record.limits.filled(from: configuration.access.defaultLimits).budget
        let usage = try await usage(of: record)
        var shown = AdminJSON.record(record)
        shown["usage"] = [
            "requests_last_minute": usage.requestsLastMinute, "tokens_last_minute": usage.tokensLastMinute,
            "budget_spent": usage.budgetSpent, "budget_period": usage.budgetPeriod ?? NSNull(),
            "budget_remaining": budget.map { max(0, $0.tokens - usage.budgetSpent) } ?? NSNull(),
        ] as [String: Any]
        return try AdminJSON.response(shown)
    }

    /// `PATCH /v1/admin/keys/{id}`: changes an admin-created key (`null` clears a member).
    func adminUpdateKey(id: String, body: [UInt8]) async throws(GatewayError) -> Response {
        let change = try AdminJSON.keyChange(try AdminJSON.object(body), creating: false)
        let record = try await existingKey(id)
        guard record.source == .admin else { throw Self.configKey(id) }
        let updated: APIKeyRecord
        do {
            updated = try change.applied(to: record)
        } catch {
            throw GatewayError.invalidRequest(error.message, param: nil)
        }
        try await keyStoreCall { try await keys.store.save(updated) }
        keys.invalidate()
        await announce(.keys)
        return try AdminJSON.response(AdminJSON.record(updated))
    }

    /// `DELETE /v1/admin/keys/{id}`: deletes an admin-created key (its windows expire on their own).
    func adminDeleteKey(id: String) async throws(GatewayError) -> Response {
        let record = try await existingKey(id)
        guard record.source == .admin else { throw Self.configKey(id) }
        _ = try await keyStoreCall { try await keys.store.delete(id: id) }
        keys.invalidate()
        await announce(.keys)
        return try AdminJSON.response(["id": id, "object": "api_key", "deleted": true])
    }

    private func existingKey(_ id: String) async throws(GatewayError) -> APIKeyRecord {
        let records = try await keyRecords()
        guard let record = records.first(where: { $0.id == id }) else {
            throw GatewayError(code: "key_not_found", status: 404, message: "no API key has the id '\(id)'")
        }
        return record
    }

    private static func configKey(_ id: String) -> GatewayError {
        GatewayError(code: "config_key", status: 409, message: "the key '\(id)' is defined in the config file (auth.keys): change it there and reload")
    }

    private func keyStoreCall<T>(_ body: () async throws -> T) async throws(GatewayError) -> T {
        do {
            return try await body()
        } catch {
            let message = (error as? LimitsError)?.message ?? "\(error)"
            throw GatewayError(code: "store_unavailable", status: 503, message: "the key store failed: \(message)")
        }
    }
}
