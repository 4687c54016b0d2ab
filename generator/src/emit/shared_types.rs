//! One type per shape, per service: a struct or enum that several operations'
//! modules define alike (`Link`, a `Server` whose fields agree) is written once, in
//! the client's `types` module, and each of those modules re-exports it, so
//! `servers::get::Server` and `servers::list_detailed::Server` are one type a
//! caller can pass between calls, and every path that named it still does.
//!
//! Alike means the same code apart from docs, with the types it names alike too
//! (its children are compared the same way, bottom up): a request's `Server`
//! (`Option` fields) never matches a response's (`Nullable`). Of several shapes
//! with one name, the most common one is shared and the others stay in their
//! modules. A shared type's children are shared with it, or it stays local.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use super::runtime_path::RuntimePath;

/// The types named after their operation's parts rather than a resource: a
/// `types::Response` would say nothing, so they stay in their modules (their
/// fields' types are shared all the same).
const OPERATION_OWN: &[&str] = &[
    "Request",
    "Response",
    "Query",
    "RequestObject",
    "ResponseObject",
    "Item",
    "ResponseItem",
];

/// A type definition as one module wrote it.
#[derive(Debug, Clone)]
pub struct Def {
    /// The type's name in its module (`Server`).
    pub name: String,
    /// Its code, docs included.
    pub code: String,
}

/// One shape of a name: its key, how many modules define it, and where first
/// (module, definition).
type Shape = (u64, usize, (usize, usize));

/// Which types of which modules are shared.
#[derive(Debug, Default)]
pub struct Sharing {
    /// The shared definitions, in first-seen order.
    pub shared: Vec<Def>,
    /// Per module (by index), the names it takes from the shared module.
    pub taken: Vec<Vec<String>>,
}

/// Decides sharing for the modules of one service, each given as its definitions.
/// `modules[i]` keeps, after this, only what it does not take from the shared
/// module.
pub fn share(modules: &mut [Vec<Def>]) -> Sharing {
    let keys: Vec<Vec<u64>> = modules.iter().map(|defs| keys(defs)).collect();
    // For each name, how many modules define each shape, and where it was first.
    let mut groups: BTreeMap<&str, Vec<Shape>> = BTreeMap::new();
    for (m, defs) in modules.iter().enumerate() {
        for (d, def) in defs.iter().enumerate() {
            if OPERATION_OWN.contains(&def.name.as_str()) {
                continue;
            }
            let entry = groups.entry(def.name.as_str()).or_default();
            match entry.iter_mut().find(|(key, ..)| *key == keys[m][d]) {
                Some((_, count, _)) => *count += 1,
                None => entry.push((keys[m][d], 1, (m, d))),
            }
        }
    }
    // The most common shape of each name, when two modules or more have it.
    let mut chosen: HashMap<String, (u64, (usize, usize))> = HashMap::new();
    for (name, shapes) in groups {
        let best = shapes
            .iter()
            .filter(|(_, count, _)| *count > 1)
            .max_by_key(|(_, count, first)| (*count, std::cmp::Reverse(*first)));
        if let Some((key, _, first)) = best {
            chosen.insert(name.to_string(), (*key, *first));
        }
    }
    // A shared type whose children are not shared with it stays local; repeat
    // until nothing changes (a parent dropped never makes a child wrong).
    loop {
        let mut dropped = Vec::new();
        for (name, (_, (m, d))) in &chosen {
            let defs = &modules[*m];
            let local: HashMap<&str, usize> = defs
                .iter()
                .enumerate()
                .map(|(i, def)| (def.name.as_str(), i))
                .collect();
            let ok = children(&defs[*d], &local).iter().all(|&child| {
                chosen
                    .get(&defs[child].name)
                    .is_some_and(|(k, _)| *k == keys[*m][child])
            });
            if !ok {
                dropped.push(name.clone());
            }
        }
        if dropped.is_empty() {
            break;
        }
        for name in dropped {
            chosen.remove(&name);
        }
    }
    let mut firsts: Vec<(usize, usize)> = chosen.values().map(|(_, first)| *first).collect();
    firsts.sort_unstable();
    let shared = firsts.iter().map(|&(m, d)| modules[m][d].clone()).collect();
    let mut taken = Vec::with_capacity(modules.len());
    for (m, defs) in modules.iter_mut().enumerate() {
        let mut mine = Vec::new();
        let mut keep = Vec::new();
        for (d, def) in defs.drain(..).enumerate() {
            match chosen.get(&def.name) {
                Some((key, _)) if *key == keys[m][d] => mine.push(def.name),
                _ => keep.push(def),
            }
        }
        *defs = keep;
        taken.push(mine);
    }
    Sharing { shared, taken }
}

