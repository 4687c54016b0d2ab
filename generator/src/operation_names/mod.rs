//! Operation names from structure: the HTTP method, the path's resources and, for
//! `POST .../action`, the action key. A title is prose and never names an operation
//! (it only tells apart operations whose structure is the same, see `unique`).
//!
//! An operation becomes a Rust path, `module::function`, the way a user would guess
//! it: `POST /v2.1/servers` -> `servers::create`, `GET /v3/auth/tokens` ->
//! `auth::tokens::get`, `POST /servers/{id}/action {"os-start": null}` ->
//! `servers::start`, `GET /os-hypervisors/detail` -> `hypervisors::list_detailed`.
//!
//! - the path's version (`/v2.1`, `/v3`), a prefix before it (`/identity`) and a
//!   project scope right after it (`/{project_id}`) are not resources (`path`);
//! - each literal segment is a module, snake_case, its `os-` prefix cut (`os-hypervisors`
//!   -> `hypervisors`, `OS-FEDERATION` -> `federation`); modules keep the path's
//!   plural (`servers`), so a user reads the URL in the Rust path;
//! - the function comes from the method and what the path ends in (`base`);
//! - names are unique per service without numbers (`unique`), every segment is a
//!   Rust identifier of at most 40 characters (`r#type` for a keyword);
//! - an overlay renames by generated path ([`Renames`]), after all that.
//!
//! Imports: `names`, `method`, and `model` (only to read an [`Endpoint`]).

mod base;
mod path;
mod unique;

use std::collections::BTreeMap;

use crate::method::Method;
use crate::model::Endpoint;
use crate::names::field_ident as ident;

pub use path::MAX_LEN;

/// What naming reads of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationInput {
    /// The HTTP method.
    pub method: Method,
    /// The path as written, placeholders in braces, maybe with a version prefix
    /// (`/v2.1/{tenant_id}/servers/{server_id}/action`).
    pub path: String,
    /// The request body's top-level key, `None` when no body is sent. For
    /// `POST .../action` it is the action key (`reboot`, `os-start`); elsewhere it
    /// tells apart operations on one path (`network` or `networks`), and its
    /// absence makes a `PUT` an `add`.
    pub request_key: Option<String>,
    /// The doc's title: only to tell apart operations of the same structure.
    pub title: String,
    /// The doc file the operation is written in: the last way to tell them apart.
    pub file: String,
    /// The service type (`compute`, `identity`): names are unique per service.
    pub service: String,
}

/// Where a name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameBasis {
    /// The method, the path and the action key (and the version, placeholders or
    /// request key that tell it from a namesake).
    Structure,
    /// The structure was the same as another operation's; the title's own words
    /// tell them apart. An overlay rename makes such a name stable.
    Title,
    /// Title too; the doc file's name tells them apart.
    File,
    /// The overlay's [`Renames`].
    Overlay,
}

/// An operation's name: a path of Rust identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationName {
    /// The resource modules, outermost first (`["servers", "interfaces"]`); empty for
    /// a function of the service itself (`GET /limits` -> `limits`).
    pub module: Vec<String>,
    /// The function (`list`, `get`, `reboot`), a Rust identifier.
    pub function: String,
    /// Where it came from.
    pub basis: NameBasis,
}

impl OperationName {
    /// `servers::interfaces::get`.
    pub fn rust_path(&self) -> String {
        let mut parts: Vec<&str> = self.module.iter().map(String::as_str).collect();
        parts.push(&self.function);
        parts.join("::")
    }
}

/// An overlay's renames: a generated Rust path (`servers::reboot`) to the one the
/// user wants (`servers::hard_reboot`, or `admin::reboot_server`). Keys and values
/// are written without `r#`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renames(pub BTreeMap<String, String>);

/// Something that keeps a name from being right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamingProblem {
    /// Operations (indices into the input) of one service that nothing told apart:
    /// same structure, title and file. They share `rust_path`; an overlay rename
    /// of one of them cannot address it either, so the doc must change.
    Conflict {
        /// The shared name.
        rust_path: String,
        /// The operations, in input order.
        operations: Vec<usize>,
    },
    /// A rename's target is not a path of Rust identifiers of at most
    /// 40 characters, or is already another operation's name.
    BadRename {
        /// The generated path.
        from: String,
        /// The user's path.
        to: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A rename names no generated path.
    UnusedRename {
        /// The path the overlay gives.
        from: String,
    },
}

/// The names of every operation, in input order, and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    /// One per input operation.
    pub names: Vec<OperationName>,
    /// Conflicts and rename problems; empty when every name is unique and valid.
    pub problems: Vec<NamingProblem>,
}

/// Names every operation; unique per service, then `renames` applied.
pub fn name_operations(ops: &[OperationInput], renames: &Renames) -> Naming {
    let (raw, bases, conflicts) = unique::unique_names(ops);
    let mut names: Vec<OperationName> = raw
        .into_iter()
        .zip(bases)
        .map(|(raw, basis)| OperationName {
            module: raw.module.iter().map(|m| ident(m)).collect(),
            function: ident(&raw.function),
            basis,
        })
        .collect();
    let mut problems: Vec<NamingProblem> = conflicts
        .into_iter()
        .map(|operations| NamingProblem::Conflict {
            rust_path: plain_path(&names[operations[0]]),
            operations,
        })
        .collect();
    unclash_modules(ops, &mut names);
    apply_renames(ops, &mut names, renames, &mut problems);
    Naming { names, problems }
}

