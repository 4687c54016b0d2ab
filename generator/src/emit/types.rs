//! The types of one endpoint's module: naming them, and writing them out.
//!
//! Names are given top-down, response first (its objects are the resource as the
//! server shows it, so they get the plain names: `Server`, `Image`, `Link`), then
//! request, then query. A name already taken by an object of the same shape is
//! shared (one `Link` for the server's, image's and flavor's links); taken by a
//! different shape, the new one is prefixed with its parent's name
//! (`RequestServer`), then numbered.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Field, FieldType, Object};
use crate::names::{dedupe, field_ident, pascal_case, singular, snake_case};

use super::docs::field_doc;
use super::tokens::{doc_attr, ident};

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef<'a> {
    Struct {
        name: String,
        doc: String,
        object: &'a Object,
    },
    Enum {
        name: String,
        doc: String,
        values: &'a [String],
    },
}

/// What the module's items use, so it imports exactly that (no unused imports).
#[derive(Debug, Default, Clone, Copy)]
pub struct Uses {
    pub extra: bool,
    pub timestamp: bool,
    pub json: bool,
    pub map: bool,
    pub or_empty: bool,
}

/// All types of one module, in the order they are written.
#[derive(Debug, Default)]
pub struct ModuleTypes<'a> {
    pub defs: Vec<TypeDef<'a>>,
    /// For each object of the model (compared by address), the name given to it.
    names: Vec<(&'a Object, String)>,
    enum_names: Vec<(&'a Field, String)>,
    pub uses: Uses,
}

impl TypeDef<'_> {
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct { name, .. } | TypeDef::Enum { name, .. } => name,
        }
    }
}

impl<'a> ModuleTypes<'a> {
    /// Names a root object (`Request`, `Response`, `Query`) and everything below it.
    pub fn add_root(&mut self, name: &str, doc: String, object: &'a Object) {
        let def = TypeDef::Struct {
            name: String::new(),
            doc,
            object,
        };
        let name = self.claim(name.to_string(), "", def);
        self.names.push((object, name.clone()));
        self.add_children(&name, object);
    }

    fn add_children(&mut self, parent: &str, object: &'a Object) {
        for field in &object.fields {
            self.add_field_types(parent, field, &field.ty);
        }
    }

