//! `apiref learn`: overlay entries proposed from what a real service answered.
//!
//! The runtime records the replies a client decodes (`APIREF_RECORD=DIR`); this
//! pipeline reads them (`replies`), merges each operation's bodies into one tree
//! of what was seen where (`shape`), compares the tree with the model's types
//! (`compare`, typing values in the overlay's words with `typing`) and writes the
//! corrections as overlay TOML (`patch`). It proposes nothing a reply did not
//! show: every entry carries, as its comment, the operation, the JSON path, the
//! kinds of value seen at which microversions and how many replies.

mod compare;
mod patch;
mod replies;
mod shape;
mod typing;

use std::collections::HashMap;

use crate::model::{Endpoint, FieldType, Top};

pub use patch::{merge, render};
pub use replies::{Replies, Reply, parse_reply, read_replies};
use shape::{Guide, Node};

/// One proposed overlay entry: a field of an operation's response.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The operation as the generated client names it.
    pub operation: String,
    /// The field's overlay path (`flavor/swap`).
    pub path: String,
    /// What the replies contradicted.
    pub kind: EntryKind,
    /// The overlay keys to set, in the order written.
    pub keys: Vec<(&'static str, Setting)>,
    /// What supports it: operation, JSON path, values seen, replies, microversions.
    pub evidence: String,
}

/// What an entry corrects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A field the model has no place for.
    NewField,
    /// A required field that replies left out.
    Optional,
    /// A required field sent as `null`.
    Nullable,
    /// A field whose values are not of its type.
    Type,
    /// An enum's value it does not list.
    Enum,
    /// A field of a wrong wrapper, which never came.
    Remove,
}

/// An overlay key's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Setting {
    /// A string (`type`, `since`).
    Text(String),
    /// A boolean (`nullable`, `required`, `remove`).
    Flag(bool),
    /// A list of strings (`enum`).
    List(Vec<String>),
}

/// What `learn` found.
#[derive(Debug, Clone, Default)]
pub struct Learnt {
    /// The proposed entries, operations in the model's order.
    pub entries: Vec<Entry>,
    /// How many replies were compared with an operation of the model.
    pub compared: usize,
    /// How many operations they were of.
    pub operations: usize,
    /// Operations replies named that the model does not have, with their count.
    pub unknown_operations: Vec<(String, usize)>,
}

/// Compares `replies` with the response types of `endpoints`.
pub fn learn(endpoints: &[Endpoint], replies: &[Reply]) -> Learnt {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in endpoints.iter().enumerate() {
        by_name.entry(e.name.as_str()).or_default().push(i);
    }
    let mut trees: Vec<Option<Node>> = vec![None; endpoints.len()];
    let mut unknown: Vec<(String, usize)> = Vec::new();
    let mut compared = 0;
    for (n, reply) in replies.iter().enumerate() {
        let found = by_name.get(reply.operation.as_str()).and_then(|list| {
            list.iter()
                .copied()
                .find(|&i| reply.service.is_empty() || endpoints[i].service == reply.service)
        });
        let Some(index) = found else {
            match unknown
                .iter_mut()
                .find(|(name, _)| *name == reply.operation)
            {
                Some((_, count)) => *count += 1,
                None => unknown.push((reply.operation.clone(), 1)),
            }
            continue;
        };
        compared += 1;
        let endpoint = &endpoints[index];
        let tree = trees[index].get_or_insert_with(Node::default);
        let array;
        let guide = match endpoint.response.as_ref() {
            None => Guide::Free,
            Some(body) => match (&body.top, &reply.body) {
                (Top::Array(item) | Top::ArrayOrObject(item), serde_json::Value::Array(_)) => {
                    array = FieldType::Array(Box::new(item.clone()));
                    Guide::Type(&array)
                }
                _ => Guide::Object(&body.object),
            },
        };
        tree.observe(&reply.body, guide, reply.microversion, n);
    }
    let mut learnt = Learnt {
        compared,
        unknown_operations: unknown,
        ..Learnt::default()
    };
    for (endpoint, tree) in endpoints.iter().zip(&trees) {
        if let Some(tree) = tree {
            learnt.operations += 1;
            learnt.entries.extend(compare::compare(
                &endpoint.name,
                endpoint.response.as_ref(),
                tree,
            ));
        }
    }
    learnt
}