/// Each definition's shape key: its code's tokens without docs, its own name
/// and the names of its module's types replaced by theirs (bottom up).
fn keys(defs: &[Def]) -> Vec<u64> {
    let local: HashMap<&str, usize> = defs
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect();
    let mut memo: Vec<Option<u64>> = vec![None; defs.len()];
    let mut visiting = HashSet::new();
    (0..defs.len())
        .map(|i| key(i, defs, &local, &mut memo, &mut visiting))
        .collect()
}

fn key(
    i: usize,
    defs: &[Def],
    local: &HashMap<&str, usize>,
    memo: &mut Vec<Option<u64>>,
    visiting: &mut HashSet<usize>,
) -> u64 {
    if let Some(k) = memo[i] {
        return k;
    }
    let mut hasher = DefaultHasher::new();
    if !visiting.insert(i) {
        // A cycle (no sample makes one): the definition is its own shape.
        i.hash(&mut hasher);
        defs[i].code.hash(&mut hasher);
        return hasher.finish();
    }
    for token in tokens(&defs[i].code) {
        match token {
            Token::Word(w) if w == defs[i].name => "Self".hash(&mut hasher),
            Token::Word(w) => match local.get(w) {
                Some(&child) => key(child, defs, local, memo, visiting).hash(&mut hasher),
                None => w.hash(&mut hasher),
            },
            Token::Str(s) if s == defs[i].name => "Self".hash(&mut hasher),
            Token::Str(s) => s.hash(&mut hasher),
            Token::Punct(c) => c.hash(&mut hasher),
        }
    }
    visiting.remove(&i);
    let k = hasher.finish();
    memo[i] = Some(k);
    k
}

