//! Names unique per service, without numbers.
//!
//! Operations whose base names collide are told apart by what differs between
//! them, in this order, each step only among the operations still colliding:
//! 1. the API version: all but the newest get it (`list_v2`, beside `/v2.1/`'s `list`);
//! 2. the `os-` prefix: where cutting it made two names one, those that had it keep
//!    it (`os_reset_status` beside `reset_status`);
//! 3. the placeholders: at the first one where they differ, each that has one
//!    gets `by_` and its name (`get_by_ip`, `get_by_name`);
//! 4. the request's top-level key, when it is not the resource's own singular
//!    (`POST /networks` with `network` stays `create`, with `networks` is
//!    `create_networks`);
//! 5. the title's own words, those no namesake's title has, without the name's
//!    words, nor, between two namesakes, the resource's singular (`create` for
//!    "Create Server", `create_multiple` for "Create Multiple Servers"): the
//!    structure was the same;
//! 6. the doc file's name, the same way.
//!
//! What is still shared after that is a conflict for the caller to report.

use std::collections::{BTreeMap, HashMap};

use crate::names::{singular, words};

use super::base::{RawName, ServiceShape, base_name};
use super::path::{ParsedPath, Token, ident_words, join_words, parse_path, version_numbers};
use super::{NameBasis, OperationInput};

/// Words a title uses to join its nouns; they tell nothing apart.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "with", "for", "of", "to", "and", "or", "in", "on", "by", "from",
];

/// A way to tell apart the members of one group of namesakes.
type Step = fn(&[OperationInput], &mut [State], &[usize]);

/// One operation while its name is made.
struct State {
    path: ParsedPath,
    /// The base name with `os-` prefixes cut, and kept.
    base: RawName,
    base_os: RawName,
    keep_os: bool,
    /// Words appended to the function by the steps.
    suffix: Vec<String>,
    basis: NameBasis,
}

impl State {
    fn name(&self) -> RawName {
        let base = if self.keep_os {
            &self.base_os
        } else {
            &self.base
        };
        if self.suffix.is_empty() {
            return base.clone();
        }
        let mut function: Vec<String> = base.function.split('_').map(String::from).collect();
        function.extend(self.suffix.iter().cloned());
        RawName {
            module: base.module.clone(),
            function: join_words(&function),
        }
    }
}

/// The unique names (raw snake_case), where each came from, and the groups of
/// operations nothing told apart.
pub fn unique_names(ops: &[OperationInput]) -> (Vec<RawName>, Vec<NameBasis>, Vec<Vec<usize>>) {
    let paths: Vec<ParsedPath> = ops.iter().map(|op| parse_path(&op.path)).collect();
    let mut shapes: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, op) in ops.iter().enumerate() {
        shapes.entry(op.service.as_str()).or_default().push(i);
    }
    let shapes: HashMap<&str, ServiceShape> = shapes
        .into_iter()
        .map(|(service, members)| {
            let shape = ServiceShape::new(members.iter().map(|&i| (ops[i].method, &paths[i])));
            (service, shape)
        })
        .collect();
    let mut states: Vec<State> = ops
        .iter()
        .zip(paths)
        .map(|(op, path)| {
            let shape = &shapes[op.service.as_str()];
            let key = op.request_key.as_deref();
            State {
                base: base_name(op.method, &path, key, shape, false),
                base_os: base_name(op.method, &path, key, shape, true),
                path,
                keep_os: false,
                suffix: Vec::new(),
                basis: NameBasis::Structure,
            }
        })
        .collect();
    let steps: [Step; 6] = [
        by_version,
        by_os_prefix,
        by_placeholder,
        by_request_key,
        |ops, states, group| by_words(states, group, NameBasis::Title, |i| words(&ops[i].title)),
        |ops, states, group| by_words(states, group, NameBasis::File, |i| file_words(&ops[i].file)),
    ];
    for step in steps {
        for group in collisions(ops, &states) {
            step(ops, &mut states, &group);
        }
    }
    let conflicts = collisions(ops, &states);
    let names = states.iter().map(State::name).collect();
    let bases = states.iter().map(|s| s.basis).collect();
    (names, bases, conflicts)
}

