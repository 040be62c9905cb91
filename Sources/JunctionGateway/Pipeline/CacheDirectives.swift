import Foundation
import HTTPTypes
import Hummingbird

/// What a request's headers ask of the cache: `x-junction-cache: bypass` (neither read nor store) or
/// `no-store` (may read, never store); `Cache-Control: no-cache` is a bypass, `no-store` a no-store.
struct CacheDirectives: Sendable, Equatable {
    var bypass = false
    var noStore = false

    static let header = HTTPField.Name("x-junction-cache")!

    init(bypass: Bool = false, noStore: Bool = false) {
        self.bypass = bypass
        self.noStore = noStore
    }

    init(headers: HTTPFields) {
        for value in headers[values: Self.header] {
            switch value.trimmingCharacters(in: .whitespaces).lowercased() {
            case "bypass", "no-cache": bypass = true
            case "no-store": noStore = true
            default: break
            }
        }
        for value in headers[values: .cacheControl] {
            for directive in value.split(separator: ",") {
                switch directive.trimmingCharacters(in: .whitespaces).lowercased() {
                case "no-cache": bypass = true
                case "no-store": noStore = true
                default: break
                }
            }
        }
        if bypass { noStore = true }
    }
}
