import Foundation
import Hummingbird
import JunctionJSON
import JunctionLimits

/// Reading admin request bodies and writing admin answers.
enum AdminJSON {
    /// A JSON object body; 400 naming what is wrong otherwise.
    static func object(_ body: [UInt8]) throws(GatewayError) -> [String: JSONValue] {
        guard !body.isEmpty else { return [:] }
        let parsed: JSONValue
        do {
            parsed = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            throw GatewayError.invalidJSON("\(error)")
        }
        guard case .object(let object) = parsed else { throw GatewayError.invalidRequest("the request body must be a JSON object", param: nil) }
        return object
    }

    /// `object[field]` as a string array, nil when absent; 400 when not one.
    static func strings(_ object: [String: JSONValue], _ field: String) throws(GatewayError) -> [String]? {
        guard let value = object[field], value != .null else { return nil }
        guard case .array(let items) = value else { throw GatewayError.invalidRequest("'\(field)' must be an array of strings", param: field) }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw GatewayError.invalidRequest("'\(field)' must be an array of non-empty strings", param: field)
            }
            strings.append(text)
        }
        return strings
    }

    /// A JSON answer with sorted keys.
    static func response(_ value: Any, status: HTTPResponse.Status = .ok) throws(GatewayError) -> Response {
        do {
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
            return Response.json(bytes: ByteBuffer(bytes: data), status: status)
        } catch {
            throw GatewayError.internalError
        }
    }

    /// A key record as the admin API shows it (never the key, never its full hash).
    static func record(_ record: APIKeyRecord) -> [String: Any] {
        var object: [String: Any] = [
            "id": record.id, "object": "api_key", "tenant": record.tenant, "enabled": record.enabled,
            "created_at": Int(record.createdAt.timeIntervalSince1970), "hint": record.hint, "source": record.source.rawValue,
            "name": record.name ?? NSNull(), "models": record.models ?? NSNull(),
            "expires_at": record.expiresAt.map { Int($0.timeIntervalSince1970) } ?? NSNull(),
        ]
        object["requests_per_minute"] = record.limits.requestsPerMinute ?? NSNull()
        object["tokens_per_minute"] = record.limits.tokensPerMinute ?? NSNull()
        object["budget"] = record.limits.budget.map(budget) ?? NSNull()
        return object
    }

    static func budget(_ budget: TokenBudget) -> [String: Any] {
        switch budget.period {
        case .day(let zone): ["tokens": budget.tokens, "period": "day", "time_zone": zone]
        case .rolling(let hours): ["tokens": budget.tokens, "period": "rolling", "rolling_hours": hours]
        }
    }

    /// Reads a key's settings from a create or update body into a change (a `null` member clears it).
    static func keyChange(_ object: [String: JSONValue], creating: Bool) throws(GatewayError) -> KeyChange {
        let allowed: Set<String> = ["name", "tenant", "models", "requests_per_minute", "tokens_per_minute", "budget", "expires_at", "enabled"]
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw GatewayError.invalidRequest("unknown field '\(unknown)' (fields: \(allowed.sorted().joined(separator: ", ")))", param: unknown)
        }
        var change = KeyChange()
        for (field, value) in object where value == .null {
            guard KeyChange.clearable.contains(field) else { throw GatewayError.invalidRequest("'\(field)' cannot be null", param: field) }
            change.clear.insert(field)
        }
        func string(_ field: String) throws(GatewayError) -> String? {
            guard let value = object[field], value != .null else { return nil }
            guard let text = value.stringValue, !text.isEmpty else { throw GatewayError.invalidRequest("'\(field)' must be a non-empty string", param: field) }
            return text
        }
        func positive(_ field: String) throws(GatewayError) -> Int? {
            guard let value = object[field], value != .null else { return nil }
            guard case .number(let number) = value, number == number.rounded(), number >= 1, number < 1e15 else {
                throw GatewayError.invalidRequest("'\(field)' must be a whole number of at least 1", param: field)
            }
            return Int(number)
        }
        change.name = try string("name")
        change.tenant = try string("tenant")
        if creating, change.tenant == nil { throw GatewayError.invalidRequest("missing required parameter: 'tenant'", param: "tenant") }
        change.models = try strings(object, "models")
        change.requestsPerMinute = try positive("requests_per_minute")
        change.tokensPerMinute = try positive("tokens_per_minute")
        if let value = object["budget"], value != .null {
            guard case .object = value, let data = try? JSONEncoder().encode(value),
                  let decoded = try? JSONDecoder().decode(TokenBudget.self, from: data), (try? decoded.validate()) != nil
            else {
                throw GatewayError.invalidRequest(
                    "'budget' must be {\"tokens\": N, \"period\": \"day\", \"time_zone\": \"UTC\"} or {\"tokens\": N, \"period\": \"rolling\", \"rolling_hours\": 24}",
                    param: "budget"
                )
            }
            change.budget = decoded
        }
        if let value = object["expires_at"], value != .null {
            if case .number(let number) = value {
                change.expiresAt = Date(timeIntervalSince1970: number)
            } else if let text = value.stringValue, let date = ISO8601DateFormatter().date(from: text) {
                change.expiresAt = date
            } else {
                throw GatewayError.invalidRequest("'expires_at' must be Unix seconds or an ISO 8601 time", param: "expires_at")
            }
        }
        if let value = object["enabled"], value != .null {
            guard case .bool(let flag) = value else { throw GatewayError.invalidRequest("'enabled' must be true or false", param: "enabled") }
            change.enabled = flag
        }
        return change
    }
}