    fn add_field_types(&mut self, parent: &str, field: &'a Field, ty: &'a FieldType) {
        match ty {
            FieldType::Object(inner) => {
                let proposed = pascal_case(&type_base(field, ty));
                let doc = match &field.ty {
                    FieldType::Array(_) => format!("An item of `{}`.", field.json_name),
                    FieldType::Map(_) => {
                        format!("A value of the `{}` dictionary.", field.json_name)
                    }
                    _ => format!("The `{}` object.", field.json_name),
                };
                let def = TypeDef::Struct {
                    name: String::new(),
                    doc,
                    object: inner,
                };
                let name = self.claim(proposed, parent, def);
                self.names.push((inner, name.clone()));
                self.add_children(&name, inner);
            }
            FieldType::Array(item) | FieldType::Map(item) | FieldType::OrEmptyString(item) => {
                self.add_field_types(parent, field, item)
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
            FieldType::Timestamp => self.uses.timestamp = true,
            FieldType::Json => self.uses.json = true,
            _ => {}
        }
        match ty {
            FieldType::Map(_) => self.uses.map = true,
            FieldType::OrEmptyString(_) => self.uses.or_empty = true,
            _ => {}
        }
    }

    /// Returns the name this definition goes by, adding it unless an equal one exists.
    fn claim(&mut self, proposed: String, parent: &str, mut def: TypeDef<'a>) -> String {
        let candidates = [proposed.clone(), format!("{parent}{proposed}")];
        for candidate in candidates.iter().chain(std::iter::once(&proposed)) {
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

    fn enum_name(&self, field: &Field) -> Option<&str> {
        self.enum_names
            .iter()
            .find(|(f, _)| std::ptr::eq(*f, field))
            .map(|(_, n)| n.as_str())
    }

    /// The Rust type of a field's value (without the Option wrappers). A type the
    /// naming pass did not name is an error, never a quiet `String` or `Json`.
    pub fn type_tokens(&self, field: &Field, ty: &FieldType) -> Result<TokenStream, String> {
        let unnamed = |what: &str| {
            format!(
                "no name was given to the {what} of field `{}` (a bug; please report it)",
                field.json_name
            )
        };
        Ok(match ty {
            FieldType::String => quote!(String),
            FieldType::Integer => quote!(i64),
            FieldType::Number => quote!(f64),
            FieldType::Boolean => quote!(bool),
            FieldType::Timestamp => quote!(Timestamp),
            FieldType::Json => quote!(Json),
            FieldType::Enum(_) => {
                let name = ident(self.enum_name(field).ok_or_else(|| unnamed("enum"))?)?;
                quote!(#name)
            }
            FieldType::Object(o) => {
                let name = ident(self.object_name(o).ok_or_else(|| unnamed("object"))?)?;
                quote!(#name)
            }
            FieldType::Array(item) => {
                let item = self.type_tokens(field, item)?;
                quote!(Vec<#item>)
            }
            FieldType::Map(value) => {
                let value = self.type_tokens(field, value)?;
                quote!(BTreeMap<String, #value>)
            }
            FieldType::OrEmptyString(value) => {
                let value = self.type_tokens(field, value)?;
                quote!(OrEmpty<#value>)
            }
        })
    }

    /// Writes every definition.
    pub fn definitions(&mut self) -> Result<TokenStream, String> {
        let defs = self.defs.clone();
        let mut out = TokenStream::new();
        for def in defs {
            out.extend(match def {
                TypeDef::Struct { name, doc, object } => self.struct_tokens(&name, &doc, object)?,
                TypeDef::Enum { name, doc, values } => enum_tokens(&name, &doc, values)?,
            });
        }
        Ok(out)
    }

    fn struct_tokens(
        &mut self,
        name: &str,
        doc: &str,
        object: &'a Object,
    ) -> Result<TokenStream, String> {
        self.uses.extra = true;
        let mut rust_names: Vec<String> = std::iter::once("extra".to_string())
            .chain(object.fields.iter().map(|f| {
                f.rust_name
                    .clone()
                    .unwrap_or_else(|| snake_case(&f.json_name))
            }))
            .collect();
        dedupe(&mut rust_names);
        let fields = object
            .fields
            .iter()
            .zip(rust_names.iter().skip(1))
            .map(|(field, rust)| {
                let ident = ident(&field_ident(rust))?;
                let inner = self.type_tokens(field, &field.ty)?;
                let doc = doc_attr(&field_doc(
                    &field.description,
                    field.format.as_deref(),
                    field.since.map(|v| v.to_string()).as_deref(),
                    field.until.map(|v| v.to_string()).as_deref(),
                ));
                let json = &field.json_name;
                let rename = (json != rust).then(|| quote!(rename = #json,));
                let serde_rename = (json != rust).then(|| quote!(#[serde(rename = #json)]));
                Ok(match (field.required, field.nullable) {
                    (true, false) => quote! {
                        #doc
                        #serde_rename
                        pub #ident: #inner,
                    },
                    (true, true) => quote! {
                        #doc
                        #serde_rename
                        pub #ident: Option<#inner>,
                    },
                    (false, false) => quote! {
                        #doc
                        #[serde(#rename default, skip_serializing_if = "Option::is_none")]
                        pub #ident: Option<#inner>,
                    },
                    (false, true) => quote! {
                        #doc
                        #[serde(
                            #rename
                            default,
                            deserialize_with = "::apiref::runtime::serde_helpers::double_option",
                            skip_serializing_if = "Option::is_none"
                        )]
                        pub #ident: Option<Option<#inner>>,
                    },
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let name_ident = ident(name)?;
        let doc = doc_attr(doc);
        let default = self.defaultable(object).then(|| quote!(Default,));
        Ok(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
            #[serde(crate = "::apiref::runtime::__private::serde")]
            pub struct #name_ident {
                #(#fields)*
                /// Fields this spec does not know: kept as received, sent as given, so nothing is lost.
                #[serde(flatten)]
                pub extra: Extra,
            }
        })
    }

    /// `Default` can be derived unless a required field holds an enum (which has no
    /// natural default value).
    fn defaultable(&self, object: &Object) -> bool {
        object.fields.iter().all(|f| {
            !f.required
                || f.nullable
                || match &f.ty {
                    FieldType::Enum(_) => false,
                    FieldType::Object(o) => self.defaultable(o),
                    _ => true,
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
    match (&field.ty, ty) {
        (FieldType::Array(_) | FieldType::Map(_), _) => singular(bare),
        _ => bare.to_string(),
    }
}

fn set_name(def: &mut TypeDef, new: &str) {
    match def {
        TypeDef::Struct { name, .. } | TypeDef::Enum { name, .. } => *name = new.to_string(),
    }
}

/// Two definitions are one type when their JSON shape is the same; descriptions
/// may differ.
fn same_shape(a: &TypeDef, b: &TypeDef) -> bool {
    match (a, b) {
        (TypeDef::Struct { object: x, .. }, TypeDef::Struct { object: y, .. }) => same_object(x, y),
        (TypeDef::Enum { values: x, .. }, TypeDef::Enum { values: y, .. }) => x == y,
        _ => false,
    }
}

fn same_object(a: &Object, b: &Object) -> bool {
    a.fields.len() == b.fields.len()
        && a.fields.iter().zip(&b.fields).all(|(x, y)| {
            x.json_name == y.json_name
                && x.required == y.required
                && x.nullable == y.nullable
                && x.rust_name == y.rust_name
                && same_type(&x.ty, &y.ty)
        })
}

fn same_type(a: &FieldType, b: &FieldType) -> bool {
    match (a, b) {
        (FieldType::Object(x), FieldType::Object(y)) => same_object(x, y),
        (FieldType::Array(x), FieldType::Array(y))
        | (FieldType::Map(x), FieldType::Map(y))
        | (FieldType::OrEmptyString(x), FieldType::OrEmptyString(y)) => same_type(x, y),
        _ => a == b,
    }
}

fn enum_tokens(name: &str, doc: &str, values: &[String]) -> Result<TokenStream, String> {
    let mut variant_names: Vec<String> = values
        .iter()
        .map(|v| {
            if v.is_empty() {
                "Empty".to_string()
            } else {
                pascal_case(v)
            }
        })
        .chain(std::iter::once("Other".to_string()))
        .collect();
    dedupe(&mut variant_names);
    // The list ends with the catch-all's name, so `pop` always has one.
    let other = ident(variant_names.pop().as_deref().unwrap_or_default())?;
    let variants = values
        .iter()
        .zip(&variant_names)
        .map(|(value, variant)| {
            let v = ident(variant)?;
            Ok(quote! {
                #[serde(rename = #value)]
                #v,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let name = ident(name)?;
    let doc = doc_attr(doc);
    Ok(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(crate = "::apiref::runtime::__private::serde")]
        pub enum #name {
            #(#variants)*
            /// A value this spec does not list, kept as sent.
            #[serde(untagged)]
            #other(String),
        }
    })
}
