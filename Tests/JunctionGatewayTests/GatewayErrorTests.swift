import Testing
import JunctionGateway

@Suite struct GatewayErrorTests {
    @Test func statusesMapToOpenAIErrorTypes() {
        #expect(GatewayError(code: "invalid_json", status: 400, message: "x").type == "invalid_request_error")
        #expect(GatewayError(code: "model_not_found", status: 404, message: "x").type == "invalid_request_error")
        #expect(GatewayError(code: "upstream_error", status: 502, message: "x").type == "api_error")
    }
}
