//! Applying an overlay's field corrections to a body built from the doc.

use crate::diagnostic::Diagnostic;
use crate::overlay::FieldOverlay;

use super::{Field, FieldType, Object};

/// Where an overlay entry came from, to point diagnostics at it.
pub struct OverlaySource<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl OverlaySource<'_> {
    /// The line that names `key` (the quoted path), else line 1.
    fn line_of(&self, key: &str) -> usize {
        let quoted = format!("\"{key}\"");
        self.text
            .lines()
            .position(|l| l.contains(&quoted))
            .map_or(1, |i| i + 1)
    }

    fn error(&self, key: &str, message: String) -> Diagnostic {
        Diagnostic::error(self.file, self.line_of(key), 1, message)
    }
}

/// Applies `(path, correction)` pairs in order. Parents must come before children.
pub fn apply_fields(
    root: &mut Object,
    fields: &[(String, FieldOverlay)],
    source: &OverlaySource<'_>,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (path, correction) in fields {
        if let Err(message) = apply_one(root, path, correction) {
            errors.push(source.error(path, format!("overlay field `{path}`: {message}")));
        }
    }
    errors
}

fn apply_one(root: &mut Object, path: &str, fix: &FieldOverlay) -> Result<(), String> {
    let segments: Vec<&str> = path.split('/').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err("empty path segment (paths look like `server/name`)".into());
    }
    let (last, parents) = segments.split_last().ok_or("empty path")?;
    let mut object = root;
    for (depth, parent) in parents.iter().enumerate() {
        let field = object.field_mut(parent).ok_or_else(|| {
            format!(
                "no field `{}` to put it in (add the parent first)",
                parents[..=depth].join("/")
            )
        })?;
        object = field
            .ty
            .inner_object_mut()
            .ok_or_else(|| format!("`{}` holds no object (give it type \"object\", \"array<object>\" or \"map<object>\")", parents[..=depth].join("/")))?;
    }
    if fix.remove {
        let before = object.fields.len();
        object.fields.retain(|f| f.json_name != *last);
        return if object.fields.len() < before {
            Ok(())
        } else {
            Err("`remove` names a field that does not exist".into())
        };
    }
    let new_type = fix.ty.as_deref().map(parse_type).transpose()?;
    if object.field(last).is_none() {
        let ty = new_type.clone().ok_or("a new field needs a `type`")?;
        object.fields.push(Field::new(*last, ty));
    }
    let field = object.field_mut(last).ok_or("field vanished")?;
    if let Some(mut ty) = new_type {
        // Keep children the doc or the examples gave when only the container kind changes.
        if let (Some(new_inner), Some(old_inner)) = (ty.inner_object_mut(), field.ty.inner_object())
            && new_inner.fields.is_empty()
        {
            *new_inner = old_inner.clone();
        }
        field.ty = ty;
    }
    if let Some(values) = &fix.values {
        if !matches!(field.ty, FieldType::String | FieldType::Enum(_)) {
            return Err("`enum` needs a string field".into());
        }
        field.ty = FieldType::Enum(values.clone());
    }
    if let Some(required) = fix.required {
        field.required = required;
    }
    if let Some(nullable) = fix.nullable {
        field.nullable = nullable;
    }
    if let Some(format) = &fix.format {
        field.format = Some(format.clone());
    }
    if let Some(since) = &fix.since {
        super::build::parse_microversion(since)?;
        field.since = Some(since.clone());
    }
    if let Some(until) = &fix.until {
        super::build::parse_microversion(until)?;
        field.until = Some(until.clone());
    }
    if let Some(description) = &fix.description {
        field.description = description.clone();
    }
    if let Some(name) = &fix.rust_name {
        field.rust_name = Some(name.clone());
    }
    Ok(())
}

/// `string`, `integer`, `number`, `boolean`, `timestamp`, `object`, `json`,
/// `array<T>`, `map<T>`, `or_empty<T>`.
pub fn parse_type(text: &str) -> Result<FieldType, String> {
    let t = text.trim();
    let inner = |prefix: &str| {
        t.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('>'))
            .map(parse_type)
    };
    if let Some(item) = inner("array<") {
        return Ok(FieldType::Array(Box::new(item?)));
    }
    if let Some(value) = inner("map<") {
        return Ok(FieldType::Map(Box::new(value?)));
    }
    if let Some(value) = inner("or_empty<") {
        return Ok(FieldType::OrEmptyString(Box::new(value?)));
    }
    Ok(match t {
        "string" => FieldType::String,
        "integer" => FieldType::Integer,
        "number" => FieldType::Number,
        "boolean" => FieldType::Boolean,
        "timestamp" => FieldType::Timestamp,
        "object" => FieldType::Object(Object::default()),
        "json" => FieldType::Json,
        other => {
            return Err(format!(
                "unknown type `{other}` (expected string, integer, number, boolean, timestamp, object, json, array<T>, map<T> or or_empty<T>)"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(ty: Option<&str>) -> FieldOverlay {
        FieldOverlay {
            ty: ty.map(str::to_string),
            ..FieldOverlay::default()
        }
    }

    const SRC: OverlaySource<'static> = OverlaySource {
        file: "o.toml",
        text: "[request.fields.\"server/x\"]\ntype = \"strin\"\n",
    };

    #[test]
    fn builds_nesting_from_paths() {
        let mut root = Object::default();
        let errors = apply_fields(
            &mut root,
            &[
                ("server".into(), fix(Some("object"))),
                ("server/name".into(), fix(Some("string"))),
                ("server/links".into(), fix(Some("array<object>"))),
                ("server/links/href".into(), fix(Some("string"))),
            ],
            &SRC,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let server = root.field("server").unwrap().ty.inner_object().unwrap();
        assert_eq!(server.field("name").unwrap().ty, FieldType::String);
        let link = server.field("links").unwrap().ty.inner_object().unwrap();
        assert_eq!(link.fields[0].json_name, "href");
    }

    #[test]
    fn errors_name_the_path_and_line() {
        let mut root = Object::default();
        let errors = apply_fields(&mut root, &[("server/x".into(), fix(Some("strin")))], &SRC);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
        assert!(
            errors[0].message.contains("no field `server`"),
            "{}",
            errors[0].message
        );
        assert!(
            parse_type("strin")
                .unwrap_err()
                .contains("unknown type `strin`")
        );
        assert_eq!(
            parse_type("map<array<object>>").unwrap(),
            FieldType::Map(Box::new(FieldType::Array(Box::new(FieldType::Object(
                Object::default()
            )))))
        );
    }

    #[test]
    fn remove_and_enum() {
        let mut root = Object {
            fields: vec![
                Field::new("a", FieldType::String),
                Field::new("b", FieldType::String),
            ],
        };
        let mut e = fix(None);
        e.values = Some(vec!["AUTO".into(), "MANUAL".into()]);
        let mut r = fix(None);
        r.remove = true;
        let errors = apply_fields(&mut root, &[("a".into(), e), ("b".into(), r)], &SRC);
        assert!(errors.is_empty());
        assert_eq!(root.fields.len(), 1);
        assert_eq!(
            root.fields[0].ty,
            FieldType::Enum(vec!["AUTO".into(), "MANUAL".into()])
        );
    }
}
