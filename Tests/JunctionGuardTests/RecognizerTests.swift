import JunctionGuard
import Testing

/// The structured recognizers, each on valid and invalid inputs.
@Suite("Structured PII recognizers")
struct RecognizerTests {
    /// The texts of `type` that the full set finds (minimum score 0.5) in `text`.
    private func found(_ type: EntityType, in text: String, minimumScore: Double = 0.5) -> [String] {
        let scalars = ScalarText(text)
        return RecognizerSet().findings(in: scalars, minimumScore: minimumScore)
            .filter { $0.type == type }.map { scalars.string($0.span) }
    }

    @Test("credit cards: Luhn, 12 to 19 digits, separators and issuer prefixes")
    func creditCards() {
        #expect(found(.creditCard, in: "card 4111 1111 1111 1111 please") == ["4111 1111 1111 1111"])
        #expect(found(.creditCard, in: "pay with 4111-1111-1111-1111.") == ["4111-1111-1111-1111"])
        #expect(found(.creditCard, in: "Amex 378282246310005") == ["378282246310005"])
        #expect(found(.creditCard, in: "Maestro 630427373398 (12 digits)") == ["630427373398"])
        #expect(found(.creditCard, in: "Visa 19: 4111111111111111110") == ["4111111111111111110"])
        #expect(found(.creditCard, in: "JCB 180016070420458") == ["180016070420458"])
        #expect(found(.creditCard, in: "bad Luhn 4111 1111 1111 1112").isEmpty)
        #expect(found(.creditCard, in: "too short 4111 1111 111").isEmpty)
        #expect(found(.creditCard, in: "no issuer 9111111111111111").isEmpty)
        #expect(found(.creditCard, in: "mixed 4111-1111 1111-1111").isEmpty)
    }

    @Test("IBANs: mod-97 and each country's length, either case, printed groups")
    func ibans() {
        #expect(found(.ibanCode, in: "IBAN DE89 3704 0044 0532 0130 00 thanks") == ["DE89 3704 0044 0532 0130 00"])
        #expect(found(.ibanCode, in: "to GB82WEST12345698765432.") == ["GB82WEST12345698765432"])
        #expect(found(.ibanCode, in: "lower gb82west12345698765432") == ["gb82west12345698765432"])
        #expect(found(.ibanCode, in: "bad check GB83WEST12345698765432").isEmpty)
        #expect(found(.ibanCode, in: "short DE89370400440532013").isEmpty)
    }

    @Test("US SSNs: invalid areas, groups and serials rejected; bare digits need context")
    func ssns() {
        #expect(found(.usSSN, in: "My SSN is 460-89-9847") == ["460-89-9847"])
        #expect(found(.usSSN, in: "ssn 078-05-1120").isEmpty)
        #expect(found(.usSSN, in: "id 000-12-3456").isEmpty)
        #expect(found(.usSSN, in: "id 666-12-3456").isEmpty)
        #expect(found(.usSSN, in: "id 912-12-3456").isEmpty)
        #expect(found(.usSSN, in: "id 123-00-3456").isEmpty)
        #expect(found(.usSSN, in: "id 123-45-0000").isEmpty)
        #expect(found(.usSSN, in: "order 460899847 shipped").isEmpty)
        #expect(found(.usSSN, in: "social security number 460899847") == ["460899847"])
    }

    @Test("emails, and URLs and domains that are never an email's domain")
    func emailsAndURLs() {
        let text = "Write to jürgen.o'neil+tag@example.co.uk or see https://www.example.com/path?q=1."
        #expect(found(.emailAddress, in: text) == ["jürgen.o'neil+tag@example.co.uk"])
        #expect(found(.url, in: text) == ["https://www.example.com/path?q=1"])
        #expect(found(.domainName, in: text).isEmpty)
        #expect(found(.domainName, in: "hosted on junction.io now") == ["junction.io"])
        #expect(found(.domainName, in: "open README.md and main.py").isEmpty)
        #expect(found(.emailAddress, in: "not an email: a@b, x@y.z1, me@.com").isEmpty)
        #expect(found(.url, in: "(see http://10.0.0.1:8080/admin)") == ["http://10.0.0.1:8080/admin"])
    }

    @Test("IP addresses v4 and v6, not versions, times or longer dotted runs")
    func ipAddresses() {
        #expect(found(.ipAddress, in: "server 192.168.0.1 is up") == ["192.168.0.1"])
        #expect(found(.ipAddress, in: "v6 2001:db8::8a2e:370:7334 ok") == ["2001:db8::8a2e:370:7334"])
        #expect(found(.ipAddress, in: "full 6e40:4041:c617:e898:c11:40d2:c669:2eb4") == ["6e40:4041:c617:e898:c11:40d2:c669:2eb4"])
        #expect(found(.ipAddress, in: "bad 256.1.1.1 and 1.2.3.4.5 and 12:30:45").isEmpty)
    }

