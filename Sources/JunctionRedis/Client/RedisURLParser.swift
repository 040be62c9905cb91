/// Parses `redis://[user[:password]@]host[:port][/db]` and `rediss://...` into a ``RedisConfiguration``.
enum RedisURLParser {
    static func parse(_ url: String) throws(RedisError) -> RedisConfiguration {
        let tls: Bool
        var rest: Substring
        if let range = url.firstRange(of: "://") {
            switch url[..<range.lowerBound].lowercased() {
            case "redis": tls = false
            case "rediss": tls = true
            case let scheme:
                throw .invalidURL("scheme '\(scheme)' is not supported, use redis:// or rediss:// (in \(redact(url)))")
            }
            rest = url[range.upperBound...]
        } else {
            throw .invalidURL("missing scheme, expected redis://host[:port][/db] (got \(redact(url)))")
        }
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            throw .invalidURL("query parameters and fragments are not supported ('\(rest[query...])' in \(redact(url)))")
        }
        // Authority ends at the first '/' after the user info; the user info ends at the last '@'.
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        let authority: Substring
        var path: Substring?
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        } else {
            authority = rest
        }

        var configuration = RedisConfiguration(tls: tls)
        (configuration.host, configuration.port) = try hostAndPort(authority, url: url)
        if let userInfo {
            (configuration.username, configuration.password) = try credentials(userInfo)
        }
        if let path, !path.isEmpty {
            guard let database = Int(path), database >= 0 else {
                throw .invalidURL("database must be a non-negative integer after the '/', got '\(path)' (in \(redact(url)))")
            }
            configuration.database = database
        }
        return configuration
    }

    private static func hostAndPort(_ authority: Substring, url: String) throws(RedisError) -> (String, Int) {
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidURL("IPv6 address is missing its closing ']' (in \(redact(url)))")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw .invalidURL("unexpected '\(after)' after the IPv6 address (in \(redact(url)))")
                }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else {
            throw .invalidURL("missing host (in \(redact(url)))")
        }
        guard !host.contains(where: { $0 == " " || $0 == "[" || $0 == "]" }) else {
            throw .invalidURL("host '\(host)' contains invalid characters (in \(redact(url)))")
        }
        var port = 6379
        if let portText {
            guard let value = Int(portText), portText.allSatisfy(\.isASCIIDigit), (1...65535).contains(value) else {
                throw .invalidURL("port must be a number from 1 to 65535, got '\(portText)' (in \(redact(url)))")
            }
            port = value
        }
        return (String(host), port)
    }

    private static func credentials(_ userInfo: Substring) throws(RedisError) -> (String?, String?) {
        var user: Substring = userInfo
        var password: Substring?
        if let colon = userInfo.firstIndex(of: ":") {
            user = userInfo[..<colon]
            password = userInfo[userInfo.index(after: colon)...]
        }
        let username = try user.isEmpty ? nil : percentDecode(user, what: "user name")
        let decodedPassword = try password.map { (text: Substring) throws(RedisError) -> String in
            try percentDecode(text, what: "password")
        }
        return (username, decodedPassword.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Decodes `%XX` escapes; a malformed escape is an error (the text itself is never shown: it may be a password).
    static func percentDecode(_ text: Substring, what: String) throws(RedisError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .invalidURL("the \(what) has a malformed percent escape (expected %XX with two hex digits)")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .invalidURL("the \(what) is not valid UTF-8 after percent-decoding")
        }
        return decoded
    }

    /// Percent-encodes everything but unreserved characters (for ``RedisConfiguration/redactedURL``).
    static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The URL with any password replaced by `***`, for error messages.
    static func redact(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        let afterScheme = url[scheme.upperBound...]
        guard let at = afterScheme.lastIndex(of: "@") else { return url }
        let userInfo = afterScheme[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
