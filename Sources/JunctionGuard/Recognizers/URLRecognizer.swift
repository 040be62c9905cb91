/// `URL` (a scheme such as `https://`, or a `www.` host, with its path) and `DOMAIN_NAME` (a bare host
/// name such as `example.co.uk` whose top-level domain is a real one).
///
/// The domain of an email address is never reported (Presidio reports it as a URL in every email): a host
/// preceded by `@` or followed by `@` is skipped, and emails are found first by ``EmailRecognizer``.
public struct URLRecognizer: PIIRecognizer {
    /// Creates the recognizer.
    public init() {}

    /// `url`.
    public var name: String { "url" }
    /// Words that make a link more likely.
    public var contextWords: [String] { ["url", "website", "site", "link", "domain", "web", "visit", "http"] }

    /// The URLs and bare domains in a text.
    public func findings(in text: ScalarText) -> [PIIFinding] {
        var findings: [PIIFinding] = []
        var index = 0
        while index < text.count {
            guard text.isASCIIAlphanumeric(index), !text.isWordCharacter(index - 1), text[index - 1] != 0x2E,
                text[index - 1] != 0x40, text[index - 1] != 0x2F
            else {
                index += 1
                continue
            }
            if let span = url(at: index, in: text) {
                findings.append(PIIFinding(type: .url, span: span, score: 0.9, detector: name))
                index = span.upperBound
            } else if let end = DomainName.end(from: index, in: text), text[end] != 0x40,
                !(text[end] == 0x2E && text.isWordCharacter(end + 1)), hasKnownTopLevel(before: end, in: text)
            {
                findings.append(PIIFinding(type: .domainName, span: index..<end, score: 0.6, detector: name))
                index = end
            } else {
                while text.isWordCharacter(index) {
                    index += 1
                }
                index += 1
            }
        }
        return findings
    }

    private func url(at start: Int, in text: ScalarText) -> Range<Int>? {
        var hostStart: Int
        if let scheme = ["https://", "http://", "ftp://", "ftps://", "wss://", "ws://"].first(where: {
            text.matches($0, at: start, caseInsensitive: true)
        }) {
            hostStart = start + scheme.utf8.count
            if let at = userInfoEnd(from: hostStart, in: text) {
                hostStart = at
            }
        } else if text.matches("www.", at: start, caseInsensitive: true) {
            hostStart = start
        } else {
            return nil
        }
        var end: Int
        if let hostEnd = DomainName.end(from: hostStart, in: text) {
            end = hostEnd
        } else if let ipEnd = IPAddressRecognizer.ipv4End(from: hostStart, in: text) {
            end = ipEnd
        } else if text.matches("localhost", at: hostStart, caseInsensitive: true) {
            end = hostStart + 9
        } else {
            return nil
        }
        while end < text.count && !text.isSpaceOrEdge(end) && !Self.endsURL(text[end]) {
            end += 1
        }
        while end > hostStart && Self.isTrailingPunctuation(text[end - 1]) {
            end -= 1
        }
        return start..<end
    }

    /// `user:password@` after a scheme: where the host starts.
    private func userInfoEnd(from start: Int, in text: ScalarText) -> Int? {
        var index = start
        while index < text.count && index - start < 128 && !text.isSpaceOrEdge(index) {
            if text[index] == 0x40 {
                return index + 1
            }
            if text[index] == 0x2F {
                return nil
            }
            index += 1
        }
        return nil
    }

    private func hasKnownTopLevel(before end: Int, in text: ScalarText) -> Bool {
        var start = end
        while start > 0 && text.isASCIILetter(start - 1) {
            start -= 1
        }
        return Self.topLevelDomains.contains(text.string(start..<end).lowercased())
    }

    private static func endsURL(_ value: UInt32) -> Bool {
        value == 0x22 || value == 0x3C || value == 0x3E || value == 0x60 || value == 0x7B || value == 0x7D
            || value == 0x7C || value == 0x5C || value == 0x5E
    }

    private static func isTrailingPunctuation(_ value: UInt32) -> Bool {
        value == 0x2E || value == 0x2C || value == 0x3B || value == 0x3A || value == 0x21 || value == 0x3F
            || value == 0x29 || value == 0x5D || value == 0x27
    }

    /// Top-level domains a bare host may end in: the generic ones and country codes, less those that are
    /// common file extensions (`md`, `py`, `sh`, `rs`, `pl`, `js`...), which would flag file names.
    static let topLevelDomains: Set<String> = {
        let generic = "com net org edu gov mil int info biz name pro io ai app dev tech online site store shop blog cloud xyz top club design news media agency email"
        let countries = "ac ad ae af ag al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gt gu gw gy hk hn hr ht hu id ie il im in iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pn pr ps pt pw qa re ro ru rw sa sb sc sd se sg si sk sl sm sn sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw"
        return Set((generic + " " + countries).split(separator: " ").map(String.init))
    }()
}
