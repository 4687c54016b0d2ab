//! The model's data: one [`Endpoint`] per doc, its bodies, fields and types.

use crate::method::Method;
use crate::microversion::Microversion;

/// One endpoint: one doc, one generated function.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The doc file as the user named it.
    pub file: String,
    /// The overlay file, when there is one.
    pub overlay_file: Option<String>,
    /// The doc's title, e.g. `Update Server`.
    pub title: String,
    /// The doc's prose about the endpoint.
    pub description: String,
    /// The doc's line of `METHOD /path`, where errors about the endpoint point.
    pub method_line: usize,
    /// The HTTP method.
    pub method: Method,
    /// The path as the doc writes it, placeholders in braces.
    pub path: String,
    /// The operation's Rust path, `servers::create`: its resource modules and its
    /// function, snake_case, from its structure (`operation_names`) or an
    /// overlay; unique per service.
    pub name: String,
    /// Placeholders of the path, in order.
    pub path_params: Vec<PathParam>,
    /// The query string's parameters, if it has any.
    pub query: Option<Object>,
    /// The request body, if one is sent.
    pub request: Option<Body>,
    /// The response body, if one comes back.
    pub response: Option<Body>,
    /// Every code of the doc's table (plus the overlay's), in table order.
    pub statuses: Vec<Status>,
    /// The service type (`compute`, `identity`): which `SERVICE` constant the
    /// operation points at. Found for the whole input the endpoint comes from
    /// (`reference_service`; empty until then), unless the endpoint's
    /// own overlay names one.
    pub service: String,
    /// The lowest microversion the endpoint exists in.
    pub min_microversion: Option<Microversion>,
    /// The highest microversion the spec describes.
    pub max_microversion: Option<Microversion>,
    /// Refuse, before sending, a request field set outside its `since`/`until`
    /// range (os-api-ref references, whose parameters carry microversions).
    pub check_field_versions: bool,
    /// Request headers the caller gives (not the ones the runtime sends itself).
    pub request_headers: Vec<HeaderParam>,
    /// Reply headers that carry data for the caller (not the request id or the
    /// microversion, which the runtime's `Response` already holds).
    pub response_headers: Vec<HeaderParam>,
    /// The request body's media type when it is not JSON's
    /// (`application/openstack-images-v2.1-json-patch`): the reference's
    /// `Content-Type` parameter or the overlay says which.
    pub request_content_type: Option<String>,
    /// The reply body's media type when it is not JSON's
    /// (`application/octet-stream`): the reference's response `Content-Type`
    /// parameter or the overlay says which.
    pub response_content_type: Option<String>,
}

impl Endpoint {
    /// Whether the request body is raw data (an image upload), not JSON: the
    /// function takes it as a stream.
    pub fn sends_raw_data(&self) -> bool {
        self.request_content_type
            .as_deref()
            .is_some_and(crate::media_type::is_raw_data)
    }

    /// Whether a 2xx reply's body is raw data (an image download), not JSON: the
    /// function gives it unread.
    pub fn receives_raw_data(&self) -> bool {
        self.response_content_type
            .as_deref()
            .is_some_and(crate::media_type::is_raw_data)
    }
}

/// A header an os-api-ref reference lists (`in: header`).
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderParam {
    /// The header's name as the reference writes it (`X-Subject-Token`).
    pub name: String,
    /// The reference's description.
    pub description: String,
    /// The reference says it is always there.
    pub required: bool,
    /// The microversion it appears in.
    pub since: Option<Microversion>,
    /// The last microversion it exists in.
    pub until: Option<Microversion>,
}

/// A `{name}` of the path.
#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    /// As in the path, without braces (`project-id`, `tap_service_id/name`).
    pub name: String,
    /// The URI table's description of it.
    pub description: String,
}

impl PathParam {
    /// The endpoint function's argument for it: `project_id`,
    /// `tap_service_id_name`. The runtime fills placeholders by position, so
    /// the name in the path is sent as written and only this one must be Rust.
    pub fn rust_name(&self) -> String {
        crate::names::snake_case(&self.name)
    }
}

/// A response code and the doc's name for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// The HTTP status.
    pub code: u16,
    /// The doc's name for it (may be empty).
    pub name: String,
}

/// A request or response body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The object at the top of the body (empty when the body is only an array).
    pub object: Object,
    /// What the top of the body is.
    pub top: Top,
    /// The body the operation always sends, when every sample shows the same
    /// one key set to `null` (an action such as `{"shelve": null}`): the
    /// function then takes no body, and sends this.
    pub fixed: Option<serde_json::Value>,
}

