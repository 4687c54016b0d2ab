//! A YAML document as a tree whose every node knows its line and column.
//!
//! Read with granit-parser's event API, which gives the span of every event. The
//! files read here are written for PyYAML, so the tree follows it where YAML 1.1
//! and 1.2 part: merge keys (`<<: *a`, `<<: [*a, *b]`) are applied, the keys
//! written in the map winning over merged ones and earlier merged maps over later
//! ones. Aliases become a copy of the node they name. A map keeps its keys in
//! order, duplicates included: what a duplicate means is the caller's to say.

use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle, Span};

use crate::diagnostic::Diagnostic;

/// One node, with where it is written (an alias: where the alias is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// The text after escapes, folding and chomping. Only a `plain` scalar (no
    /// quotes, no `|` or `>`) can stand for null, a boolean or a number.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The text of a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A plain scalar that YAML reads as null: empty, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What the node is, for messages: `a map`, `a list`, `text`.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

/// Reads the one document of `text`; `None` when it holds no node. Text that is
/// not YAML, an alias to no anchor, a merge key whose value is not a map or a
/// list of maps, and a second document are errors, as they are to PyYAML.
pub fn read(file: &str, text: &str) -> Result<Option<Node>, Vec<Diagnostic>> {
    let mut options = granit_parser::options! {
        emit_unresolved_aliases: true,
        // The last line of a block scalar at the end of the file ends as PyYAML
        // ends it.
        block_scalar_eof_without_line_feed: true,
    };
    options.set_emit_comments(false);
    let mut builder = Builder {
        file,
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        errors: Vec::new(),
    };
    for event in Parser::new_from_str_with_options(text, options) {
        match event {
            Ok((event, span)) => builder.event(event, span),
            Err(e) => {
                let at = e.marker();
                builder.errors.push(Diagnostic::error(
                    file,
                    at.line().max(1),
                    at.col() + 1,
                    format!("not YAML: {}", e.info()),
                ));
                break;
            }
        }
    }
    if builder.errors.is_empty() {
        Ok(builder.root)
    } else {
        Err(builder.errors)
    }
}

/// A collection being read.
struct Frame {
    line: usize,
    column: usize,
    anchor: usize,
    items: Vec<Node>,
    map: bool,
}

struct Builder<'f> {
    file: &'f str,
    stack: Vec<Frame>,
    /// Anchored nodes by the parser's anchor id, once complete.
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    errors: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) {
        let (line, column) = (span.start.line(), span.start.col() + 1);
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let plain = style == ScalarStyle::Plain;
                let value = Value::Scalar {
                    text: text.into_owned(),
                    plain,
                };
                self.complete(
                    Node {
                        line,
                        column,
                        value,
                    },
                    anchor,
                );
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                let map = matches!(event, Event::MappingStart(..));
                self.stack.push(Frame {
                    line,
                    column,
                    anchor,
                    items: Vec::new(),
                    map,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return;
                };
                let value = if frame.map {
                    Value::Map(self.merged(pairs(frame.items)))
                } else {
                    Value::Seq(frame.items)
                };
                let node = Node {
                    line: frame.line,
                    column: frame.column,
                    value,
                };
                self.complete(node, frame.anchor);
            }
            Event::Alias(id) => {
                let value = match self.anchors.get(&id) {
                    Some(node) => node.value.clone(),
                    None => {
                        self.error(line, column, "an alias to the node that holds it");
                        null()
                    }
                };
                self.complete(
                    Node {
                        line,
                        column,
                        value,
                    },
                    0,
                );
            }
            Event::UnresolvedAlias(name) => {
                self.error(
                    line,
                    column,
                    format!("`*{name}` names no anchor defined above"),
                );
                self.complete(
                    Node {
                        line,
                        column,
                        value: null(),
                    },
                    0,
                );
            }
            _ => {}
        }
    }

    fn complete(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            Some(frame) => frame.items.push(node),
            None if self.root.is_some() => self.error(
                node.line,
                node.column,
                "a second YAML document: expected one map of parameters",
            ),
            None => self.root = Some(node),
        }
    }

    /// A map's pairs with its merge keys applied, as PyYAML applies them: the
    /// keys written in the map first, then each merged key that is not there yet,
    /// from the first merged map to the last.
    fn merged(&mut self, pairs: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
        if !pairs.iter().any(|(key, _)| is_merge_key(key)) {
            return pairs;
        }
        let mut own = Vec::with_capacity(pairs.len());
        let mut sources = Vec::new();
        for (key, value) in pairs {
            if !is_merge_key(&key) {
                own.push((key, value));
                continue;
            }
            match value.value {
                Value::Map(merged) => sources.push(merged),
                Value::Seq(items) => {
                    for item in items {
                        match item.value {
                            Value::Map(merged) => sources.push(merged),
                            _ => self.error(
                                item.line,
                                item.column,
                                format!("`<<:` merges maps, found {}", item.kind()),
                            ),
                        }
                    }
                }
                Value::Scalar { .. } => self.error(
                    value.line,
                    value.column,
                    format!(
                        "`<<:` merges a map or a list of maps (like `*name`), found {}",
                        value.kind()
                    ),
                ),
            }
        }
        let mut out = own;
        for merged in sources {
            for (key, value) in merged {
                let taken = key.scalar().is_some_and(|name| {
                    out.iter()
                        .any(|(k, _): &(Node, Node)| k.scalar() == Some(name))
                });
                if !taken {
                    out.push((key, value));
                }
            }
        }
        out
    }

    fn error(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.errors
            .push(Diagnostic::error(self.file, line, column, message));
    }
}

