//! One endpoint: its module of types and its function.

use crate::method::Method;
use crate::microversion::Microversion;
use crate::model::{Body, Endpoint, Field, FieldType, PathParam, Top};
use crate::names::{dedupe, field_ident, snake_case};

use super::code::{Code, Doc, Ident, Str, ident, join};
use super::docs::rst_to_markdown;
use super::runtime_path::RuntimePath;
use super::shared_types::Def;
use super::type_names::Flavour;
use super::types::{ModuleTypes, Uses};

/// The module `name { OPERATION, Request, Response, ... }` and `fn name(...)`,
/// where `name` is the operation's function (the last part of its Rust path).
/// `service` is the path from inside that module to its `SERVICE` constant
/// (`super::super::SERVICE`).
pub fn endpoint_code(
    endpoint: &Endpoint,
    service: &str,
    rt: &RuntimePath,
) -> Result<EndpointCode, String> {
    let last = endpoint.name.rsplit("::").next().unwrap_or(&endpoint.name);
    let name = ident(&field_ident(last))?;
    // A body that can be an array names its items' types as a field `items` of
    // that array would (`Item`, `ResponseItem`), a dictionary body its values'
    // as a map field would; the field lives as long as `types`, which borrows it.
    let array_field = |body: &Option<Body>, json_name: &str| {
        body.as_ref().and_then(|b| match &b.top {
            Top::Map(value) => Some(Field::new(
                json_name,
                FieldType::Map(Box::new(value.clone())),
            )),
            top => top
                .item()
                .map(|item| Field::new(json_name, FieldType::Array(Box::new(item.clone())))),
        })
    };
    let response_items = array_field(&endpoint.response, "response_items");
    let request_items = array_field(&endpoint.request, "items");
    let mut types = ModuleTypes::default();
    let mut aliases = Code::new();
    let bodies = [
        (
            &endpoint.response,
            &response_items,
            "Response",
            Flavour::Response,
            "answers with",
        ),
        (
            &endpoint.request,
            &request_items,
            "Request",
            Flavour::Request,
            "sends",
        ),
    ];
    for (body, items, root, flavour, verb) in bodies {
        // A fixed body has no type: the function sends it as is; raw data has
        // none either: it is streamed.
        let raw = match flavour {
            Flavour::Request => endpoint.sends_raw_data(),
            Flavour::Response => endpoint.receives_raw_data(),
        };
        let Some(body) = body.as_ref().filter(|b| b.fixed.is_none() && !raw) else {
            continue;
        };
        let doc = format!("The body `{}` {verb}.", endpoint.name);
        let object_name = match &body.top {
            Top::Object => root.to_owned(),
            _ => format!("{root}Object"),
        };
        if body.top != Top::Object && !body.object.fields.is_empty() || body.top == Top::Object {
            types.add_root(&object_name, doc.clone(), &body.object, flavour);
        }
        if let Some(items) = items {
            types.add_items(root, items, flavour);
            array_body(
                &mut aliases,
                &types,
                root,
                &doc,
                items,
                &body.top,
                &object_name,
            )?;
        }
    }
    if let Some(query) = &endpoint.query {
        types.add_root(
            "Query",
            format!("The query string of `{}`.", endpoint.name),
            query,
            Flavour::Request,
        );
    }
    // What an array body's alias or enum names directly.
    let mut tail_uses = Uses::default();
    for body in [&endpoint.response, &endpoint.request]
        .into_iter()
        .flatten()
    {
        match &body.top {
            Top::Object => {}
            Top::Array(item) | Top::ArrayOrObject(item) | Top::Map(item) => {
                tail_uses.serde_derive |= matches!(body.top, Top::ArrayOrObject(_));
                tail_uses.json |= *item == FieldType::Json;
                tail_uses.timestamp |= *item == FieldType::Timestamp;
                tail_uses.map |=
                    matches!(item, FieldType::Map(_)) || matches!(body.top, Top::Map(_));
            }
        }
    }
    let mut head = Code::new();
    operation_const(&mut head, endpoint, service, rt);
    field_versions_const(&mut head, endpoint, rt);
    let defs = types.definitions(rt)?;
    let mut tail = aliases;
    super::headers::request_struct(&mut tail, endpoint, rt)?;
    super::headers::response_struct(&mut tail, endpoint, rt)?;
    let mut function_code = Code::new();
    function(&mut function_code, endpoint, &name, rt)?;
    if let Some(list) = listed_items(endpoint, &types)? {
        stream_function(&mut function_code, endpoint, &name, &list, rt)?;
    }
    Ok(EndpointCode {
        doc: module_doc(endpoint),
        name,
        head: head.into_string(),
        defs,
        tail: tail.into_string(),
        tail_uses,
        function: function_code.into_string(),
    })
}

