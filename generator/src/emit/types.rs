//! The types of one endpoint's module, written out: structs, enums and the
//! enums of a value or one of some strings, under the names `type_names` gave
//! them, and the imports they need.
//!
//! Objects come in two flavours. A response's optional fields are
//! `Nullable<T>`, which serializes back `null` and absent as received; a request's
//! (and a query's) are `Option<T>`, which a user builds, with `Option<Option<T>>`
//! where the spec says `null` may be sent. An object reached from both a response
//! and a request shares one type only when no field differs between the flavours.

use crate::model::{Field, FieldType, Object};
use crate::names::{dedupe, field_ident, pascal_case, snake_case};

use super::code::{Code, Doc, Ident, Str, ident, join};
use super::docs::field_doc;
use super::runtime_path::RuntimePath;
use super::type_names::{Flavour, TypeDef, TypeNames};

/// What the module's items use, so it imports exactly that (no unused imports).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Uses {
    pub extra: bool,
    pub timestamp: bool,
    pub json: bool,
    pub map: bool,
    pub or_empty: bool,
    pub nullable: bool,
    /// A struct implements the runtime's `object::Object`.
    pub object: bool,
    /// A type derives serde's traits (enums, and structs `Object` cannot build).
    pub serde_derive: bool,
}

impl Uses {
    /// What either uses.
    pub fn union(self, other: Uses) -> Uses {
        Uses {
            extra: self.extra || other.extra,
            timestamp: self.timestamp || other.timestamp,
            json: self.json || other.json,
            map: self.map || other.map,
            or_empty: self.or_empty || other.or_empty,
            nullable: self.nullable || other.nullable,
            object: self.object || other.object,
            serde_derive: self.serde_derive || other.serde_derive,
        }
    }

    /// The `use` lines for these.
    pub fn imports(self, rt: &RuntimePath) -> String {
        let mut out = String::new();
        if self.serde_derive {
            out.push_str(&format!(
                "use {rt}::__generated::serde::{{Deserialize, Serialize}};\n"
            ));
        }
        if self.object {
            out.push_str(&format!("use {rt}::__generated::object;\n"));
        }
        let runtime: Vec<&str> = [
            (self.extra, "Extra"),
            (self.json, "Json"),
            (self.nullable, "Nullable"),
            (self.or_empty, "OrEmpty"),
            (self.timestamp, "Timestamp"),
        ]
        .into_iter()
        .filter_map(|(used, name)| used.then_some(name))
        .collect();
        if !runtime.is_empty() {
            out.push_str(&format!("use {rt}::{{{}}};\n", runtime.join(", ")));
        }
        if self.map {
            out.push_str("use ::std::collections::BTreeMap;\n");
        }
        out
    }
}

/// All types of one module: their names, and what their code uses.
#[derive(Debug, Default)]
pub struct ModuleTypes<'a> {
    pub names: TypeNames<'a>,
    pub uses: Uses,
}

impl<'a> ModuleTypes<'a> {
    /// Names a root object (`Request`, `Response`, `Query`) and everything below it.
    pub fn add_root(&mut self, name: &str, doc: String, object: &'a Object, flavour: Flavour) {
        self.names.add_root(name, doc, object, flavour);
        for field in &object.fields {
            note_field_type(&mut self.uses, &field.ty);
        }
    }

    /// Names the types a body's array items need (`Item` for objects); `field`
    /// holds the array, so it names them as a field of that name would.
    pub fn add_items(&mut self, parent: &str, field: &'a Field, flavour: Flavour) {
        self.names.add_items(parent, field, flavour);
        note_field_type(&mut self.uses, &field.ty);
    }

    /// The Rust type of a field's value (without the Option wrappers); see
    /// [`TypeNames::type_text`].
    pub fn type_text(&self, field: &Field, ty: &FieldType) -> Result<String, String> {
        self.names.type_text(field, ty)
    }