/// A function whose name is also a module beside it (`roles::inherited_to_projects`
/// next to `roles::inherited_to_projects::add`) would collide with that module's
/// types: it moves into the module, named by its method (`list`, `create`, ...),
/// unless that name is taken there too.
fn unclash_modules(ops: &[OperationInput], names: &mut [OperationName]) {
    let modules: std::collections::HashSet<(&str, Vec<String>)> = names
        .iter()
        .zip(ops)
        .flat_map(|(n, op)| {
            (1..=n.module.len()).map(move |k| (op.service.as_str(), n.module[..k].to_vec()))
        })
        .collect();
    let taken: std::collections::HashSet<(String, String)> = names
        .iter()
        .zip(ops)
        .map(|(n, op)| (op.service.clone(), n.rust_path()))
        .collect();
    let mut moves = Vec::new();
    for (i, (n, op)) in names.iter().zip(ops).enumerate() {
        let mut full = n.module.clone();
        full.push(n.function.clone());
        if !modules.contains(&(op.service.as_str(), full.clone())) {
            continue;
        }
        let function = match op.method {
            // An extension method's verb is its own name already, in either place.
            Method::Extension(_) => continue,
            Method::Get => "list",
            Method::Head => "check",
            Method::Post => "create",
            Method::Put => "replace",
            Method::Patch => "update",
            Method::Delete => "delete_all",
        };
        let moved = OperationName {
            module: full,
            function: function.to_string(),
            basis: n.basis,
        };
        if !taken.contains(&(op.service.clone(), moved.rust_path())) {
            moves.push((i, moved));
        }
    }
    for (i, moved) in moves {
        names[i] = moved;
    }
}

/// What naming reads of a model endpoint. The request key is the body's first
/// top-level field: the only one of an action's body, except where a doc writes
/// two actions in one (Nova's `reserve`/`unreserve` of a fixed IP, named by the
/// first).
pub fn operation_input(endpoint: &Endpoint) -> OperationInput {
    OperationInput {
        method: endpoint.method,
        path: endpoint.path.clone(),
        request_key: endpoint
            .request
            .as_ref()
            .and_then(|b| b.object.fields.first())
            .map(|f| f.json_name.clone()),
        title: endpoint.title.clone(),
        file: endpoint.file.clone(),
        service: endpoint.service.clone(),
    }
}

/// `servers::r#type` -> `servers::type`: the form renames are written in.
fn plain_path(name: &OperationName) -> String {
    name.rust_path().replace("r#", "")
}

/// Renames apply together, against the generated names: `a -> b` and `b -> c`
/// both hold. A rename onto a name that another operation of the service ends up
/// with is refused (in key order, so the later of two renames onto one name wins).
fn apply_renames(
    ops: &[OperationInput],
    names: &mut [OperationName],
    renames: &Renames,
    problems: &mut Vec<NamingProblem>,
) {
    let original = names.to_vec();
    let generated: Vec<String> = names.iter().map(plain_path).collect();
    let mut applied: Vec<(&String, &String, Vec<usize>)> = Vec::new();
    for (from, to) in &renames.0 {
        let targets: Vec<usize> = (0..names.len())
            .filter(|&i| generated[i] == *from)
            .collect();
        if targets.is_empty() {
            problems.push(NamingProblem::UnusedRename { from: from.clone() });
            continue;
        }
        let mut parts: Vec<&str> = to.split("::").collect();
        if let Some(reason) = parts.iter().find_map(|p| invalid_ident(p)) {
            problems.push(NamingProblem::BadRename {
                from: from.clone(),
                to: to.clone(),
                reason,
            });
            continue;
        }
        let function = parts.pop().unwrap_or_default();
        for &i in &targets {
            names[i] = OperationName {
                module: parts.iter().map(|p| ident(p)).collect(),
                function: ident(function),
                basis: NameBasis::Overlay,
            };
        }
        applied.push((from, to, targets));
    }
    for (from, to, targets) in applied {
        let taken = (0..names.len()).find(|&i| {
            !targets.contains(&i)
                && targets.iter().any(|&t| ops[t].service == ops[i].service)
                && plain_path(&names[i]) == *to
        });
        if let Some(other) = taken {
            problems.push(NamingProblem::BadRename {
                from: from.clone(),
                to: to.clone(),
                reason: format!(
                    "`{to}` is also the name of `{} {}`",
                    ops[other].method, ops[other].path
                ),
            });
            for &i in &targets {
                names[i] = original[i].clone();
            }
        }
    }
}

/// Why `part` cannot be a segment of a rename's path, if it cannot.
fn invalid_ident(part: &str) -> Option<String> {
    let mut chars = part.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    if !starts_well
        || !part
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Some(format!(
            "`{part}` is not a snake_case identifier (lowercase letters, digits, `_`)"
        ));
    }
    if part == "_" {
        return Some("`_` cannot name a module or a function".into());
    }
    if part.len() > MAX_LEN {
        return Some(format!("`{part}` is longer than {MAX_LEN} characters"));
    }
    None
}

#[cfg(test)]
mod tests;
