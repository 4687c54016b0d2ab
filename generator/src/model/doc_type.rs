//! The doc's type column (`csapi:UUID`, `xsd:dateTime`, ...) as a field type.

use super::endpoint::FieldType;

/// Maps a doc type to a field type, and says whether it names a container
/// (`xsd:dict`, `csapi:ServerForCreate`) whose shape must come from elsewhere.
///
/// Unknown names become [`FieldType::Json`]: a wrong guess would make a real reply
/// fail to decode, an untyped value never does.
pub fn scalar_from_doc_type(doc_type: &str) -> FieldType {
    let bare = doc_type
        .rsplit(':')
        .next()
        .unwrap_or(doc_type)
        .trim()
        .to_ascii_lowercase();
    match bare.as_str() {
        "string" | "uuid" | "anyuri" | "uri" | "hostname" | "ip" | "ipv4" | "ipv6" => {
            FieldType::String
        }
        "int" | "integer" | "long" | "short" | "unsignedint" | "unsignedlong" => FieldType::Integer,
        "float" | "double" | "decimal" => FieldType::Number,
        "boolean" | "bool" => FieldType::Boolean,
        "datetime" | "date" | "time" => FieldType::Timestamp,
        "dict" | "object" => FieldType::Map(Box::new(FieldType::Json)),
        "list" | "array" => FieldType::Array(Box::new(FieldType::Json)),
        _ => FieldType::Json,
    }
}

/// A format hint taken from the doc type (`csapi:UUID` -> `uuid`).
pub fn format_from_doc_type(doc_type: &str) -> Option<String> {
    let bare = doc_type.rsplit(':').next()?.trim().to_ascii_lowercase();
    match bare.as_str() {
        "uuid" => Some("uuid".into()),
        "datetime" => Some("date-time".into()),
        "anyuri" | "uri" => Some("uri".into()),
        _ => None,
    }
}

/// Whether a parameter's description says it holds a date and time
/// (`... in ISO 8601 format`, `The date and time when ...`): os-api-ref
/// references type timestamps as `string` and say so only in prose.
pub fn describes_timestamp(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    [
        "iso 8601",
        "iso8601",
        "date and time",
        "date/time",
        "timestamp",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether `text` is shaped like a timestamp: `YYYY-MM-DD` then `T` or a
/// space and `HH:MM` (what the runtime's `Timestamp` parses; it keeps any
/// string, so a look is enough).
pub fn looks_like_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        range
            .clone()
            .all(|i| b.get(i).is_some_and(u8::is_ascii_digit))
    };
    b.len() >= 16
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (b[10] == b'T' || b[10] == b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_corpus_types() {
        assert_eq!(scalar_from_doc_type("csapi:UUID"), FieldType::String);
        assert_eq!(scalar_from_doc_type("xsd:int"), FieldType::Integer);
        assert_eq!(scalar_from_doc_type("xsd:boolean"), FieldType::Boolean);
        assert_eq!(scalar_from_doc_type("xsd:dateTime"), FieldType::Timestamp);
        assert_eq!(
            scalar_from_doc_type("xsd:dict"),
            FieldType::Map(Box::new(FieldType::Json))
        );
        assert_eq!(
            scalar_from_doc_type("csapi:ServerForCreate"),
            FieldType::Json
        );
        assert_eq!(scalar_from_doc_type(""), FieldType::Json);
        assert_eq!(format_from_doc_type("csapi:UUID").as_deref(), Some("uuid"));
    }
}