/// One operation's code, in parts: its module's types may move to the service's
/// shared module before it is written.
pub struct EndpointCode {
    /// The module's doc.
    pub doc: String,
    /// The module's (and the function's) name.
    pub name: Ident,
    /// `OPERATION` and the field-version lists.
    pub head: String,
    /// The types of the bodies and the query.
    pub defs: Vec<Def>,
    /// Array aliases and header structs.
    pub tail: String,
    /// What the aliases name.
    pub tail_uses: Uses,
    /// The endpoint function.
    pub function: String,
}

impl EndpointCode {
    /// Writes the module (its imports, what it takes from the shared module at
    /// `shared`, its items) and the function.
    pub fn write(&self, code: &mut Code, shared: Option<(&str, &[String])>, rt: &RuntimePath) {
        let mut items = String::new();
        items.push_str(&self.head);
        let mut uses = self.tail_uses;
        for def in &self.defs {
            items.push_str(&def.code);
            uses = uses.union(def.uses);
        }
        items.push_str(&self.tail);
        write!(
            code,
            "{}pub mod {} {{\n{}",
            Doc(&self.doc),
            self.name,
            uses.imports(rt)
        );
        if let Some((path, names)) = shared
            && !names.is_empty()
        {
            writeln!(code, "pub use {path}::{{{}}};", names.join(", "));
        }
        code.push(&items);
        code.push("}\n");
        code.push(&self.function);
    }
}

/// The `Request`/`Response` of a body that can be a JSON array: `Vec<Item>`, or
/// an untagged enum of the array and the object form; of a dictionary body,
/// `BTreeMap<String, Value>`.
fn array_body(
    code: &mut Code,
    types: &ModuleTypes<'_>,
    root: &str,
    doc: &str,
    items: &Field,
    top: &Top,
    object_name: &str,
) -> Result<(), String> {
    let vec = types.type_text(items, &items.ty)?;
    let root = ident(root)?;
    match top {
        Top::Object => {}
        Top::Array(_) | Top::Map(_) => writeln!(code, "{}pub type {root} = {vec};", Doc(doc)),
        Top::ArrayOrObject(_) => {
            let object = ident(object_name)?;
            write!(
                code,
                "{}#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n\
                 #[serde(untagged)]\npub enum {root} {{\n\
                 /// The body as a JSON array.\nArray({vec}),\n\
                 /// The body as a JSON object.\nObject({object}),\n}}\n",
                Doc(&format!(
                    "{doc} It is a JSON array at some microversions and an object at others."
                ))
            );
        }
    }
    Ok(())
}

fn module_doc(e: &Endpoint) -> String {
    let mut doc = format!("{}: `{} {}`.", e.title, e.method, e.path);
    let description = rst_to_markdown(e.description.trim());
    if !description.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&description);
    }
    doc.push_str(&format!("\n\nGenerated from `{}`", basename(&e.file)));
    if let Some(overlay) = &e.overlay_file {
        doc.push_str(&format!(" with `{}`", basename(overlay)));
    }
    doc.push('.');
    doc
}

