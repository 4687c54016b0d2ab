//! The resolved model: one [`Endpoint`] per doc, after the doc's examples and its
//! overlay have corrected its tables. The emitter reads only this.

mod build;
mod doc_type;
mod from_os_api_ref;
mod nesting;
mod overlay_apply;
mod shape;

pub use build::{build_endpoint, parse_microversion};
pub use from_os_api_ref::{apply_reference_overlay, build_reference_endpoint};

use crate::diagnostic::Diagnostic;

/// Something doubtful in a doc that the model decided on by a documented rule;
/// the linter shows these, the CLI prints them, generation goes on.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelWarning {
    pub kind: ModelWarningKind,
    pub diagnostic: Diagnostic,
}

/// Which rule decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModelWarningKind {
    /// A row no example shows, whose name is taken where it would go.
    UnplacedRow,
    /// The table's type column and the examples disagree; the example won.
    TypeFromExample,
}
pub use doc_type::scalar_from_doc_type;

/// One endpoint: one doc, one generated function.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The doc file as the user named it.
    pub file: String,
    /// The overlay file, when there is one.
    pub overlay_file: Option<String>,
    pub title: String,
    pub description: String,
    pub method: String,
    pub path: String,
    /// The base of generated names, snake_case, unique within an [`Api`] once
    /// [`crate::names::assign_endpoint_names`] ran.
    pub name: String,
    /// Placeholders of the path, in order.
    pub path_params: Vec<PathParam>,
    pub query: Option<Object>,
    pub request: Option<Body>,
    pub response: Option<Body>,
    /// Every code of the doc's table (plus the overlay's), in table order.
    pub statuses: Vec<Status>,
    /// The service type for the microversion header.
    pub service: String,
    pub min_microversion: Option<(u16, u16)>,
    pub max_microversion: Option<(u16, u16)>,
    /// Refuse, before sending, a request field set outside its `since`/`until`
    /// range (os-api-ref references, whose parameters carry microversions).
    pub check_field_versions: bool,
}

/// A `{name}` of the path.
#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    /// As in the path, without braces.
    pub name: String,
    pub description: String,
}

/// A response code and the doc's name for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub code: u16,
    pub name: String,
}

/// A request or response body: always a JSON object at the top.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub object: Object,
}

/// The fields of a JSON object, in a stable order (doc order, then example order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object {
    pub fields: Vec<Field>,
}

/// One field of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON name, exactly as sent on the wire.
    pub json_name: String,
    pub description: String,
    pub ty: FieldType,
    /// Absent fields fail to decode only when this is true.
    pub required: bool,
    /// `null` is a value distinct from absent.
    pub nullable: bool,
    pub format: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Overrides the Rust name made from `json_name`.
    pub rust_name: Option<String>,
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    String,
    /// A string with a known set of values.
    Enum(Vec<String>),
    Integer,
    Number,
    Boolean,
    Timestamp,
    /// Any JSON value; what the generator uses when it cannot know better.
    Json,
    Object(Object),
    Array(Box<FieldType>),
    /// A JSON object used as a dictionary (`metadata`, `addresses`).
    Map(Box<FieldType>),
    /// A value, or the empty string `""` that a server sends for none (Nova's
    /// `image` of a server booted from a volume).
    OrEmptyString(Box<FieldType>),
}

impl Object {
    pub fn field(&self, json_name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.json_name == json_name)
    }

    pub fn field_mut(&mut self, json_name: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.json_name == json_name)
    }
}

impl Field {
    /// A new optional field of the given type, with no description.
    pub fn new(json_name: impl Into<String>, ty: FieldType) -> Self {
        Field {
            json_name: json_name.into(),
            description: String::new(),
            ty,
            required: false,
            nullable: false,
            format: None,
            since: None,
            until: None,
            rust_name: None,
        }
    }
}

impl FieldType {
    /// The object a field's value is made of, through arrays and maps.
    pub fn inner_object(&self) -> Option<&Object> {
        match self {
            FieldType::Object(o) => Some(o),
            FieldType::Array(t) | FieldType::Map(t) | FieldType::OrEmptyString(t) => {
                t.inner_object()
            }
            _ => None,
        }
    }

    pub fn inner_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            FieldType::Object(o) => Some(o),
            FieldType::Array(t) | FieldType::Map(t) | FieldType::OrEmptyString(t) => {
                t.inner_object_mut()
            }
            _ => None,
        }
    }
}
