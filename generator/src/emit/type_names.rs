//! The names of one endpoint module's types: proposed from the JSON keys they
//! hold, and claimed once in the module.
//!
//! Names are given top-down, response first (its objects are the resource as the
//! server shows it, so they get the plain names: `Server`, `Image`, `Link`), then
//! request, then query. A name already taken by an object of the same shape is
//! shared (one `Link` for the server's, image's and flavor's links); taken by a
//! different shape, the new one is prefixed with its parent's name
//! (`RequestServer`), then numbered.

use crate::model::{Field, FieldType, Object};
use crate::names::{pascal_case, singular};

use super::code::ident;

/// Names the module's code uses for other things (the prelude's, and what it
/// imports): a type named after a JSON key such as `result` must not shadow them.
const RESERVED_NAMES: &[&str] = &[
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Self",
    "Default",
    "BTreeMap",
    "Extra",
    "Json",
    "Nullable",
    "OrEmpty",
    "Timestamp",
    "Serialize",
    "Deserialize",
];

/// Whose body an object is part of, which decides how its optional fields read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Decoded from a reply: optional fields are `Nullable<T>`, lossless.
    Response,
    /// Built by the user (request bodies and queries): optional fields are `Option<T>`.
    Request,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef<'a> {
    Struct {
        name: String,
        doc: String,
        object: &'a Object,
        flavour: Flavour,
    },
    Enum {
        name: String,
        doc: String,
        values: &'a [String],
    },
    /// A value of `inner`, or one of `values` (a [`FieldType::OneOf`]).
    OneOf {
        name: String,
        doc: String,
        field: &'a Field,
        inner: &'a FieldType,
        values: &'a [String],
    },
}

/// Every type of one module, named, in the order they are written, and the
/// name each object, enum and one-of of the model goes by.
#[derive(Debug, Default)]
pub struct TypeNames<'a> {
    pub defs: Vec<TypeDef<'a>>,
    /// For each object of the model (compared by address), the name given to it.
    names: Vec<(&'a Object, String)>,
    enum_names: Vec<(&'a Field, String)>,
    /// For each [`FieldType::OneOf`] (compared by address), its enum's name.
    one_of_names: Vec<(&'a FieldType, String)>,
}

impl TypeDef<'_> {
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct { name, .. }
            | TypeDef::Enum { name, .. }
            | TypeDef::OneOf { name, .. } => name,
        }
    }
}

impl<'a> TypeNames<'a> {
    /// Names a root object (`Request`, `Response`, `Query`) and everything below it.
    pub fn add_root(&mut self, name: &str, doc: String, object: &'a Object, flavour: Flavour) {
        let def = TypeDef::Struct {
            name: String::new(),
            doc,
            object,
            flavour,
        };
        let name = self.claim(name.to_string(), "", def);
        self.names.push((object, name.clone()));
        self.add_children(&name, object, flavour);
    }

    fn add_children(&mut self, parent: &str, object: &'a Object, flavour: Flavour) {
        for field in &object.fields {
            self.add_field_types(parent, field, &field.ty, flavour, false);
        }
    }

    /// Names the types a body's array items need (`Item` for objects); `field`
    /// holds the array, so it names them as a field of that name would.
    pub fn add_items(&mut self, parent: &str, field: &'a Field, flavour: Flavour) {
        self.add_field_types(parent, field, &field.ty, flavour, true);
    }

