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
