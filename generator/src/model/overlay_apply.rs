//! Applying an overlay's field corrections to a body built from the doc.

use crate::diagnostic::FileCtxt;
use crate::overlay::{FieldOverlay, TypeExpr};

use super::endpoint::{Field, FieldType, Object};

/// Applies the corrections in order (parents must come before children); each one
/// that cannot be applied is reported to `overlay` at its path's line and column.
pub fn apply_fields(overlay: FileCtxt<'_>, root: &mut Object, fields: &[FieldOverlay]) {
    for fix in fields {
        if let Err(message) = apply_one(root, fix) {
            overlay.error(
                fix.at.line,
                fix.at.column,
                format!("overlay field `{}`: {message}", fix.path),
            );
        }
    }
}

fn apply_one(root: &mut Object, fix: &FieldOverlay) -> Result<(), String> {
    // The overlay reader refused empty segments.
    let segments: Vec<&str> = fix.path.split('/').collect();
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
    let new_type = fix.ty.as_ref().map(field_type);
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
    if let Some(values) = &fix.or_values {
        let value = match std::mem::replace(&mut field.ty, FieldType::Json) {
            FieldType::OneOf(value, _) => *value,
            other => other,
        };
        if matches!(
            value,
            FieldType::String | FieldType::Enum(_) | FieldType::Json
        ) {
            field.ty = value;
            return Err(
                "`or_enum` needs a type the strings are an alternative to (like \"array<object>\"); for a string, use `enum`"
                    .into(),
            );
        }
        field.ty = FieldType::OneOf(Box::new(value), values.clone());
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
    if let Some(since) = fix.since {
        field.since = Some(since);
    }
    if let Some(until) = fix.until {
        field.until = Some(until);
    }
    if let Some(description) = &fix.description {
        field.description = description.clone();
    }
    if let Some(name) = &fix.rust_name {
        field.rust_name = Some(name.clone());
    }
    Ok(())
}

/// The model's type for an overlay's type.
pub fn field_type(ty: &TypeExpr) -> FieldType {
    match ty {
        TypeExpr::String => FieldType::String,
        TypeExpr::Integer => FieldType::Integer,
        TypeExpr::Number => FieldType::Number,
        TypeExpr::Boolean => FieldType::Boolean,
        TypeExpr::Timestamp => FieldType::Timestamp,
        TypeExpr::Object => FieldType::Object(Object::default()),
        TypeExpr::Json => FieldType::Json,
        TypeExpr::Array(item) => FieldType::Array(Box::new(field_type(item))),
        TypeExpr::Map(value) => FieldType::Map(Box::new(field_type(value))),
        TypeExpr::OrEmpty(value) => FieldType::OrEmptyString(Box::new(field_type(value))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind};
    use crate::overlay::Position;

    fn fix(path: &str, line: usize, ty: Option<TypeExpr>) -> FieldOverlay {
        FieldOverlay {
            path: path.to_string(),
            at: Position { line, column: 17 },
            ty,
            ..FieldOverlay::default()
        }
    }

    fn apply(root: &mut Object, fields: &[FieldOverlay]) -> Vec<Diagnostic> {
        let cx = Ctxt::new();
        let out = cx.file(
            "o.toml",
            DiagnosticKind::OverlayError,
            DiagnosticKind::OverlayError,
        );
        apply_fields(out, root, fields);
        cx.into_diagnostics()
    }

    #[test]
    fn builds_nesting_from_paths() {
        let mut root = Object::default();
        let errors = apply(
            &mut root,
            &[
                fix("server", 1, Some(TypeExpr::Object)),
                fix("server/name", 2, Some(TypeExpr::String)),
                fix(
                    "server/links",
                    3,
                    Some(TypeExpr::Array(Box::new(TypeExpr::Object))),
                ),
                fix("server/links/href", 4, Some(TypeExpr::String)),
            ],
        );
        assert!(errors.is_empty(), "{errors:?}");
        let server = root.field("server").unwrap().ty.inner_object().unwrap();
        assert_eq!(server.field("name").unwrap().ty, FieldType::String);
        let link = server.field("links").unwrap().ty.inner_object().unwrap();
        assert_eq!(link.fields[0].json_name, "href");
    }

    #[test]
    fn errors_name_the_path_at_its_key() {
        let mut root = Object::default();
        let errors = apply(&mut root, &[fix("server/x", 7, Some(TypeExpr::String))]);
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (7, 17));
        assert_eq!(errors[0].kind, DiagnosticKind::OverlayError);
        assert!(
            errors[0].message.contains("no field `server`"),
            "{}",
            errors[0].message
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
        let mut e = fix("a", 1, None);
        e.values = Some(vec!["AUTO".into(), "MANUAL".into()]);
        let mut r = fix("b", 2, None);
        r.remove = true;
        let errors = apply(&mut root, &[e, r]);
        assert!(errors.is_empty());
        assert_eq!(root.fields.len(), 1);
        assert_eq!(
            root.fields[0].ty,
            FieldType::Enum(vec!["AUTO".into(), "MANUAL".into()])
        );
    }
}