fn basename(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `Some(<runtime>::Version::new(2, 90))`, or `None`.
fn version(v: Option<Microversion>, rt: &RuntimePath) -> String {
    match v {
        Some(v) => format!("Some({rt}::Version::new({}, {}))", v.major, v.minor),
        None => "None".to_owned(),
    }
}

fn operation_const(code: &mut Code, e: &Endpoint, service: &str, rt: &RuntimePath) {
    write!(
        code,
        "/// What the endpoint function sends, and the response codes the doc lists.\n\
         pub const OPERATION: {rt}::Operation = {rt}::Operation {{\n\
         name: {},\nmethod: {rt}::Method::{},\npath: {},\nservice: &{service},\n\
         documented_statuses: &[{}],\nmin_microversion: {},\nmax_microversion: {},\n}};\n",
        Str(&e.name),
        method_variant(e.method),
        Str(&e.path),
        join(e.statuses.iter().map(|s| s.code)),
        version(e.min_microversion, rt),
        version(e.max_microversion, rt),
    );
}

/// The runtime's `Method` variant: `Get`, or `Extension("COPY")`.
fn method_variant(method: Method) -> String {
    match method {
        Method::Get => "Get".to_owned(),
        Method::Post => "Post".to_owned(),
        Method::Put => "Put".to_owned(),
        Method::Delete => "Delete".to_owned(),
        Method::Patch => "Patch".to_owned(),
        Method::Head => "Head".to_owned(),
        Method::Extension(token) => format!("Extension({})", Str(token.as_str())),
    }
}

/// A request field's JSON path (names from the body's top), `since` and `until`.
type VersionedField = (Vec<String>, Option<Microversion>, Option<Microversion>);

/// The fields of `object` with a microversion range, as (JSON path, since,
/// until), arrays and maps passed through.
fn versioned_fields(object: &crate::model::Object) -> Vec<VersionedField> {
    fn walk(object: &crate::model::Object, at: &[String], out: &mut Vec<VersionedField>) {
        for field in &object.fields {
            let mut path = at.to_vec();
            path.push(field.json_name.clone());
            if field.since.is_some() || field.until.is_some() {
                out.push((path.clone(), field.since, field.until));
            }
            if let Some(inner) = field.ty.inner_object() {
                walk(inner, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(object, &[], &mut out);
    out
}

/// The request body's and the query string's versioned fields. Empty unless the
/// endpoint asks for the check.
fn checked_fields(e: &Endpoint) -> (Vec<VersionedField>, Vec<VersionedField>) {
    if !e.check_field_versions {
        return (Vec::new(), Vec::new());
    }
    let body = e
        .request
        .as_ref()
        .map_or_else(Vec::new, |b| versioned_fields(&b.object));
    let query = e.query.as_ref().map_or_else(Vec::new, versioned_fields);
    (body, query)
}

/// `REQUEST_FIELD_VERSIONS` and `QUERY_FIELD_VERSIONS`, each when it has entries:
/// the endpoint function's own lists, kept out of the documented surface (a
/// field's doc already says its range).
fn field_versions_const(code: &mut Code, e: &Endpoint, rt: &RuntimePath) {
    let entries = |fields: &[VersionedField]| {
        join(fields.iter().map(|(path, since, until)| {
            format!(
                "{rt}::__generated::FieldVersion {{ path: &[{}], min: {}, max: {} }}",
                join(path.iter().map(|p| Str(p))),
                version(*since, rt),
                version(*until, rt)
            )
        }))
    };
    let (body, query) = checked_fields(e);
    if !body.is_empty() {
        write!(
            code,
            "/// Request fields that exist only in a range of microversions: the endpoint\n\
             /// function refuses a request that sets one outside it, before sending.\n\
             #[doc(hidden)]\npub const REQUEST_FIELD_VERSIONS: &[{rt}::__generated::FieldVersion] = &[{}];\n",
            entries(&body)
        );
    }
    if !query.is_empty() {
        write!(
            code,
            "/// Query parameters that exist only in a range of microversions: the\n\
             /// endpoint function refuses a query that sets one outside it, before sending.\n\
             #[doc(hidden)]\npub const QUERY_FIELD_VERSIONS: &[{rt}::__generated::FieldVersion] = &[{}];\n",
            entries(&query)
        );
    }
}

fn function(code: &mut Code, e: &Endpoint, module: &Ident, rt: &RuntimePath) -> Result<(), String> {
    let mut arg_names: Vec<String> = ["client".to_string()]
        .into_iter()
        .chain(e.path_params.iter().map(PathParam::rust_name))
        .chain(["query", "body", "headers"].map(String::from))
        .collect();
    dedupe(&mut arg_names);
    let path_idents: Vec<_> = arg_names[1..=e.path_params.len()]
        .iter()
        .map(|n| ident(&field_ident(n)))
        .collect::<Result<_, _>>()?;
    let query_ident = ident(&arg_names[e.path_params.len() + 1])?;
    let body_ident = ident(&arg_names[e.path_params.len() + 2])?;
    let headers_ident = ident(&arg_names[e.path_params.len() + 3])?;

    let (body_fields, query_fields) = checked_fields(e);
    // Each part the operation takes is one call on the runtime's `Call`; the
    // ranged-field lists go with the part they check.
    let versions = |present: bool, list: &str| {
        if present {
            format!("{module}::{list}")
        } else {
            "&[]".to_owned()
        }
    };
    let mut args = String::new();
    let mut parts = String::new();
    for path in &path_idents {
        args.push_str(&format!("{path}: &str,\n"));
    }
    if e.query.is_some() {
        let fields = versions(!query_fields.is_empty(), "QUERY_FIELD_VERSIONS");
        args.push_str(&format!("{query_ident}: &{module}::Query,\n"));
        parts.push_str(&format!(".query({query_ident}, {fields})\n"));
    }
    if e.sends_raw_data() {
        args.push_str(&format!("{body_ident}: {rt}::Upload,\n"));
        parts.push_str(&format!(".upload({body_ident})\n"));
        if let Some(media_type) = &e.request_content_type {
            parts.push_str(&format!(".content_type({})\n", Str(media_type)));
        }
    } else if let Some(fixed) = e.request.as_ref().and_then(|b| b.fixed.as_ref()) {
        parts.push_str(&format!(".json_body({})\n", Str(&fixed.to_string())));
    } else if e.request.is_some() {
        let fields = versions(!body_fields.is_empty(), "REQUEST_FIELD_VERSIONS");
        args.push_str(&format!("{body_ident}: &{module}::Request,\n"));
        parts.push_str(&format!(".body({body_ident}, {fields})\n"));
        if let Some(media_type) = &e.request_content_type {
            parts.push_str(&format!(".content_type({})\n", Str(media_type)));
        }
    }
    // Only an endpoint with caller headers takes them.
    if !e.request_headers.is_empty() {
        let pairs = super::headers::request_pairs(e, &headers_ident)?;
        args.push_str(&format!("{headers_ident}: &{module}::RequestHeaders,\n"));
        parts.push_str(&format!(".headers({pairs})\n"));
    }
    let (response, finish) = match &e.response {
        _ if e.receives_raw_data() => (format!("{rt}::Download"), "download"),
        Some(_) => (format!("{module}::Response"), "send"),
        None => ("()".to_owned(), "send"),
    };
    // A plain function returning the runtime's future, not an `async fn`: see the
    // runtime's `call` module for why (no coroutine per operation for rustc to
    // type-check, borrow-check and lay out).
    write!(
        code,
        "{}pub fn {module}(\nclient: &{rt}::Client,\n{args}\
         ) -> {rt}::Pending<{response}> {{\n\
         client\n.prepare(&{module}::OPERATION, &[{}])\n{parts}.{finish}()\n}}\n",
        Doc(&function_doc(e)),
        join(&path_idents)
    );
    Ok(())
}

/// What a list operation lists: its reply's one array of objects (besides the
/// `*_links`), and how a reply gives it up.
struct Listed {
    /// The item type, as the module names it (`Server`).
    item: String,
    /// The reply's field (`servers`).
    field: Ident,
    /// Whether the reply may lack it (then a page without it lists nothing).
    optional: bool,
}

/// A `GET` whose reply is one collection of objects, maybe with its links.
fn listed_items(e: &Endpoint, types: &ModuleTypes<'_>) -> Result<Option<Listed>, String> {
    let Some(response) = &e.response else {
        return Ok(None);
    };
    if e.receives_raw_data() || e.method != Method::Get || response.top != Top::Object {
        return Ok(None);
    }
    let mut collections = response.object.fields.iter().filter(|f| {
        !f.json_name.ends_with("_links")
            && matches!(&f.ty, FieldType::Array(item) if matches!(**item, FieldType::Object(_)))
    });
    let (Some(field), None) = (collections.next(), collections.next()) else {
        return Ok(None);
    };
    let FieldType::Array(item) = &field.ty else {
        return Ok(None);
    };
    let rust = field
        .rust_name
        .clone()
        .unwrap_or_else(|| snake_case(&field.json_name));
    Ok(Some(Listed {
        item: types.type_text(field, item)?,
        field: ident(&field_ident(&rust))?,
        optional: !field.required || field.nullable,
    }))
}

/// `name_stream(client, path args, query)`: every item of a list operation,
/// page after page.
fn stream_function(
    code: &mut Code,
    e: &Endpoint,
    module: &Ident,
    listed: &Listed,
    rt: &RuntimePath,
) -> Result<(), String> {
    let stream = ident(&format!("{module}_stream"))?;
    let mut arg_names: Vec<String> = ["client".to_string()]
        .into_iter()
        .chain(e.path_params.iter().map(PathParam::rust_name))
        .chain(["query".to_string()])
        .collect();
    dedupe(&mut arg_names);
    let path_idents: Vec<Ident> = arg_names[1..=e.path_params.len()]
        .iter()
        .map(|n| ident(&field_ident(n)))
        .collect::<Result<_, _>>()?;
    let mut args = String::new();
    for path in &path_idents {
        args.push_str(&format!(
            "{path}: &str,
"
        ));
    }
    let query = match &e.query {
        Some(_) => {
            let query_ident = ident(&arg_names[e.path_params.len() + 1])?;
            args.push_str(&format!(
                "{query_ident}: &{module}::Query,
"
            ));
            format!("Some({query_ident})")
        }
        None => "None::<&()>".to_owned(),
    };
    let field = &listed.field;
    let pick = if listed.optional {
        format!("reply.{field}.unwrap_or_default()")
    } else {
        format!("reply.{field}")
    };
    let item = format!("{module}::{}", listed.item);
    let doc = format!(
        "Every `{}` [`{module}()`] lists, page after page: the reply's `next` link is \
         followed while there is one (`limit` in the query sets the page size). Await \
         `next_item()`, or use it as a stream.",
        listed.item
    );
    write!(
        code,
        "{}pub fn {stream}(\nclient: &{rt}::Client,\n{args}) -> {rt}::Items<{module}::Response, {item}> {{\n\
         client.items(&{module}::OPERATION, &[{}], {query}, |reply: {module}::Response| {pick})\n}}\n",
        Doc(&doc),
        join(&path_idents)
    );
    Ok(())
}

fn function_doc(e: &Endpoint) -> String {
    let mut doc = format!("{}: `{} {}`.", e.title, e.method, e.path);
    let first = e
        .description
        .trim()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .trim();
    if !first.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&rst_to_markdown(first));
    }
    if let Some(media_type) = e
        .request_content_type
        .as_deref()
        .filter(|_| e.sends_raw_data())
    {
        doc.push_str(&format!(
            "\n\nThe body is sent as `{media_type}`, read from the `Upload` as it goes out."
        ));
    }
    if let Some(media_type) = e
        .response_content_type
        .as_deref()
        .filter(|_| e.receives_raw_data())
    {
        doc.push_str(&format!(
            "\n\nA 2xx reply's body (`{media_type}`) is left unread in the `Download`: \
             write it out with `Download::to_writer`."
        ));
    }
    if !e.path_params.is_empty() {
        doc.push_str("\n\n# Path parameters\n");
        for p in &e.path_params {
            let description = rst_to_markdown(p.description.trim());
            doc.push_str(&format!("\n- `{}`: {}", p.rust_name(), description));
        }
    }
    let errors: Vec<String> = e
        .statuses
        .iter()
        .filter(|s| s.code >= 400)
        .map(|s| format!("{}", s.code))
        .collect();
    doc.push_str("\n\n# Errors\n\n");
    if errors.is_empty() {
        doc.push_str(
            "The doc lists no error codes: every error status is `Error::UnexpectedStatus`.",
        );
    } else {
        doc.push_str(&format!(
            "The doc lists {}: each is its own `apiref::runtime::Error` variant; any other status is `Error::UnexpectedStatus`.",
            errors.join(", ")
        ));
    }
    doc
}