/// The groups of operations of one service that share a name, in input order.
fn collisions(ops: &[OperationInput], states: &[State]) -> Vec<Vec<usize>> {
    let mut groups: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
    for (i, state) in states.iter().enumerate() {
        groups
            .entry((ops[i].service.as_str(), state.name().rust_path()))
            .or_default()
            .push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    groups
}

fn by_version(_: &[OperationInput], states: &mut [State], group: &[usize]) {
    let versions: Option<Vec<&str>> = group
        .iter()
        .map(|&i| states[i].path.version.as_deref())
        .collect();
    let Some(versions) = versions else {
        return;
    };
    let Some(newest) = versions.iter().max_by_key(|v| version_numbers(v)).copied() else {
        return;
    };
    let suffixes: Vec<(usize, Vec<String>)> = group
        .iter()
        .zip(&versions)
        .filter(|(_, v)| version_numbers(v) != version_numbers(newest))
        .map(|(&i, v)| (i, words(v)))
        .collect();
    for (i, suffix) in suffixes {
        states[i].suffix.extend(suffix);
    }
}

fn by_os_prefix(_: &[OperationInput], states: &mut [State], group: &[usize]) {
    // Only where the prefix was what made them one (`reset_status`, `os-reset_status`);
    // keeping it on every member would only lengthen the names.
    let kept: std::collections::HashSet<String> = group
        .iter()
        .map(|&i| {
            let state = &states[i];
            State {
                keep_os: true,
                path: state.path.clone(),
                base: state.base.clone(),
                base_os: state.base_os.clone(),
                suffix: state.suffix.clone(),
                basis: state.basis,
            }
            .name()
            .rust_path()
        })
        .collect();
    if kept.len() < 2 {
        return;
    }
    for &i in group {
        if states[i].base_os != states[i].base {
            states[i].keep_os = true;
        }
    }
}

fn by_placeholder(_: &[OperationInput], states: &mut [State], group: &[usize]) {
    // The item's own key first: the last placeholder after the module's resources
    // (`config/{group}` and `config/{group}/{option}` -> `by_group`, `by_option`).
    let keys: Vec<Option<String>> = group.iter().map(|&i| item_key(&states[i])).collect();
    let distinct: std::collections::HashSet<&Option<String>> = keys.iter().collect();
    if distinct.len() == group.len() {
        for (&i, key) in group.iter().zip(keys) {
            if let Some(key) = key {
                states[i].suffix.push("by".into());
                states[i].suffix.extend(words(&key));
            }
        }
        return;
    }
    // Else the first placeholder of the whole path where they differ (a project
    // scope that one has and the other has not).
    let params: Vec<Vec<String>> = group
        .iter()
        .map(|&i| {
            states[i]
                .path
                .params()
                .into_iter()
                .map(String::from)
                .collect()
        })
        .collect();
    let longest = params.iter().map(Vec::len).max().unwrap_or(0);
    let Some(at) = (0..longest).find(|&at| params.iter().any(|p| p.get(at) != params[0].get(at)))
    else {
        return;
    };
    for (&i, p) in group.iter().zip(&params) {
        if let Some(name) = p.get(at) {
            states[i].suffix.push("by".into());
            states[i].suffix.extend(words(name));
        }
    }
}

/// The last placeholder after the literal of the operation's innermost module.
fn item_key(state: &State) -> Option<String> {
    let modules = state.base.module.len();
    let mut literals = 0;
    let mut key = None;
    for token in &state.path.tokens {
        match token {
            Token::Literal(_) => literals += 1,
            Token::Param(p) if literals >= modules => key = Some(p.clone()),
            Token::Param(_) => {}
        }
    }
    key
}

fn by_request_key(ops: &[OperationInput], states: &mut [State], group: &[usize]) {
    let keys: Vec<Option<&str>> = group
        .iter()
        .map(|&i| ops[i].request_key.as_deref())
        .collect();
    if keys.iter().all(|k| *k == keys[0]) {
        return;
    }
    // The key that stays unsaid: the resource's own singular (`network` of
    // `networks`), else the key most members send (the first of a tie).
    let resource = states[group[0]].name().module.last().map(|m| singular(m));
    let key_name = |key: &str| join_words(&ident_words(key, false));
    let count = |key: Option<&str>| keys.iter().filter(|k| **k == key).count();
    let plain = keys
        .iter()
        .find(|k| k.is_some_and(|k| Some(key_name(k)) == resource))
        .or_else(|| {
            keys.iter()
                .max_by_key(|k| (count(**k), std::cmp::Reverse(position(&keys, **k))))
        })
        .copied()
        .flatten();
    for (&i, key) in group.iter().zip(&keys) {
        if let Some(key) = key
            && Some(*key) != plain
        {
            let keep_os = states[i].keep_os;
            states[i].suffix.extend(ident_words(key, keep_os));
        }
    }
}

fn position(keys: &[Option<&str>], key: Option<&str>) -> usize {
    keys.iter().position(|k| *k == key).unwrap_or(usize::MAX)
}

/// Each operation of `group` gets the words of `text(i)` that set it apart: those
/// at most half the members' texts have (short names for a big group, like
/// Keystone's ways to get a token), or else those not every member's text has;
/// never the words its name already has.
fn by_words(
    states: &mut [State],
    group: &[usize],
    basis: NameBasis,
    text: impl Fn(usize) -> Vec<String>,
) {
    let texts: Vec<Vec<String>> = group
        .iter()
        .map(|&i| {
            text(i)
                .into_iter()
                .filter(|w| !STOP_WORDS.contains(&w.as_str()))
                .collect()
        })
        .collect();
    let share = |w: &String| texts.iter().filter(|t| t.contains(w)).count();
    let rare = |w: &String| share(w) * 2 <= texts.len();
    let not_common = |w: &String| share(w) < texts.len();
    let suffixes = |keep: &dyn Fn(&String) -> bool| -> Vec<Vec<String>> {
        group
            .iter()
            .zip(&texts)
            .map(|(&i, own)| {
                let name = states[i].name();
                let taken: Vec<&str> = name
                    .module
                    .iter()
                    .chain([&name.function])
                    .flat_map(|m| m.split('_'))
                    .collect();
                let mut extra: Vec<String> = Vec::new();
                for w in own {
                    // Of two namesakes, one the title calls by the resource's own
                    // name ("Show port details" beside "Show trunk details", under
                    // `ports`) is the resource's plain operation. Among more, the
                    // resource's name is one variant beside others (Keystone's
                    // token, password and application-credential logins).
                    let resource = group.len() == 2 && taken.iter().any(|t| singular(t) == *w);
                    let known = taken.contains(&w.as_str()) || resource;
                    if keep(w) && !known && !extra.contains(w) {
                        extra.push(w.clone());
                    }
                }
                extra
            })
            .collect()
    };
    let mut chosen = suffixes(&rare);
    let distinct = |chosen: &[Vec<String>]| {
        let names: std::collections::HashSet<String> = group
            .iter()
            .zip(chosen)
            .map(|(&i, extra)| {
                let mut function: Vec<String> = states[i]
                    .name()
                    .function
                    .split('_')
                    .map(String::from)
                    .collect();
                function.extend(extra.iter().cloned());
                join_words(&function)
            })
            .collect();
        names.len() == group.len()
    };
    if !distinct(&chosen) {
        chosen = suffixes(&not_common);
    }
    for (&i, extra) in group.iter().zip(chosen) {
        if !extra.is_empty() {
            states[i].suffix.extend(extra);
            states[i].basis = basis;
        }
    }
}

/// `.../v3/authenticate-v3.inc` -> `authenticate`, `v3`.
fn file_words(file: &str) -> Vec<String> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.split('.').next().unwrap_or(name);
    words(stem)
}
