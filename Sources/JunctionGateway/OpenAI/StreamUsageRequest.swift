import Foundation
import JunctionJSON

/// Asks the upstream for a stream's token usage when the client did not: sets
/// `stream_options.include_usage` to true in the request body at the byte level (every other byte as the
/// client sent it; other `stream_options` members kept).
enum StreamUsageRequest {
    /// `body` with `stream_options.include_usage: true`, or nil when the body is not a JSON object.
    static func including(_ body: [UInt8]) -> [UInt8]? {
        if let range = ModelRewriter.valueRange(of: "stream_options", in: body) {
            var options = (try? JSONSerialization.jsonObject(with: Data(body[range]))) as? [String: Any] ?? [:]
            options["include_usage"] = true
            guard let data = try? JSONSerialization.data(withJSONObject: options, options: [.sortedKeys]) else { return nil }
            return Array(body[..<range.lowerBound]) + Array(data) + Array(body[range.upperBound...])
        }
        guard ModelRewriter.valueRange(of: "model", in: body) != nil,
              let close = body.lastIndex(of: UInt8(ascii: "}"))
        else { return nil }
        let member = Array(",\"stream_options\":{\"include_usage\":true}".utf8)
        return Array(body[..<close]) + member + Array(body[close...])
    }
}
