import Foundation
import HummingbirdTesting
import JunctionFakeUpstream
import JunctionGateway
import JunctionRouter
import NIOCore
import Testing

/// A fitted router's calibrated confidence reaches clients: `x-junction-route-confidence` and `/v1/route`.
@Suite struct RouteConfidenceTests {
    /// Accepted decisions 1/(1+e^-1), rejections 1/(1+e^-2), whatever the margin.
    static let calibration = ConfidenceCalibration(accept: [1, 0, 0], reject: [2, 0, 0])

    @Test func calibratedRoutersReportConfidenceForRoutesAndForNoRoute() async throws {
        try await FakeUpstream.withRunning { upstream in
            var definition = TestScene.definition(webhook: upstream.baseURL + "/chat/completions")
            definition.routingConfig.confidence = Self.calibration
            var settings = configuration(upstream: upstream)
            settings.router = .definition(definition)
            let harness = try await Harness.make(settings, router: definition)
            let (routed, unrouted, decided, undecided) = try await harness.test { client in
                (
                    try await client.chat(chatBody(model: "auto", user: "near maths")),
                    try await client.chat(chatBody(model: "auto", user: "nothing like it")),
                    try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: #"{"input":"near maths"}"#)),
                    try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: #"{"input":"nothing like it"}"#))
                )
            }
            #expect(routed.header("x-junction-route") == "maths")
            #expect(routed.header("x-junction-route-confidence") == "0.7311")
            #expect(unrouted.header("x-junction-route") == "none")
            #expect(unrouted.header("x-junction-route-confidence") == "0.8808")
            #expect(abs((decided.json["confidence"] as? Double ?? 0) - 1 / (1 + exp(-1))) < 1e-9)
            #expect(abs((undecided.json["confidence"] as? Double ?? 0) - 1 / (1 + exp(-2))) < 1e-9)
        }
    }

    @Test func routersWithoutCalibrationSayNone() async throws {
        try await FakeUpstream.withRunning { upstream in
            let definition = TestScene.definition(webhook: upstream.baseURL + "/chat/completions")
            var settings = configuration(upstream: upstream)
            settings.router = .definition(definition)
            let harness = try await Harness.make(settings, router: definition)
            let (routed, decided) = try await harness.test { client in
                (
                    try await client.chat(chatBody(model: "auto", user: "near maths")),
                    try await client.execute(uri: "/v1/route", method: .post, body: ByteBuffer(string: #"{"input":"near maths"}"#))
                )
            }
            #expect(routed.header("x-junction-route-confidence") == "none")
            #expect(decided.json["confidence"] is NSNull)
        }
    }
}
