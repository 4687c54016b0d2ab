//! Applying overlays to the model: a grid-table doc's overlay to its endpoint,
//! a reference overlay's entries to the endpoints they name. One applier serves
//! both, since both hold the same corrections ([`Overlay`]).

use crate::diagnostic::{Ctxt, FileCtxt};
use crate::overlay::{BodyOverlay, FieldOverlay, Overlay, TypeExpr, overlay_reporter};
use crate::reference_overlay::ReferenceOverlay;

use super::endpoint::{Body, Endpoint, Field, FieldType, Object, Status, Top};

/// Applies a reference overlay to the endpoints of its reference (after naming):
/// its settings to all, each entry to the endpoints it names (`*`: every one).
/// Errors point into the overlay, at the operation's table or the field's path.
pub fn apply_reference_overlay(cx: &Ctxt, endpoints: &mut [Endpoint], overlay: &ReferenceOverlay) {
    let out = overlay_reporter(cx, &overlay.file);
    let settings = &overlay.settings;
    if let Some(prefix) = &settings.path_prefix {
        for e in endpoints.iter_mut() {
            e.path = format!("{prefix}{}", e.path);
        }
    }
    if let Some(service) = &settings.service {
        for e in endpoints.iter_mut() {
            e.service = service.clone();
        }
    }
    for named in &overlay.operations {
        let (name, at, fix) = (&named.name, named.at, &named.overlay);
        let targets: Vec<usize> = endpoints
            .iter()
            .enumerate()
            .filter(|(_, e)| name == "*" || e.name == *name)
            .map(|(i, _)| i)
            .collect();
        if targets.is_empty() {
            out.error(
                at.line,
                at.column,
                format!("no operation named `{name}` in the reference"),
            );
            continue;
        }
        for i in targets {
            apply_overlay(cx, &overlay.file, &mut endpoints[i], fix);
        }
        if let Some(new_name) = &fix.operation.name
            && endpoints.iter().filter(|e| e.name == *new_name).count() > 1
        {
            out.error(
                at.line,
                at.column,
                format!("`name = \"{new_name}\"` is already the name of another operation"),
            );
        }
    }
}

/// Applies one overlay's corrections to one endpoint; `file` is the overlay as
/// messages name it.
pub fn apply_overlay(cx: &Ctxt, file: &str, e: &mut Endpoint, fix: &Overlay) {
    e.overlay_file = Some(file.to_string());
    let mut query = e.query.take().unwrap_or_default();
    apply_body(cx, file, &mut query, &fix.query);
    e.query = (!query.fields.is_empty()).then_some(query);
    for (body, with) in [
        (&mut e.request, &fix.request),
        (&mut e.response, &fix.response),
    ] {
        let (mut object, top, fixed) = body
            .take()
            .map_or((Object::default(), Top::Object, None), |b| {
                (b.object, b.top, b.fixed)
            });
        let before = object.clone();
        apply_body(cx, file, &mut object, with);
        // An array body's items are the object the corrections describe; so are
        // a dictionary's values when they are objects.
        let (object, top) = match &with.map {
            _ if with.array => (
                Object::default(),
                Top::Array(FieldType::Object(std::mem::take(&mut object))),
            ),
            Some(TypeExpr::Object) => (
                Object::default(),
                Top::Map(FieldType::Object(std::mem::take(&mut object))),
            ),
            Some(value) => (Object::default(), Top::Map(field_type(value))),
            None => (object, top),
        };
        // A body the overlay changes is no longer the fixed one the samples show.
        let fixed = fixed.filter(|_| object == before);
        *body = (!object.fields.is_empty() || top != Top::Object).then_some(Body {
            object,
            top,
            fixed,
        });
    }
    let ops = &fix.operation;
    if ops.min_microversion.is_some() {
        e.min_microversion = ops.min_microversion;
    }
    if ops.max_microversion.is_some() {
        e.max_microversion = ops.max_microversion;
    }
    if let Some(service) = &ops.service {
        e.service = service.clone();
    }
    for &code in &ops.add_status {
        if !e.statuses.iter().any(|s| s.code == code) {
            e.statuses.push(Status {
                code,
                name: String::new(),
            });
        }
    }
    if let Some(content_type) = &ops.content_type {
        e.request_content_type = Some(content_type.clone());
    }
    if let Some(content_type) = &ops.response_content_type {
        e.response_content_type = Some(content_type.clone());
    }
    if let Some(new_name) = &ops.name {
        e.name = new_name.clone();
    }
}

fn apply_body(cx: &Ctxt, file: &str, object: &mut Object, fix: &BodyOverlay) {
    if fix.replace {
        object.fields.clear();
    }
    apply_fields(overlay_reporter(cx, file), object, &fix.fields);
}

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