/// `<<` written plain: YAML 1.1's merge key.
fn is_merge_key(key: &Node) -> bool {
    matches!(&key.value, Value::Scalar { text, plain: true } if text == "<<")
}

fn null() -> Value {
    Value::Scalar {
        text: String::new(),
        plain: true,
    }
}

/// A map's nodes, key then value, as pairs.
fn pairs(items: Vec<Node>) -> Vec<(Node, Node)> {
    let mut pairs = Vec::with_capacity(items.len() / 2);
    let mut items = items.into_iter();
    while let (Some(key), Some(value)) = (items.next(), items.next()) {
        pairs.push((key, value));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(node: &Node) -> Vec<(&str, &Node)> {
        match &node.value {
            Value::Map(pairs) => pairs
                .iter()
                .map(|(k, v)| (k.scalar().unwrap(), v))
                .collect(),
            _ => panic!("not a map: {node:?}"),
        }
    }

    #[test]
    fn nodes_keep_their_places() {
        let root = read("f.yaml", "# c\na:\n    b: 'x'  # c\n    é: \"y\"\n")
            .unwrap()
            .unwrap();
        let a = map(&root)[0].1;
        let fields = map(a);
        assert_eq!(fields[0].0, "b");
        assert_eq!((fields[0].1.line, fields[0].1.column), (3, 8));
        assert_eq!(fields[0].1.scalar(), Some("x"));
        assert_eq!((fields[1].1.line, fields[1].1.column), (4, 8));
    }

    #[test]
    fn merges_follow_pyyaml() {
        let text = "\
a: &a {x: 1, y: 1, z: 1}
b: &b {y: 2, w: 2}
c:
  <<: [*a, *b]
  z: 3
d:
  <<: *b
";
        let root = read("f.yaml", text).unwrap().unwrap();
        let top = map(&root);
        let c: Vec<_> = map(top[2].1)
            .into_iter()
            .map(|(k, v)| (k, v.scalar().unwrap()))
            .collect();
        assert_eq!(c, [("z", "3"), ("x", "1"), ("y", "1"), ("w", "2")]);
        let d: Vec<_> = map(top[3].1).into_iter().map(|(k, _)| k).collect();
        assert_eq!(d, ["y", "w"]);
    }

    #[test]
    fn errors_have_places() {
        let err = read("f.yaml", "a:\n  b: *nope\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (2, 6));
        assert!(err[0].message.contains("`*nope`"), "{}", err[0].message);
        let err = read("f.yaml", "a:\n  <<: x\n").unwrap_err();
        assert_eq!((err[0].line, err[0].column), (2, 7));
        let err = read("f.yaml", "a: [1\nb: 2\n").unwrap_err();
        assert!(
            err[0].message.starts_with("not YAML: "),
            "{}",
            err[0].message
        );
        let err = read("f.yaml", "a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err[0].line, 3);
        assert_eq!(read("f.yaml", "# only a comment\n").unwrap(), None);
    }
}
