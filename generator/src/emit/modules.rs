//! The module tree of a client: each operation's Rust path (`servers::create`)
//! puts its function and its module of types inside the resource modules its
//! path names (`pub mod servers { pub fn create(..); pub mod create { .. } }`).

use crate::model::Endpoint;
use crate::names::field_ident;

use super::code::{Code, Doc, ident};

/// One step of writing the tree, in order.
#[derive(Debug, PartialEq)]
pub enum Item<'a> {
    /// `pub mod name {`.
    Open(String),
    /// `}`.
    Close,
    /// An operation's function and module.
    Operation(&'a Endpoint),
}

/// The tree as a flat walk, each step with its depth (how many resource modules
/// enclose it). Modules come in the order their first operation does, and an
/// operation's module's operations stay in input order, so output order
/// follows the reference.
pub fn layout<'a>(endpoints: &[&'a Endpoint]) -> Vec<(usize, Item<'a>)> {
    let mut root = Node::default();
    for &e in endpoints {
        let parts: Vec<&str> = e.name.split("::").collect();
        let (_, modules) = parts.split_last().unwrap_or((&"", &[]));
        let mut node = &mut root;
        for m in modules {
            let at = match node.children.iter().position(|(name, _)| name == m) {
                Some(at) => at,
                None => {
                    node.children.push((m.to_string(), Node::default()));
                    node.children.len() - 1
                }
            };
            node.order.push(Entry::Child(at));
            node = &mut node.children[at].1;
        }
        node.order.push(Entry::Operation(e));
    }
    let mut out = Vec::new();
    root.walk(0, &mut out);
    out
}

#[derive(Default)]
struct Node<'a> {
    children: Vec<(String, Node<'a>)>,
    order: Vec<Entry<'a>>,
}

enum Entry<'a> {
    Child(usize),
    Operation(&'a Endpoint),
}

impl<'a> Node<'a> {
    fn walk(&self, depth: usize, out: &mut Vec<(usize, Item<'a>)>) {
        let mut opened = vec![false; self.children.len()];
        for entry in &self.order {
            match entry {
                Entry::Operation(e) => out.push((depth, Item::Operation(e))),
                Entry::Child(at) if !opened[*at] => {
                    opened[*at] = true;
                    let (name, child) = &self.children[*at];
                    out.push((depth, Item::Open(name.clone())));
                    child.walk(depth + 1, out);
                    out.push((depth, Item::Close));
                }
                Entry::Child(_) => {}
            }
        }
    }
}

/// Opens a resource module (its name is checked when it is written).
pub fn open(code: &mut Code, name: &str, depth: usize) {
    let doc = format!("The operations on `{name}`.");
    match ident(&field_ident(name)) {
        Ok(name) => writeln!(code, "{}pub mod {name} {{", Doc(&doc)),
        // `check_name` let only identifiers through; this keeps the braces
        // balanced even so.
        Err(_) => writeln!(code, "pub mod __invalid_{depth} {{"),
    }
}

/// Whether every part of the operation's Rust path is an identifier.
pub fn check_name(e: &Endpoint) -> Result<(), String> {
    for part in e.name.split("::") {
        ident(&field_ident(part)).map_err(|why| format!("`{}`: {why}", e.name))?;
    }
    Ok(())
}

/// An operation whose function would share its name with a resource module
/// beside it: its module of types and the resource module would collide.
pub fn check_clash(e: &Endpoint, all: &[Endpoint]) -> Result<(), String> {
    let prefix = format!("{}::", e.name);
    match all
        .iter()
        .find(|o| o.service == e.service && o.name.starts_with(&prefix))
    {
        Some(other) => Err(format!(
            "`{}` is both this operation and the module of `{}` (`{} {}`); rename one in \
             an overlay",
            e.name, other.name, other.method, other.path
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(names: &[&str]) -> Vec<Endpoint> {
        names
            .iter()
            .map(|n| {
                let mut e = crate::emit::tests::endpoint_named(n);
                e.name = n.to_string();
                e
            })
            .collect()
    }

    fn shape(items: &[(usize, Item<'_>)]) -> Vec<String> {
        items
            .iter()
            .map(|(depth, item)| match item {
                Item::Open(name) => format!("{depth} mod {name}"),
                Item::Close => format!("{depth} }}"),
                Item::Operation(e) => format!("{depth} fn {}", e.name),
            })
            .collect()
    }

    #[test]
    fn operations_go_into_their_resource_modules_in_first_seen_order() {
        let endpoints = named(&[
            "servers::list",
            "limits",
            "servers::interfaces::get",
            "flavors::get",
            "servers::create",
        ]);
        assert_eq!(
            shape(&layout(&endpoints.iter().collect::<Vec<_>>())),
            [
                "0 mod servers",
                "1 fn servers::list",
                "1 mod interfaces",
                "2 fn servers::interfaces::get",
                "1 }",
                "1 fn servers::create",
                "0 }",
                "0 fn limits",
                "0 mod flavors",
                "1 fn flavors::get",
                "0 }",
            ]
        );
    }

    #[test]
    fn a_function_named_like_a_module_beside_it_is_refused() {
        let endpoints = named(&["servers::tags", "servers::tags::list"]);
        let err = check_clash(&endpoints[0], &endpoints).unwrap_err();
        assert!(err.contains("`servers::tags` is both"), "{err}");
        assert!(check_clash(&endpoints[1], &endpoints).is_ok());
    }
}