    /// Every definition, each as its own code.
    pub fn definitions(
        &mut self,
        rt: &RuntimePath,
    ) -> Result<Vec<super::shared_types::Def>, String> {
        let defs = self.names.defs.clone();
        let mut out = Vec::with_capacity(defs.len());
        let module_uses = self.uses;
        for def in defs {
            let mut code = Code::new();
            let code = &mut code;
            let name = def.name().to_string();
            // What this definition alone names, so a module whose types moved
            // to the shared module imports exactly what it still uses.
            self.uses = Uses::default();
            match def {
                TypeDef::Struct {
                    name,
                    doc,
                    object,
                    flavour,
                } => self.struct_code(code, &name, &doc, object, flavour, rt)?,
                TypeDef::Enum { name, doc, values } => {
                    self.uses.serde_derive = true;
                    string_enum_code(code, &name, &doc, values, None, rt)?
                }
                TypeDef::OneOf {
                    name,
                    doc,
                    field,
                    inner,
                    values,
                } => {
                    self.uses.serde_derive = true;
                    let (variant, variant_doc) = match inner {
                        FieldType::Array(_) => ("List", "The list."),
                        _ => ("Value", "The value."),
                    };
                    let inner = self.type_text(field, inner)?;
                    self.note_type(&inner);
                    let value = (variant, variant_doc, inner.as_str());
                    string_enum_code(code, &name, &doc, values, Some(value), rt)?
                }
            }
            out.push(super::shared_types::Def {
                name,
                code: std::mem::take(code).into_string(),
                uses: self.uses,
            });
        }
        self.uses = out.iter().fold(module_uses, |all, d| all.union(d.uses));
        Ok(out)
    }

    /// Notes the runtime and std names a type written out uses (`Nullable<Vec<
    /// Json>>`): read off its identifiers, so a type named `JsonPatch` is not `Json`.
    fn note_type(&mut self, ty: &str) {
        for word in ty.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            match word {
                "Json" => self.uses.json = true,
                "Timestamp" => self.uses.timestamp = true,
                "Nullable" => self.uses.nullable = true,
                "OrEmpty" => self.uses.or_empty = true,
                "BTreeMap" => self.uses.map = true,
                _ => {}
            }
        }
    }

    fn struct_code(
        &mut self,
        code: &mut Code,
        name: &str,
        doc: &str,
        object: &'a Object,
        flavour: Flavour,
        rt: &RuntimePath,
    ) -> Result<(), String> {
        self.uses.extra = true;
        let fields = self.struct_fields(object, flavour)?;
        if self.defaultable(object) {
            self.uses.object = true;
            object_struct_code(code, name, doc, &fields)
        } else {
            self.uses.serde_derive = true;
            derived_struct_code(code, name, doc, &fields, rt)
        }
    }

    /// Each field's Rust name, type and doc, and how it is read and written.
    fn struct_fields(
        &mut self,
        object: &'a Object,
        flavour: Flavour,
    ) -> Result<Vec<StructField>, String> {
        let mut rust_names: Vec<String> = std::iter::once("extra".to_string())
            .chain(object.fields.iter().map(|f| {
                f.rust_name
                    .clone()
                    .unwrap_or_else(|| snake_case(&f.json_name))
            }))
            .collect();
        dedupe(&mut rust_names);
        object
            .fields
            .iter()
            .zip(rust_names.iter().skip(1))
            .map(|(field, rust)| {
                let inner = self.type_text(field, &field.ty)?;
                let presence = match (field.required, field.nullable, flavour) {
                    (true, false, _) => Presence::Required,
                    (true, true, _) => Presence::RequiredNullable,
                    (false, _, Flavour::Response) => {
                        self.uses.nullable = true;
                        Presence::Nullable
                    }
                    (false, false, Flavour::Request) => Presence::Optional,
                    (false, true, Flavour::Request) => Presence::OptionalNullable,
                };
                self.note_type(&inner);
                let ty = match presence {
                    Presence::Required => inner,
                    Presence::RequiredNullable | Presence::Optional => format!("Option<{inner}>"),
                    Presence::Nullable => format!("Nullable<{inner}>"),
                    Presence::OptionalNullable => format!("Option<Option<{inner}>>"),
                };
                Ok(StructField {
                    rust: rust.clone(),
                    ident: ident(&field_ident(rust))?,
                    json: field.json_name.clone(),
                    ty,
                    doc: field_doc(
                        &field.description,
                        field.format.as_deref(),
                        field.since.map(|v| v.to_string()).as_deref(),
                        field.until.map(|v| v.to_string()).as_deref(),
                    ),
                    presence,
                })
            })
            .collect()
    }

    /// `Default` can be derived unless a required field holds an enum (which has no
    /// natural default value).
    fn defaultable(&self, object: &Object) -> bool {
        object.fields.iter().all(|f| {
            !f.required
                || f.nullable
                || match &f.ty {
                    FieldType::Enum(_) | FieldType::OneOf(..) => false,
                    FieldType::Object(o) => self.defaultable(o),
                    _ => true,
                }
        })
    }
}

