/// A kind of personal or secret data, by Microsoft Presidio's entity name (`PERSON`, `EMAIL_ADDRESS`, ...).
///
/// Open like Presidio's: any name decodes, the ones Junction detects are listed as constants. `GPE`
/// (countries, cities, states) is what the training data and Presidio's research sets call Presidio's
/// `LOCATION`; `SECRETS` (API keys, private keys, tokens) has no Presidio equivalent.
public struct EntityType: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The entity's name, such as `CREDIT_CARD`.
    public let rawValue: String

    /// Creates an entity type from its name.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates an entity type from its name.
    public init(_ name: String) {
        self.rawValue = name
    }

    /// Orders by name.
    public static func < (lhs: EntityType, rhs: EntityType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The entity's name.
    public var description: String { rawValue }

    /// An email address.
    public static let emailAddress = EntityType("EMAIL_ADDRESS")
    /// A telephone number, international or national (US/CA, UK, DE, FR, IN, BR).
    public static let phoneNumber = EntityType("PHONE_NUMBER")
    /// A payment card number (Luhn-valid, 12 to 19 digits, a known issuer).
    public static let creditCard = EntityType("CREDIT_CARD")
    /// An International Bank Account Number (mod-97, the country's length).
    public static let ibanCode = EntityType("IBAN_CODE")
    /// A US Social Security Number.
    public static let usSSN = EntityType("US_SSN")
    /// An IPv4 or IPv6 address.
    public static let ipAddress = EntityType("IP_ADDRESS")
    /// A URL with a scheme or a `www.` host.
    public static let url = EntityType("URL")
    /// A bare domain name (never the domain of an email address).
    public static let domainName = EntityType("DOMAIN_NAME")
    /// A cryptocurrency wallet address (Bitcoin, Ethereum).
    public static let crypto = EntityType("CRYPTO")
    /// An API key, private key block, JWT or bearer token.
    public static let secrets = EntityType("SECRETS")
    /// A postal code (found with context words such as "zip").
    public static let zipCode = EntityType("ZIP_CODE")
    /// A US driver's license number (found with context words).
    public static let usDriverLicense = EntityType("US_DRIVER_LICENSE")
    /// A person's name.
    public static let person = EntityType("PERSON")
    /// A country, city or state (Presidio's `LOCATION`).
    public static let gpe = EntityType("GPE")
    /// A street address.
    public static let streetAddress = EntityType("STREET_ADDRESS")
    /// A company or institution.
    public static let organization = EntityType("ORGANIZATION")
    /// A person's age.
    public static let age = EntityType("AGE")
    /// A nationality, religious or political group.
    public static let nrp = EntityType("NRP")
    /// A title or profession (`Dr.`, `Mrs.`, `Packager`).
    public static let title = EntityType("TITLE")
    /// A date or time.
    public static let dateTime = EntityType("DATE_TIME")

    /// Every type the guard reports: the structured recognizers' and the token head's.
    public static let detected: [EntityType] = [
        .emailAddress, .phoneNumber, .creditCard, .ibanCode, .usSSN, .ipAddress, .url, .domainName, .crypto, .secrets,
        .zipCode, .usDriverLicense, .person, .gpe, .streetAddress, .organization, .age, .nrp, .title, .dateTime,
    ]

    /// The 17 types of the guard's training data (`pii_train.jsonl`), which `junction guard eval` scores.
    public static let evaluated: [EntityType] = [
        .person, .streetAddress, .gpe, .organization, .creditCard, .dateTime, .title, .phoneNumber, .age, .nrp,
        .emailAddress, .zipCode, .domainName, .ibanCode, .usSSN, .ipAddress, .usDriverLicense,
    ]

    /// The same type under the name the training data uses: a `URL` counts as a `DOMAIN_NAME` (the data
    /// labels whole URLs so), Presidio's `LOCATION` as `GPE`.
    public var evaluationName: EntityType {
        switch self {
        case .url: .domainName
        case EntityType("LOCATION"): .gpe
        default: self
        }
    }
}