/// What the top of a body is: most are objects; a JSON-Patch document or a list
/// of ids is an array, and a reference may show one form at some microversions
/// and the other at others.
#[derive(Debug, Clone, PartialEq)]
pub enum Top {
    /// A JSON object: the body's `object`.
    Object,
    /// A JSON array of these.
    Array(FieldType),
    /// A JSON array of these at some microversions, the body's `object` at others.
    ArrayOrObject(FieldType),
    /// A JSON object used as a dictionary of these (a volume type's one extra
    /// spec: `{"key1": "value1"}`), whose keys are the caller's, not the doc's.
    Map(FieldType),
}

impl Top {
    /// Whether the body is an array and never an object.
    pub fn is_array_only(&self) -> bool {
        matches!(self, Top::Array(_))
    }

    /// The array's item type, if the body can be an array.
    pub fn item(&self) -> Option<&FieldType> {
        match self {
            Top::Object | Top::Map(_) => None,
            Top::Array(item) | Top::ArrayOrObject(item) => Some(item),
        }
    }
}

/// The fields of a JSON object, in a stable order (doc order, then example order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object {
    /// The fields, in order.
    pub fields: Vec<Field>,
}

/// One field of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON name, exactly as sent on the wire.
    pub json_name: String,
    /// The doc comment, from the table or the overlay.
    pub description: String,
    /// What the field holds.
    pub ty: FieldType,
    /// Absent fields fail to decode only when this is true.
    pub required: bool,
    /// `null` is a value distinct from absent.
    pub nullable: bool,
    /// A format hint shown in the docs (`uuid`, `ipv4`, ...).
    pub format: Option<String>,
    /// The microversion the field appears in.
    pub since: Option<Microversion>,
    /// The last microversion the field exists in.
    pub until: Option<Microversion>,
    /// Overrides the Rust name made from `json_name`.
    pub rust_name: Option<String>,
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    /// A string.
    String,
    /// A string with a known set of values.
    Enum(Vec<String>),
    /// An integer (`i64`).
    Integer,
    /// An integer the samples show beyond `i64` (`i128`).
    BigInteger,
    /// A number (`f64`).
    Number,
    /// `true` or `false`.
    Boolean,
    /// An ISO 8601 date and time.
    Timestamp,
    /// Any JSON value; what the generator uses when it cannot know better.
    Json,
    /// An object with known fields.
    Object(Object),
    /// An array of values.
    Array(Box<FieldType>),
    /// A JSON object used as a dictionary (`metadata`, `addresses`).
    Map(Box<FieldType>),
    /// A value, or the empty string `""` that a server sends for none (Nova's
    /// `image` of a server booted from a volume).
    OrEmptyString(Box<FieldType>),
    /// A value of the inner type, or one of a few strings (Nova's `networks`: a
    /// list of networks, or `"auto"` or `"none"` from 2.37). A string outside the
    /// list is still kept, as the enum's catch-all.
    OneOf(Box<FieldType>, Vec<String>),
}

impl Object {
    /// Marks the body's wrapper required: the single key every example has at the
    /// top (`{"server": {...}}`), when it is an object. Sending or receiving a body
    /// without it is meaningless. Both readers call this on their examples.
    pub fn mark_wrapper_required(&mut self, examples: &[&serde_json::Value]) {
        let mut keys = examples.iter().map(|v| match v {
            serde_json::Value::Object(m) if m.len() == 1 => m.keys().next().cloned(),
            _ => None,
        });
        let Some(Some(first)) = keys.next() else {
            return;
        };
        if keys.all(|k| k.as_deref() == Some(first.as_str()))
            && let Some(field) = self.field_mut(&first)
            && matches!(field.ty, FieldType::Object(_))
        {
            field.required = true;
        }
    }

    /// The field with this JSON name.
    pub fn field(&self, json_name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.json_name == json_name)
    }

    /// The field with this JSON name, to change it.
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
            FieldType::Array(t)
            | FieldType::Map(t)
            | FieldType::OrEmptyString(t)
            | FieldType::OneOf(t, _) => t.inner_object(),
            _ => None,
        }
    }

    /// The object a field's value is made of, to change it.
    pub fn inner_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            FieldType::Object(o) => Some(o),
            FieldType::Array(t)
            | FieldType::Map(t)
            | FieldType::OrEmptyString(t)
            | FieldType::OneOf(t, _) => t.inner_object_mut(),
            _ => None,
        }
    }
}