    fn add_field_types(
        &mut self,
        parent: &str,
        field: &'a Field,
        ty: &'a FieldType,
        flavour: Flavour,
        // `field` stands for the body itself, a JSON array or dictionary.
        body: bool,
    ) {
        match ty {
            FieldType::Object(inner) => {
                let proposed = pascal_case(&type_base(field, ty));
                let doc = match (container(&field.ty), body) {
                    (FieldType::Array(_), true) => "An item of the body, a JSON array.".to_owned(),
                    (FieldType::Map(_), true) => "A value of the body, a dictionary.".to_owned(),
                    (FieldType::Array(_), false) => format!("An item of `{}`.", field.json_name),
                    (FieldType::Map(_), false) => {
                        format!("A value of the `{}` dictionary.", field.json_name)
                    }
                    _ => format!("The `{}` object.", field.json_name),
                };
                let def = TypeDef::Struct {
                    name: String::new(),
                    doc,
                    object: inner,
                    flavour,
                };
                let name = self.claim(proposed, parent, def);
                self.names.push((inner, name.clone()));
                self.add_children(&name, inner, flavour);
            }
            FieldType::Array(item) | FieldType::Map(item) | FieldType::OrEmptyString(item) => {
                self.add_field_types(parent, field, item, flavour, body)
            }
            FieldType::Enum(values) => {
                let proposed = pascal_case(&type_base(field, ty));
                let doc = format!("The values of `{}`.", field.json_name);
                let def = TypeDef::Enum {
                    name: String::new(),
                    doc,
                    values,
                };
                let name = self.claim(proposed, parent, def);
                self.enum_names.push((field, name));
            }
            FieldType::OneOf(inner, values) => {
                // The enum takes the field's own name (`Networks`); a list's item
                // takes the singular (`Network`), as for a plain list.
                let bare = field
                    .json_name
                    .rsplit(':')
                    .next()
                    .unwrap_or(&field.json_name);
                let def = TypeDef::OneOf {
                    name: String::new(),
                    doc: one_of_doc(&field.json_name, inner, values),
                    field,
                    inner,
                    values,
                };
                let name = self.claim(pascal_case(bare), parent, def);
                self.one_of_names.push((ty, name));
                self.add_field_types(parent, field, inner, flavour, body);
            }
            _ => {}
        }
    }

    /// Returns the name this definition goes by, adding it unless an equal one exists.
    fn claim(&mut self, proposed: String, parent: &str, mut def: TypeDef<'a>) -> String {
        let candidates = [proposed.clone(), format!("{parent}{proposed}")];
        for candidate in candidates.iter().chain(std::iter::once(&proposed)) {
            if RESERVED_NAMES.contains(&candidate.as_str()) {
                continue;
            }
            match self.defs.iter().find(|d| d.name() == candidate) {
                Some(existing) if same_shape(existing, &def) => return candidate.clone(),
                Some(_) => continue,
                None => {
                    set_name(&mut def, candidate);
                    self.defs.push(def);
                    return candidate.clone();
                }
            }
        }
        let mut n = 2;
        loop {
            let candidate = format!("{parent}{proposed}{n}");
            if !self.defs.iter().any(|d| d.name() == candidate) {
                set_name(&mut def, &candidate);
                self.defs.push(def);
                return candidate;
            }
            n += 1;
        }
    }

    fn object_name(&self, object: &Object) -> Option<&str> {
        self.names
            .iter()
            .rev()
            .find(|(o, _)| std::ptr::eq(*o, object))
            .map(|(_, n)| n.as_str())
    }

    fn one_of_name(&self, ty: &FieldType) -> Option<&str> {
        self.one_of_names
            .iter()
            .find(|(t, _)| std::ptr::eq(*t, ty))
            .map(|(_, n)| n.as_str())
    }

    fn enum_name(&self, field: &Field) -> Option<&str> {
        self.enum_names
            .iter()
            .find(|(f, _)| std::ptr::eq(*f, field))
            .map(|(_, n)| n.as_str())
    }

    /// The Rust type of a field's value (without the Option wrappers). A type the
    /// naming pass did not name is an error, never a quiet `String` or `Json`.
    pub fn type_text(&self, field: &Field, ty: &FieldType) -> Result<String, String> {
        let unnamed = |what: &str| {
            format!(
                "no name was given to the {what} of field `{}` (a bug; please report it)",
                field.json_name
            )
        };
        Ok(match ty {
            FieldType::String => "String".to_owned(),
            FieldType::Integer => "i64".to_owned(),
            FieldType::BigInteger => "i128".to_owned(),
            FieldType::Number => "f64".to_owned(),
            FieldType::Boolean => "bool".to_owned(),
            FieldType::Timestamp => "Timestamp".to_owned(),
            FieldType::Json => "Json".to_owned(),
            FieldType::Enum(_) => {
                ident(self.enum_name(field).ok_or_else(|| unnamed("enum"))?)?.to_string()
            }
            FieldType::Object(o) => {
                ident(self.object_name(o).ok_or_else(|| unnamed("object"))?)?.to_string()
            }
            FieldType::Array(item) => format!("Vec<{}>", self.type_text(field, item)?),
            FieldType::Map(value) => {
                format!("BTreeMap<String, {}>", self.type_text(field, value)?)
            }
            FieldType::OrEmptyString(value) => {
                format!("OrEmpty<{}>", self.type_text(field, value)?)
            }
            FieldType::OneOf(..) => {
                ident(self.one_of_name(ty).ok_or_else(|| unnamed("enum"))?)?.to_string()
            }
        })
    }
}