/// Notes the runtime and std names a field's type and every type below it use.
fn note_field_type(uses: &mut Uses, ty: &FieldType) {
    match ty {
        FieldType::Object(inner) => {
            for field in &inner.fields {
                note_field_type(uses, &field.ty);
            }
        }
        FieldType::Array(item) | FieldType::Map(item) | FieldType::OrEmptyString(item) => {
            note_field_type(uses, item)
        }
        FieldType::OneOf(inner, _) => note_field_type(uses, inner),
        FieldType::Timestamp => uses.timestamp = true,
        FieldType::Json => uses.json = true,
        _ => {}
    }
    match ty {
        FieldType::Map(_) => uses.map = true,
        FieldType::OrEmptyString(_) => uses.or_empty = true,
        _ => {}
    }
}

/// Whether a field must be sent, and what stands for "not sent".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    /// Always there: `T`.
    Required,
    /// Always there, maybe `null`: `Option<T>`, absence is an error.
    RequiredNullable,
    /// A reply's optional field: `Nullable<T>`, null and absent told apart.
    Nullable,
    /// A request's optional field: `Option<T>`, skipped when `None`.
    Optional,
    /// A request's optional field that may be sent as `null`: `Option<Option<T>>`.
    OptionalNullable,
}

/// One field of a generated struct, ready to write.
struct StructField {
    rust: String,
    ident: Ident,
    json: String,
    ty: String,
    doc: String,
    presence: Presence,
}

/// The `extra` field every struct ends with, after its `attribute`.
fn extra_field(code: &mut Code, attribute: &str) {
    write!(
        code,
        "/// Fields this spec does not know: kept as received, sent as given, so nothing is lost.\n\
         {attribute}pub extra: Extra,\n"
    );
}

/// A struct that reads and writes itself through the runtime's `object::Object`
/// (see `runtime/src/object.rs` for why not serde's derive): a `match` from JSON
/// key to field, the set fields written in order, and two three-line impls.
fn object_struct_code(
    code: &mut Code,
    name: &str,
    doc: &str,
    fields: &[StructField],
) -> Result<(), String> {
    let name_ident = ident(name)?;
    write!(
        code,
        "{}#[derive(Debug, Clone, PartialEq, Default)]\npub struct {name_ident} {{\n",
        Doc(doc)
    );
    for f in fields {
        writeln!(code, "{}pub {}: {},", Doc(&f.doc), f.ident, f.ty);
    }
    extra_field(code, "");
    write!(
        code,
        "}}\nimpl object::Object for {name_ident} {{\nconst NAME: &'static str = {};\n",
        Str(name)
    );
    let required: Vec<Str> = fields
        .iter()
        .filter(|f| matches!(f.presence, Presence::Required | Presence::RequiredNullable))
        .map(|f| Str(&f.json))
        .collect();
    if !required.is_empty() {
        writeln!(
            code,
            "const REQUIRED: &'static [&'static str] = &[{}];",
            join(required)
        );
    }
    // One call per field, no `?` and no `if`: a reference has thousands of
    // fields, and a call gives rustc less to check per field than the same
    // logic written out (see the runtime's `object::read`).
    if fields.is_empty() {
        code.push(
            "fn read_field<'de, A: object::MapAccess<'de>>(&mut self, _key: &str, _map: &mut A) \
             -> Result<bool, A::Error> {\nOk(false)\n}\n",
        );
    } else {
        code.push(
            "fn read_field<'de, A: object::MapAccess<'de>>(&mut self, key: &str, map: &mut A) \
             -> Result<bool, A::Error> {\nmatch key {\n",
        );
        for f in fields {
            let read = match f.presence {
                Presence::OptionalNullable => "read_some",
                _ => "read",
            };
            writeln!(
                code,
                "{} => object::{read}(map, &mut self.{}),",
                Str(&f.json),
                f.ident
            );
        }
        code.push("_ => Ok(false),\n}\n}\n");
    }
    let out = if fields.is_empty() { "_out" } else { "out" };
    writeln!(
        code,
        "fn write_fields<M: object::SerializeMap>(&self, {out}: &mut object::Writer<M>) {{"
    );
    for f in fields {
        let presence = match f.presence {
            Presence::Required | Presence::RequiredNullable => "required",
            Presence::Nullable | Presence::Optional | Presence::OptionalNullable => "optional",
        };
        writeln!(code, "out.{presence}({}, &self.{});", Str(&f.json), f.ident);
    }
    write!(
        code,
        "}}\n\
         fn extra(&self) -> &Extra {{\n&self.extra\n}}\n\
         fn extra_mut(&mut self) -> &mut Extra {{\n&mut self.extra\n}}\n\
         }}\n\
         impl<'de> object::Deserialize<'de> for {name_ident} {{\n\
         fn deserialize<D: object::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n\
         object::deserialize(deserializer)\n}}\n}}\n\
         impl object::Serialize for {name_ident} {{\n\
         fn serialize<S: object::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {{\n\
         object::serialize(self, serializer)\n}}\n}}\n"
    );
    Ok(())
}

