import HummingbirdTesting
import Testing

/// The six decision headers every response carries.
let decisionHeaders = [
    "x-junction-request-id", "x-junction-route", "x-junction-route-distance", "x-junction-model", "x-junction-cache",
    "x-junction-cache-distance",
]

/// Expects every decision header on `response`.
func expectDecisionHeaders(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    for name in decisionHeaders {
        #expect(response.header(name)?.isEmpty == false, "missing \(name)", sourceLocation: sourceLocation)
    }
}

/// Expects an OpenAI error body with `status`, `code`, and a `type` matching the status.
func expectError(
    _ response: TestResponse, status: Int, code: String, param: String? = nil, type: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status.code == status, sourceLocation: sourceLocation)
    #expect(response.error["code"] as? String == code, sourceLocation: sourceLocation)
    #expect(response.error["type"] as? String == (type ?? (status < 500 ? "invalid_request_error" : "api_error")), sourceLocation: sourceLocation)
    #expect((response.error["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    if let param { #expect(response.error["param"] as? String == param, sourceLocation: sourceLocation) }
    #expect(response.header("content-type") == "application/json", sourceLocation: sourceLocation)
    expectDecisionHeaders(response, sourceLocation: sourceLocation)
}