/// The name a field's type is made from: the part after a namespace colon
/// (`OS-DCF:diskConfig` -> `diskConfig`), singular for arrays and maps.
fn type_base(field: &Field, ty: &FieldType) -> String {
    let bare = field
        .json_name
        .rsplit(':')
        .next()
        .unwrap_or(&field.json_name);
    match (container(&field.ty), ty) {
        // `servers_links`, `flavors_links`: a list's page links are links, one
        // `Link` type with every other link of the module.
        (FieldType::Array(_), _) if bare.ends_with("_links") => "link".to_string(),
        (FieldType::Array(_) | FieldType::Map(_), _) => singular(bare),
        _ => bare.to_string(),
    }
}

/// The type a field holds, past a [`FieldType::OneOf`]'s strings: what its
/// types are named after.
fn container(ty: &FieldType) -> &FieldType {
    match ty {
        FieldType::OneOf(inner, _) => inner,
        other => other,
    }
}

fn set_name(def: &mut TypeDef, new: &str) {
    match def {
        TypeDef::Struct { name, .. } | TypeDef::Enum { name, .. } | TypeDef::OneOf { name, .. } => {
            *name = new.to_string()
        }
    }
}

/// Two definitions are one type when their JSON shape is the same; descriptions
/// may differ.
fn same_shape(a: &TypeDef, b: &TypeDef) -> bool {
    match (a, b) {
        (
            TypeDef::Struct {
                object: x,
                flavour: fx,
                ..
            },
            TypeDef::Struct {
                object: y,
                flavour: fy,
                ..
            },
        ) => same_object(x, y, *fx != *fy),
        (TypeDef::Enum { values: x, .. }, TypeDef::Enum { values: y, .. }) => x == y,
        // Its inner type is named apart, so two are one only if it is a scalar.
        (
            TypeDef::OneOf {
                inner: a,
                values: x,
                ..
            },
            TypeDef::OneOf {
                inner: b,
                values: y,
                ..
            },
        ) => x == y && a == b && a.inner_object().is_none(),
        _ => false,
    }
}

/// With `flavours_differ`, an optional field anywhere below makes the types differ
/// (`Nullable<T>` in one, `Option<T>` in the other).
fn same_object(a: &Object, b: &Object, flavours_differ: bool) -> bool {
    a.fields.len() == b.fields.len()
        && a.fields.iter().zip(&b.fields).all(|(x, y)| {
            x.json_name == y.json_name
                && x.required == y.required
                && (x.required || !flavours_differ)
                && x.nullable == y.nullable
                && x.rust_name == y.rust_name
                && same_type(&x.ty, &y.ty, flavours_differ)
        })
}

fn same_type(a: &FieldType, b: &FieldType, flavours_differ: bool) -> bool {
    match (a, b) {
        (FieldType::Object(x), FieldType::Object(y)) => same_object(x, y, flavours_differ),
        (FieldType::Array(x), FieldType::Array(y))
        | (FieldType::Map(x), FieldType::Map(y))
        | (FieldType::OrEmptyString(x), FieldType::OrEmptyString(y)) => {
            same_type(x, y, flavours_differ)
        }
        (FieldType::OneOf(x, a), FieldType::OneOf(y, b)) => {
            a == b && same_type(x, y, flavours_differ)
        }
        _ => a == b,
    }
}

/// The doc of a [`TypeDef::OneOf`]: what the value may be.
fn one_of_doc(json_name: &str, inner: &FieldType, values: &[String]) -> String {
    let what = match inner {
        FieldType::Array(_) => "a list",
        FieldType::Map(_) => "a dictionary",
        FieldType::Object(_) => "an object",
        _ => "a value",
    };
    let strings: Vec<String> = values.iter().map(|v| format!("`\"{v}\"`")).collect();
    format!(
        "`{json_name}`: {what}, or one of the strings {}.",
        strings.join(", ")
    )
}