/// A struct serde's derive reads and writes: only one with a required field of a
/// type that has no default (an enum), which `object::Object` cannot start from.
fn derived_struct_code(
    code: &mut Code,
    name: &str,
    doc: &str,
    fields: &[StructField],
    rt: &RuntimePath,
) -> Result<(), String> {
    let name_ident = ident(name)?;
    write!(
        code,
        "{}#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n\
         #[serde(crate = {})]\npub struct {name_ident} {{\n",
        Doc(doc),
        Str(&rt.item_text("__generated::serde"))
    );
    let present = rt.item_text("__generated::serde_helpers::present");
    let double_option = rt.item_text("__generated::serde_helpers::double_option");
    for f in fields {
        let mut args = Vec::new();
        if f.json != f.rust {
            args.push(format!("rename = {}", Str(&f.json)));
        }
        match f.presence {
            Presence::Required => {}
            // Present but maybe `null`: a missing field is still an error,
            // which serde gives only with `deserialize_with`.
            Presence::RequiredNullable => {
                args.push(format!("deserialize_with = {}", Str(&present)))
            }
            Presence::Nullable => {
                args.push("default".to_owned());
                args.push("skip_serializing_if = \"Nullable::is_absent\"".to_owned());
            }
            Presence::Optional => {
                args.push("default".to_owned());
                args.push("skip_serializing_if = \"Option::is_none\"".to_owned());
            }
            Presence::OptionalNullable => {
                args.push("default".to_owned());
                args.push(format!("deserialize_with = {}", Str(&double_option)));
                args.push("skip_serializing_if = \"Option::is_none\"".to_owned());
            }
        }
        write!(code, "{}", Doc(&f.doc));
        if !args.is_empty() {
            writeln!(code, "#[serde({})]", args.join(", "));
        }
        writeln!(code, "pub {}: {},", f.ident, f.ty);
    }
    extra_field(code, "#[serde(flatten)]\n");
    code.push("}\n");
    Ok(())
}

/// The variant names of an enum of `values` (`""` is `Empty`), followed by the
/// `tail` variants (the catch-all last), made unique together: a value spelled
/// like a tail variant keeps the name and the tail variant gets the suffix
/// (`Other_2`), so every listed value reads as written.
fn variant_names(values: &[String], tail: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = values
        .iter()
        .map(|v| {
            if v.is_empty() {
                "Empty".to_string()
            } else {
                pascal_case(v)
            }
        })
        .chain(tail.iter().map(|t| t.to_string()))
        .collect();
    dedupe(&mut names);
    names
}

