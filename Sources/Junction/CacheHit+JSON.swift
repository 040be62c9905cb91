import JunctionCache
import JunctionJSON

extension CacheHit {
    /// One line of JSON: prompt, response, distance, metadata, entry_id, key, filters, timestamps, exact.
    var jsonLine: String {
        let metadataText = metadata.map { PythonJSON.dumps(PythonJSON.value($0)) } ?? "null"
        let filterText = PythonJSON.dumps(.object(filters.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        return "{\"prompt\": \(JSONText.quote(prompt)), \"response\": \(JSONText.quote(response)), \"distance\": \(distance), "
            + "\"metadata\": \(metadataText), \"entry_id\": \(JSONText.quote(entryID)), \"key\": \(JSONText.quote(key)), "
            + "\"filters\": \(filterText), \"inserted_at\": \(insertedAt), \"updated_at\": \(updatedAt), \"exact\": \(exact)}"
    }
}
