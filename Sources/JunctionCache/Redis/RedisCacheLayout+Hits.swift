import Foundation
import JunctionJSON
import JunctionRedis

extension RedisCacheLayout {
    /// A hit from an entry's fields as text (an `FT.SEARCH` document or an `HGETALL`), or nil when the entry
    /// lacks its prompt or response (a hash that expired or was half written by another client).
    ///
    /// Readers are lenient with what other writers stored: metadata that is not JSON is kept as a string,
    /// timestamps that are not numbers read as 0, and the filters are the configured filterable fields the
    /// hash holds.
    func hit(key: String, fields: [String: String], distance: Double, exact: Bool) -> CacheHit? {
        guard let prompt = fields["prompt"], let response = fields["response"] else { return nil }
        var filters: [String: String] = [:]
        for field in filterableFields {
            if let value = fields[field] { filters[field] = value }
        }
        return CacheHit(
            entryID: fields["entry_id"] ?? id(ofKey: key) ?? key,
            key: key,
            prompt: prompt,
            response: response,
            distance: distance,
            insertedAt: fields["inserted_at"].flatMap(Double.init) ?? 0,
            updatedAt: fields["updated_at"].flatMap(Double.init) ?? 0,
            metadata: fields["metadata"].map(Self.metadata(from:)),
            filters: filters,
            exact: exact
        )
    }

    /// The hits of an `FT.SEARCH` reply (RESP2 or RESP3), in Redis's order; documents without a prompt,
    /// response or distance are skipped.
    func hits(fromSearch reply: RESPValue) throws(RedisError) -> [CacheHit] {
        let results = try SearchResults(reply: reply)
        return results.documents.compactMap { document in
            var fields: [String: String] = [:]
            for (name, value) in document.fields {
                if let text = value.text { fields[name] = text }
            }
            guard let distance = fields["vector_distance"].flatMap(Double.init) else { return nil }
            return hit(key: document.id, fields: fields, distance: distance, exact: false)
        }
    }

    /// Stored metadata: the JSON it holds, or the text itself when it is not JSON.
    static func metadata(from text: String) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
    }
}