/// An enum of strings that serde's derive reads and writes: a variant renamed to
/// each of `values`, then, for one of some strings or a value, the untagged
/// variant `value` (its name, doc and type), then the untagged catch-all for any
/// other string. Serde tries the renamed variants first, then the untagged ones
/// in order; every name is made unique beside the listed ones.
fn string_enum_code(
    code: &mut Code,
    name: &str,
    doc: &str,
    values: &[String],
    value: Option<(&str, &str, &str)>,
    rt: &RuntimePath,
) -> Result<(), String> {
    // The value's type may be neither `Eq` nor `Hash`; beside it, each string's
    // variant says which string it stands for.
    let (derives, caught) = match value {
        None => ("Debug, Clone, PartialEq, Eq, Hash", "value"),
        Some(_) => ("Debug, Clone, PartialEq", "string"),
    };
    let other_doc = format!("A {caught} this spec does not list, kept as sent.");
    let untagged: Vec<(&str, &str, &str)> = value
        .into_iter()
        .chain([("Other", other_doc.as_str(), "String")])
        .collect();
    let tail: Vec<&str> = untagged.iter().map(|(variant, ..)| *variant).collect();
    let names = variant_names(values, &tail);
    write!(
        code,
        "{}#[derive({derives}, Serialize, Deserialize)]\n\
         #[serde(crate = {})]\npub enum {} {{\n",
        Doc(doc),
        Str(&rt.item_text("__generated::serde")),
        ident(name)?
    );
    for (v, variant) in values.iter().zip(&names) {
        let variant_doc = match value {
            Some(_) => format!("`\"{v}\"`"),
            None => String::new(),
        };
        write!(
            code,
            "{}#[serde(rename = {})]\n{},\n",
            Doc(&variant_doc),
            Str(v),
            ident(variant)?
        );
    }
    for ((_, doc, ty), variant) in untagged.iter().zip(names.iter().skip(values.len())) {
        write!(
            code,
            "{}#[serde(untagged)]\n{}({ty}),\n",
            Doc(doc),
            ident(variant)?
        );
    }
    code.push("}\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(fields: Vec<Field>) -> Object {
        Object { fields }
    }

    fn required(mut field: Field) -> Field {
        field.required = true;
        field
    }

    /// `{"server": {"links": [{"href": ..}]}}`, the wrapper required.
    fn body(links: FieldType) -> Object {
        let server = object(vec![Field::new("links", FieldType::Array(Box::new(links)))]);
        object(vec![required(Field::new(
            "server",
            FieldType::Object(server),
        ))])
    }

    fn generated(response: &Object, request: &Object) -> (Vec<String>, String) {
        let mut types = ModuleTypes::default();
        types.add_root("Response", String::new(), response, Flavour::Response);
        types.add_root("Request", String::new(), request, Flavour::Request);
        let code = pretty_definitions(&mut types);
        (
            types
                .names
                .defs
                .iter()
                .map(|d| d.name().to_string())
                .collect(),
            code,
        )
    }

    /// Every definition of `types`, as one formatted text.
    fn pretty_definitions(types: &mut ModuleTypes) -> String {
        let code: String = types
            .definitions(&RuntimePath::default())
            .expect("the test model emits")
            .into_iter()
            .map(|d| d.code)
            .collect();
        crate::emit::tests::pretty(&code)
    }

    #[test]
    fn same_shape_with_optional_fields_is_split_by_flavour() {
        let link = FieldType::Object(object(vec![Field::new("href", FieldType::String)]));
        let (response, request) = (body(link.clone()), body(link));
        let (names, code) = generated(&response, &request);
        assert_eq!(
            names,
            [
                "Response",
                "Server",
                "Link",
                "Request",
                "RequestServer",
                "RequestServerLink"
            ]
        );
        assert!(code.contains("pub href: Nullable<String>,"), "{code}");
        assert!(code.contains("pub href: Option<String>,"), "{code}");
        assert!(code.contains("pub links: Nullable<Vec<Link>>,"), "{code}");
        assert!(
            code.contains("pub links: Option<Vec<RequestServerLink>>,"),
            "{code}"
        );
    }

    #[test]
    fn same_shape_with_required_fields_only_is_one_type() {
        let link = FieldType::Object(object(vec![required(Field::new(
            "href",
            FieldType::String,
        ))]));
        let pair = object(vec![required(Field::new("link", link))]);
        let (names, code) = generated(&pair, &pair);
        assert_eq!(names, ["Response", "Link", "Request"], "{code}");
    }

    #[test]
    fn nullable_fields_differ_by_flavour_and_required_ones_stay_present() {
        let mut description = Field::new("description", FieldType::String);
        description.nullable = true;
        let mut host = required(Field::new("host", FieldType::String));
        host.nullable = true;
        let fields = object(vec![description, host]);
        let (response, request) = (
            object(vec![required(Field::new(
                "server",
                FieldType::Object(fields.clone()),
            ))]),
            object(vec![required(Field::new(
                "server",
                FieldType::Object(fields),
            ))]),
        );
        let (_, code) = generated(&response, &request);
        assert!(
            code.contains("pub description: Nullable<String>,"),
            "{code}"
        );
        assert!(
            code.contains("pub description: Option<Option<String>>,"),
            "{code}"
        );
        // `host` must be there, maybe `null`: required in both flavours.
        assert_eq!(
            code.matches("const REQUIRED: &'static [&'static str] = &[\"host\"];")
                .count(),
            2,
            "{code}"
        );
        assert_eq!(
            code.matches("pub host: Option<String>,").count(),
            2,
            "{code}"
        );
        // A request's `null` is `Some(None)`: read as given (`read_some`), where a
        // reply's `Nullable` reads `null` itself; both are written only when set
        // (`Optional` tells a request's `None` and a reply's absence apart).
        assert_eq!(
            code.matches("\"description\" => object::read_some(map, &mut self.description)")
                .count(),
            1,
            "{code}"
        );
        assert_eq!(
            code.matches("\"description\" => object::read(map, &mut self.description)")
                .count(),
            1,
            "{code}"
        );
        assert_eq!(
            code.matches("out.optional(\"description\", &self.description);")
                .count(),
            2,
            "{code}"
        );
        assert_eq!(
            code.matches("out.required(\"host\", &self.host);").count(),
            2,
            "{code}"
        );
    }

    #[test]
    fn only_a_reply_wrapper_is_required_and_optional_fields_are_written_when_sent() {
        let server = object(vec![Field::new("OS-EXT:name", FieldType::String)]);
        let response = object(vec![required(Field::new(
            "server",
            FieldType::Object(server),
        ))]);
        let (_, code) = generated(&response, &object(vec![]));
        // A reply without its wrapper is an error; the wrapper's fields are optional.
        assert_eq!(code.matches("const REQUIRED").count(), 1, "{code}");
        assert!(
            code.contains("const REQUIRED: &'static [&'static str] = &[\"server\"];"),
            "{code}"
        );
        assert!(
            code.contains("\"OS-EXT:name\" => object::read(map, &mut self.os_ext_name)"),
            "{code}"
        );
        assert!(
            code.contains("out.optional(\"OS-EXT:name\", &self.os_ext_name);"),
            "{code}"
        );
        assert!(
            !code.contains("derive(Debug, Clone, PartialEq, Default, Serialize"),
            "{code}"
        );
    }

    #[test]
    fn a_required_enum_field_keeps_serde_s_derive() {
        let state = required(Field::new(
            "state",
            FieldType::Enum(vec!["on".into(), "off".into()]),
        ));
        let response = object(vec![state, Field::new("name", FieldType::String)]);
        let mut types = ModuleTypes::default();
        types.add_root("Response", String::new(), &response, Flavour::Response);
        let code = pretty_definitions(&mut types);
        assert!(types.uses.serde_derive && !types.uses.object, "{code}");
        assert!(
            code.contains("#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n#[serde(crate = \"::apiref::runtime::__generated::serde\")]\npub struct Response"),
            "{code}"
        );
        assert!(
            code.contains(
                "#[serde(default, skip_serializing_if = \"Nullable::is_absent\")]\n    pub name"
            ),
            "{code}"
        );
        assert!(
            code.contains("#[serde(flatten)]\n    pub extra: Extra,"),
            "{code}"
        );
    }

    #[test]
    fn a_key_named_like_a_prelude_type_does_not_shadow_it() {
        let result = Field::new(
            "result",
            FieldType::Object(object(vec![Field::new("ok", FieldType::Boolean)])),
        );
        let (names, code) = generated(&object(vec![result]), &object(vec![]));
        assert_eq!(names, ["Response", "ResponseResult", "Request"], "{code}");
        assert!(
            code.contains("pub result: Nullable<ResponseResult>,"),
            "{code}"
        );
    }
}