    @Test("phone numbers: international and national formats, plausible lengths, not dates")
    func phoneNumbers() {
        #expect(found(.phoneNumber, in: "call +44 20 7946 0958 now") == ["+44 20 7946 0958"])
        #expect(found(.phoneNumber, in: "US (415) 555-2671 office") == ["(415) 555-2671"])
        #expect(found(.phoneNumber, in: "FR 01 42 68 53 00") == ["01 42 68 53 00"])
        #expect(found(.phoneNumber, in: "DE +49 30 901820") == ["+49 30 901820"])
        #expect(found(.phoneNumber, in: "IN +91 98765 43210") == ["+91 98765 43210"])
        #expect(found(.phoneNumber, in: "BR (11) 91234-5678") == ["(11) 91234-5678"])
        #expect(found(.phoneNumber, in: "+46 (0)8 928 571 38") == ["+46 (0)8 928 571 38"])
        #expect(found(.phoneNumber, in: "too long +44 20 7946 0958 1234").isEmpty)
        #expect(found(.phoneNumber, in: "on 2000-04-16 we met").isEmpty)
        #expect(found(.phoneNumber, in: "phone: 60-56-85-91") == ["60-56-85-91"])
        #expect(found(.phoneNumber, in: "ref 60-56-85-91").isEmpty)
    }

    @Test("crypto wallets: base58check, bech32 and Ethereum; a broken checksum is not a wallet")
    func wallets() {
        #expect(found(.crypto, in: "btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa") == ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"])
        #expect(found(.crypto, in: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq") == ["bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"])
        #expect(found(.crypto, in: "eth 0x52908400098527886E0F7030069857D2E4169EE7") == ["0x52908400098527886E0F7030069857D2E4169EE7"])
        #expect(found(.crypto, in: "btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb").isEmpty)
        #expect(found(.crypto, in: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx").isEmpty)
    }

    @Test("secrets: provider keys, PEM blocks, JWTs and bearer tokens; look-alikes are not")
    func secrets() {
        let key = "sk-proj-" + String(repeating: "a1B2", count: 10)
        #expect(found(.secrets, in: "export OPENAI_API_KEY=\(key)") == [key])
        #expect(found(.secrets, in: "aws AKIAIOSFODNN7EXAMPLE here") == ["AKIAIOSFODNN7EXAMPLE"])
        let github = "ghp_" + String(repeating: "x", count: 36)
        #expect(found(.secrets, in: "token \(github)") == [github])
        #expect(found(.secrets, in: "slack xoxb-1234567890-abcdefghij") == ["xoxb-1234567890-abcdefghij"])
        #expect(found(.secrets, in: "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc") == ["sk_live_4eC39HqLyjWDarjtT1zdp7dc"])
        let google = "AIza" + String(repeating: "B", count: 35)
        #expect(found(.secrets, in: "key=\(google)") == [google])
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"
        #expect(found(.secrets, in: "here:\n\(pem)\nthanks") == [pem])
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
        #expect(found(.secrets, in: "jwt \(jwt)") == [jwt])
        #expect(found(.secrets, in: "Authorization: Bearer abcdef0123456789abcdef") == ["abcdef0123456789abcdef"])
        #expect(found(.secrets, in: "sk-short and the task-oriented skill").isEmpty)
        #expect(found(.secrets, in: "eyJnotajwt.eyJabc.def").isEmpty)
    }

    @Test("context words raise a weak match above the threshold (ZIP codes, driver's licenses)")
    func context() {
        #expect(found(.zipCode, in: "my zip code is 35350") == ["35350"])
        #expect(found(.zipCode, in: "we sold 35350 units").isEmpty)
        #expect(found(.usDriverLicense, in: "My driver's license number is F162823540116") == ["F162823540116"])
        #expect(found(.usDriverLicense, in: "order F162823540116 shipped").isEmpty)
    }

    @Test("spans count Unicode scalars in text with accents, CJK and emoji")
    func unicodeSpans() {
        let text = "Zoë 😀 北京: 4111 1111 1111 1111 et é\u{301}cris à zoë@exämple.de"
        let findings = RecognizerSet().findings(in: ScalarText(text), minimumScore: 0.5)
        let scalars = Array(text.unicodeScalars)
        let slices = findings.map { String(String.UnicodeScalarView(scalars[$0.span])) }
        #expect(slices == ["4111 1111 1111 1111", "zoë@exämple.de"])
        #expect(findings.first?.start == 10)
    }
}
