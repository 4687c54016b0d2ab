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

use super::types::Uses;

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
    /// What its code uses, for the imports of whichever module holds it.
    pub uses: Uses,
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

/// Each definition's shape key: its code without docs, the names of its
/// module's types replaced by their keys (bottom up). Its own name stays: shapes
/// are compared within one name.
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
    for part in type_names(&defs[i].code) {
        match part {
            Part::Text(text) => hasher.write(text.as_bytes()),
            // Its own name, as written: shapes are compared within one name.
            Part::Name(name) if name == defs[i].name => hasher.write(name.as_bytes()),
            Part::Name(name) => match local.get(name) {
                Some(&child) => {
                    let k = key(child, defs, local, memo, visiting);
                    hasher.write(&k.to_le_bytes());
                }
                None => hasher.write(name.as_bytes()),
            },
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
    for part in type_names(&def.code) {
        if let Part::Name(name) = part
            && name != def.name
            && let Some(&i) = local.get(name)
            && !out.contains(&i)
        {
            out.push(i);
        }
    }
    out
}

/// A stretch of code: plain text, or a word that may name a type (it starts
/// with an upper-case letter, as every generated type name does).
enum Part<'a> {
    Text(&'a str),
    Name(&'a str),
}

/// The code without its doc attributes, cut at every capitalised word of the
/// lines that can name another type: field declarations (`pub links:
/// Nullable<Vec<Link>>,`) and enum variants (`List(Vec<Network>),`). Other lines
/// are whole texts, hashed by std's (optimised) hasher: this runs unoptimised in
/// the macro, where a loop of our own over every byte of a large reference's
/// code would cost more than the rest of the comparison.
fn type_names(code: &str) -> impl Iterator<Item = Part<'_>> {
    code.lines()
        .filter(|line| !line.trim_start().starts_with("#[doc = "))
        .flat_map(|line| {
            let trimmed = line.trim();
            if !(trimmed.starts_with("pub ") || trimmed.ends_with("),")) {
                return vec![Part::Text(line)];
            }
            let bytes = line.as_bytes();
            let mut parts = Vec::new();
            let (mut start, mut i) = (0, 0);
            while i < bytes.len() {
                let word_start = bytes[i].is_ascii_uppercase()
                    && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
                if !word_start {
                    i += 1;
                    continue;
                }
                let end = bytes[i..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                    .map_or(bytes.len(), |n| i + n);
                if start < i {
                    parts.push(Part::Text(&line[start..i]));
                }
                parts.push(Part::Name(&line[i..end]));
                start = end;
                i = end;
            }
            if start < bytes.len() {
                parts.push(Part::Text(&line[start..]));
            }
            parts
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, code: &str) -> Def {
        Def {
            name: name.into(),
            code: code.into(),
            uses: Uses::default(),
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
}