/// The module's types a definition names (other than itself).
fn children(def: &Def, local: &HashMap<&str, usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for token in tokens(&def.code) {
        if let Token::Word(w) = token
            && w != def.name
            && let Some(&i) = local.get(w)
            && !out.contains(&i)
        {
            out.push(i);
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    /// A string literal's contents, escapes as written.
    Str(&'a str),
    Punct(char),
}

/// The code's tokens, doc attributes left out: words, string literals and
/// punctuation, whitespace dropped.
fn tokens(code: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for line in code.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[doc = ") {
            continue;
        }
        let bytes = trimmed.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c.is_ascii_alphanumeric() || c == b'_' {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push(Token::Word(&trimmed[start..i]));
            } else if c == b'"' {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                out.push(Token::Str(&trimmed[start..i.min(bytes.len())]));
                i += 1;
            } else if c.is_ascii_whitespace() {
                i += 1;
            } else {
                // Multi-byte text occurs only in docs and strings, both handled.
                out.push(Token::Punct(c as char));
                i += 1;
            }
        }
    }
    out
}

/// The `use` lines `code` needs: the runtime's items and `BTreeMap` it names,
/// serde's derives, the runtime's `object` module; nothing it does not use.
pub fn imports_for(code: &str, rt: &RuntimePath) -> String {
    let mut words: HashSet<&str> = HashSet::new();
    for token in tokens(code) {
        if let Token::Word(w) = token {
            words.insert(w);
        }
    }
    let mut out = String::new();
    if words.contains("Serialize") || words.contains("Deserialize") {
        out.push_str(&format!(
            "use {rt}::__private::serde::{{Deserialize, Serialize}};\n"
        ));
    }
    if words.contains("object") {
        out.push_str(&format!("use {rt}::object;\n"));
    }
    let runtime: Vec<&str> = ["Extra", "Json", "Nullable", "OrEmpty", "Timestamp"]
        .into_iter()
        .filter(|name| words.contains(name))
        .collect();
    if !runtime.is_empty() {
        out.push_str(&format!("use {rt}::{{{}}};\n", runtime.join(", ")));
    }
    if words.contains("BTreeMap") {
        out.push_str("use ::std::collections::BTreeMap;\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, code: &str) -> Def {
        Def {
            name: name.into(),
            code: code.into(),
        }
    }

    fn link(doc: &str) -> Def {
        def(
            "Link",
            &format!("#[doc = \" {doc}\"]\npub struct Link {{ pub href: Nullable<String> }}\n"),
        )
    }

    fn server(field: &str) -> Def {
        def(
            "Server",
            &format!(
                "pub struct Server {{ pub links: Nullable<Vec<Link>>, pub {field}: Nullable<String> }}\n"
            ),
        )
    }

    #[test]
    fn alike_types_are_shared_and_the_most_common_shape_wins() {
        let mut modules = vec![
            vec![server("name"), link("one")],
            vec![server("name"), link("two")],
            vec![server("status"), link("three")],
            vec![def("Other", "pub struct Other { pub a: i64 }\n")],
        ];
        let sharing = share(&mut modules);
        let shared: Vec<&str> = sharing.shared.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(shared, ["Server", "Link"]);
        // The first module's docs go with the shared type.
        assert!(sharing.shared[1].code.contains("one"));
        assert_eq!(sharing.taken[0], ["Server", "Link"]);
        assert_eq!(sharing.taken[2], ["Link"]);
        // The third module's `Server` differs: it stays, and uses the shared `Link`.
        assert_eq!(modules[2].len(), 1);
        assert!(modules[2][0].code.contains("status"));
        assert!(modules[3][0].name == "Other" && sharing.taken[3].is_empty());
    }

    #[test]
    fn a_type_whose_children_are_not_shared_with_it_stays_local() {
        // Both `Server`s look alike, but their `Link`s differ, and the shared
        // `Link` is neither of them: nothing named `Server` may be shared.
        let other_link = def("Link", "pub struct Link { pub rel: Nullable<String> }\n");
        let mut modules = vec![
            vec![server("name"), link("a")],
            vec![server("name"), other_link.clone()],
            vec![other_link.clone()],
            vec![other_link],
        ];
        let sharing = share(&mut modules);
        let shared: Vec<&str> = sharing.shared.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(shared, ["Link"]);
        assert!(sharing.shared[0].code.contains("rel"));
        assert!(sharing.taken[0].is_empty());
        assert_eq!(modules[0].len(), 2);
    }

    #[test]
    fn imports_are_what_the_code_names_outside_docs_and_strings() {
        let rt = RuntimePath::default();
        let code = "#[doc = \" A Json value and a Timestamp.\"]\n\
                    pub struct A { pub x: Nullable<BTreeMap<String, Json>> }\n\
                    \"Extra\" => object::read(map, &mut self.x),\n";
        let imports = imports_for(code, &rt);
        assert!(
            imports.contains("use ::apiref::runtime::object;"),
            "{imports}"
        );
        assert!(imports.contains("{Json, Nullable}"), "{imports}");
        assert!(imports.contains("BTreeMap"), "{imports}");
        assert!(!imports.contains("Timestamp") && !imports.contains("Extra"));
        assert!(!imports.contains("serde"));
    }
}
