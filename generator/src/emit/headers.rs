//! The headers of one endpoint that are the caller's business: `RequestHeaders`
//! (what the endpoint function sends beside the client's own headers) and
//! `ResponseHeaders` (what a reply carries that is data, like Keystone's
//! `X-Subject-Token` or Nova's `Location`, read from `Response::header`).
//!
//! A header named like a credential (`token`, `receipt`) is an
//! `apiref::runtime::Secret`, so `Debug` never prints it.

use crate::model::{Endpoint, HeaderParam};
use crate::names::{dedupe, field_ident, snake_case};

use super::code::{Code, Doc, Ident, Str, ident, join};
use super::docs::field_doc;
use super::runtime_path::RuntimePath;

/// One header as a struct field: its Rust name and whether it holds a credential.
struct HeaderField<'a> {
    header: &'a HeaderParam,
    rust: Ident,
    secret: bool,
}

fn fields(headers: &[HeaderParam]) -> Result<Vec<HeaderField<'_>>, String> {
    let mut names: Vec<String> = headers.iter().map(|h| snake_case(&h.name)).collect();
    dedupe(&mut names);
    headers
        .iter()
        .zip(names)
        .map(|(header, name)| {
            let lower = header.name.to_ascii_lowercase();
            Ok(HeaderField {
                header,
                rust: ident(&field_ident(&name))?,
                secret: lower.contains("token") || lower.contains("receipt"),
            })
        })
        .collect()
}

fn doc(h: &HeaderParam) -> String {
    format!(
        "`{}`: {}",
        h.name,
        field_doc(
            &h.description,
            None,
            h.since.map(|v| v.to_string()).as_deref(),
            h.until.map(|v| v.to_string()).as_deref(),
        )
    )
}

/// `RequestHeaders`, when the endpoint has caller headers: a required one is a
/// plain field (leaving it out does not compile), an optional one an `Option`.
pub fn request_struct(code: &mut Code, e: &Endpoint, rt: &RuntimePath) -> Result<(), String> {
    if e.request_headers.is_empty() {
        return Ok(());
    }
    let fields = fields(&e.request_headers)?;
    // Without a required header there is nothing to fill in: `Default` builds it.
    let default = if fields.iter().all(|f| !f.header.required) {
        ", Default"
    } else {
        ""
    };
    let what = format!(
        "The headers `{}` sends besides the client's own (token, microversion).",
        e.name
    );
    write!(
        code,
        "{}#[derive(Debug, Clone, PartialEq, Eq{default})]\npub struct RequestHeaders {{\n",
        Doc(&what)
    );
    for f in &fields {
        let value = if f.secret {
            format!("{rt}::Secret")
        } else {
            "String".to_owned()
        };
        let ty = if f.header.required {
            value
        } else {
            format!("Option<{value}>")
        };
        writeln!(code, "{}pub {}: {ty},", Doc(&doc(f.header)), f.rust);
    }
    code.push("}\n");
    Ok(())
}

/// What the endpoint function passes to `Call::headers`: each header's name and
/// value, `None` for an optional one not given.
pub fn request_pairs(e: &Endpoint, arg: &Ident) -> Result<String, String> {
    let pairs = fields(&e.request_headers)?.into_iter().map(|f| {
        let field = &f.rust;
        let value = match (f.header.required, f.secret) {
            (true, true) => format!("Some({arg}.{field}.expose())"),
            (true, false) => format!("Some({arg}.{field}.as_str())"),
            (false, true) => format!("{arg}.{field}.as_ref().map(|v| v.expose())"),
            (false, false) => format!("{arg}.{field}.as_deref()"),
        };
        format!("({}, {value})", Str(&f.header.name))
    });
    Ok(format!("&[{}]", join(pairs)))
}

/// `ResponseHeaders` and its `of`, when a reply carries data in headers. Every
/// field is an `Option`: a server that leaves a header out is not a failed call.
pub fn response_struct(code: &mut Code, e: &Endpoint, rt: &RuntimePath) -> Result<(), String> {
    if e.response_headers.is_empty() {
        return Ok(());
    }
    let fields = fields(&e.response_headers)?;
    let what = format!(
        "The headers of `{}`'s reply that carry data (the request id and the \
         microversion are `Response::request_id` and `Response::microversion`).",
        e.name
    );
    write!(
        code,
        "{}#[derive(Debug, Clone, PartialEq, Eq, Default)]\npub struct ResponseHeaders {{\n",
        Doc(&what)
    );
    for f in &fields {
        let ty = if f.secret {
            format!("{rt}::Secret")
        } else {
            "String".to_owned()
        };
        writeln!(code, "{}pub {}: Option<{ty}>,", Doc(&doc(f.header)), f.rust);
    }
    write!(
        code,
        "}}\nimpl ResponseHeaders {{\n\
         /// Reads them from a reply.\n\
         pub fn of<T>(response: &{rt}::Response<T>) -> Self {{\nResponseHeaders {{\n"
    );
    for f in &fields {
        let convert = if f.secret {
            format!("{rt}::Secret::new")
        } else {
            "String::from".to_owned()
        };
        writeln!(
            code,
            "{}: response.header({}).map({convert}),",
            f.rust,
            Str(&f.header.name)
        );
    }
    code.push("}\n}\n}\n");
    Ok(())
}
