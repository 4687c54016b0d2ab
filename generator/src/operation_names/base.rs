//! The name an operation gets from its own structure and the paths around it,
//! before collisions are resolved.

use std::collections::{HashMap, HashSet};

use crate::method::{Method, MethodToken};

use super::path::{ParsedPath, Token, ident_words, join_words};

/// What naming needs to know about the other paths of a service.
#[derive(Debug, Default)]
pub struct ServiceShape {
    /// The methods used on each path shape (placeholders as `{}`).
    methods: HashMap<String, HashSet<Method>>,
}

impl ServiceShape {
    /// The shapes of a service's operations.
    pub fn new<'a>(ops: impl IntoIterator<Item = (Method, &'a ParsedPath)>) -> Self {
        let mut methods: HashMap<String, HashSet<Method>> = HashMap::new();
        for (method, path) in ops {
            methods.entry(path.shape()).or_default().insert(method);
        }
        ServiceShape { methods }
    }

    fn has(&self, shape: &str, method: Method) -> bool {
        self.methods.get(shape).is_some_and(|m| m.contains(&method))
    }

    /// Some path goes on below `shape`.
    fn has_child(&self, shape: &str) -> bool {
        let prefix = child_prefix(shape);
        self.methods.keys().any(|k| k.starts_with(&prefix))
    }

    /// Some path goes on below `shape` with a placeholder: `shape` is a collection.
    fn has_item(&self, shape: &str) -> bool {
        let prefix = format!("{}{{}}", child_prefix(shape));
        self.methods.keys().any(|k| k.starts_with(&prefix))
    }

    /// Only one method is used on `shape` and nothing lies below it: the literal at
    /// its end names one thing to do or see, not a resource.
    fn lone(&self, shape: &str) -> bool {
        self.methods.get(shape).is_some_and(|m| m.len() == 1) && !self.has_child(shape)
    }
}

fn child_prefix(shape: &str) -> String {
    if shape.is_empty() {
        String::new()
    } else {
        format!("{shape}/")
    }
}

/// An operation's module path and function name, as snake_case words not yet
/// checked against Rust's keywords.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RawName {
    /// The resource modules, outermost first.
    pub module: Vec<String>,
    /// The function.
    pub function: String,
}

impl RawName {
    /// `servers::interfaces::get`.
    pub fn rust_path(&self) -> String {
        let mut parts: Vec<&str> = self.module.iter().map(String::as_str).collect();
        parts.push(&self.function);
        parts.join("::")
    }
}

/// The module a path's resources make, and the function for `method` on it.
///
/// - a path ending in a placeholder names an item: `get`, `check` (HEAD), `update`
///   (PUT; `replace` when the same path also takes PATCH, `add` when the PUT sends
///   no body: `PUT /servers/{id}/tags/{tag}`), `update` (PATCH), `delete`, `create`
///   (POST);
/// - `POST .../action` is named by its action key: `reboot`, `os-start` -> `start`,
///   `addFloatingIp` -> `add_floating_ip` (`action` when the body has no key);
///   `POST .../actions/deactivate` by the literal after `actions`;
/// - `GET .../detail` (or `details`) is `list_detailed` on the collection before it,
///   `get_detailed` on an item;
/// - a literal with one method and nothing below it is a function of its parent
///   (`GET /servers/{id}/diagnostics` -> `servers::diagnostics`,
///   `PUT /routers/{id}/add_router_interface` -> `routers::add_router_interface`);
/// - any other literal is a collection: `list` (GET, when items lie below it;
///   `get` otherwise), `create` (POST), `replace` (PUT; `add` without a body),
///   `update` (PATCH), `delete_all` (`delete` when no items lie below it),
///   `check` (HEAD);
/// - a path with no literal is the service's `root`.
pub fn base_name(
    method: Method,
    path: &ParsedPath,
    request_key: Option<&str>,
    shape: &ServiceShape,
    keep_os: bool,
) -> RawName {
    let has_body = request_key.is_some();
    let tokens = &path.tokens;
    let module_of = |tokens: &[Token]| -> Vec<String> {
        tokens
            .iter()
            .filter_map(|t| match t {
                Token::Literal(l) => Some(join_words(&ident_words(l, keep_os))),
                Token::Param(_) => None,
            })
            .collect()
    };
    let named = |module: Vec<String>, function: String| RawName { module, function };
    let literal_at = |i: usize| match tokens.get(i) {
        Some(Token::Literal(l)) => Some(l.as_str()),
        _ => None,
    };
    let n = tokens.len();
    let full_shape = path.shape();
    match tokens.last() {
        None => named(
            vec!["root".into()],
            collection_verb(method, has_body, shape.has_item("")),
        ),
        Some(Token::Param(_)) => {
            let mut module = module_of(tokens);
            if module.is_empty() {
                module.push("root".into());
            }
            let verb = item_verb(method, has_body, shape.has(&full_shape, Method::Patch));
            named(module, verb)
        }
        Some(Token::Literal(last)) => {
            let before = &tokens[..n - 1];
            if method == Method::Post && last == "action" && n > 1 {
                let function = match request_key {
                    Some(key) => join_words(&ident_words(key, keep_os)),
                    None => "action".into(),
                };
                return named(module_of(before), function);
            }
            if n > 2 && literal_at(n - 2) == Some("actions") {
                return named(
                    module_of(&tokens[..n - 2]),
                    join_words(&ident_words(last, keep_os)),
                );
            }
            if method == Method::Get && (last == "detail" || last == "details") && n > 1 {
                let function = match tokens[n - 2] {
                    Token::Literal(_) => "list_detailed",
                    Token::Param(_) => "get_detailed",
                };
                return named(module_of(before), function.into());
            }
            if shape.lone(&full_shape) {
                return named(module_of(before), join_words(&ident_words(last, keep_os)));
            }
            let verb = collection_verb(method, has_body, shape.has_item(&full_shape));
            named(module_of(tokens), verb)
        }
    }
}

fn item_verb(method: Method, has_body: bool, path_has_patch: bool) -> String {
    let verb = match method {
        Method::Extension(token) => return extension_verb(token),
        Method::Get => "get",
        Method::Head => "check",
        Method::Put if !has_body => "add",
        Method::Put if path_has_patch => "replace",
        Method::Put | Method::Patch => "update",
        Method::Delete => "delete",
        Method::Post => "create",
    };
    verb.to_string()
}

fn collection_verb(method: Method, has_body: bool, has_items: bool) -> String {
    let verb = match method {
        Method::Extension(token) => return extension_verb(token),
        Method::Get if has_items => "list",
        Method::Get => "get",
        Method::Head => "check",
        Method::Post => "create",
        Method::Put if !has_body => "add",
        Method::Put => "replace",
        Method::Patch => "update",
        // Beside the item's `delete` (`/tags` and `/tags/{tag}`).
        Method::Delete if has_items => "delete_all",
        Method::Delete => "delete",
    };
    verb.to_string()
}

/// An extension method names its own verb: Swift's `COPY` of an object is `copy`.
fn extension_verb(token: MethodToken) -> String {
    join_words(&ident_words(token.as_str(), true))
}
