//! Doc comments for generated items, from the doc's RST prose.

/// RST inline markup as Markdown: ``` ``x`` ``` -> `` `x` ``, `` `text <url>`__ `` ->
/// `[text](url)`. Square brackets are escaped so rustdoc does not take them for links.
pub fn rst_to_markdown(text: &str) -> String {
    // Most descriptions have no markup: copied as they are (each `find` is one
    // `memchr`, where a `replace` copies the text again).
    if !text.contains('[') && !text.contains(']') && !text.contains('`') {
        return text.to_owned();
    }
    let text = text.replace('[', "\\[").replace(']', "\\]");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find('`') {
        // A Sphinx role (`:ref:`, `:doc:`) names a page of the reference's own
        // site: its text is what a reader needs (`text <label>` shows `text`).
        if let Some(role_len) = role_before(&rest[..start])
            && let Some(end) = rest[start + 1..].find('`')
        {
            out.push_str(&rest[..start - role_len]);
            let inner = &rest[start + 1..start + 1 + end];
            let shown = match (inner.rfind('<'), inner.ends_with('>')) {
                (Some(lt), true) if lt > 0 => inner[..lt].trim(),
                _ => inner.trim(),
            };
            out.push_str(shown);
            rest = &rest[start + 1 + end + 1..];
            continue;
        }
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        if let Some(inner) = after.strip_prefix("``") {
            if let Some(end) = inner.find("``") {
                out.push('`');
                out.push_str(&inner[..end]);
                out.push('`');
                rest = &inner[end + 2..];
                continue;
            }
        } else if let Some(inner) = after.strip_prefix('`')
            && let Some(end) = inner.find("`__").or_else(|| inner.find("`_"))
        {
            {
                let link = &inner[..end];
                let skip = if inner[end..].starts_with("`__") {
                    3
                } else {
                    2
                };
                match (link.rfind('<'), link.ends_with('>')) {
                    (Some(lt), true) => {
                        let label = link[..lt].trim();
                        let url = &link[lt + 1..link.len() - 1];
                        out.push_str(&format!("[{label}]({})", url.replace(' ', "")));
                    }
                    _ => out.push_str(link),
                }
                rest = &inner[end + skip..];
                continue;
            }
        }
        out.push('`');
        rest = &after[1..];
    }
    out.push_str(rest);
    out
}

/// The length of a role marker (`:ref:`) that `text` ends with, if it ends with one.
fn role_before(text: &str) -> Option<usize> {
    let body = text.strip_suffix(':')?;
    let start = body.rfind(':')?;
    let name = &body[start + 1..];
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .then_some(name.len() + 2)
}

/// Doc lines for a field: its description, then the facts the overlay added.
pub fn field_doc(
    description: &str,
    format: Option<&str>,
    since: Option<&str>,
    until: Option<&str>,
) -> String {
    let mut doc = rst_to_markdown(crate::text::trim(description));
    let mut facts = Vec::new();
    if let Some(format) = format {
        facts.push(format!("Format: `{format}`."));
    }
    if let Some(since) = since {
        facts.push(format!("Since microversion {since}."));
    }
    if let Some(until) = until {
        facts.push(format!("Up to microversion {until}."));
    }
    if !facts.is_empty() {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&facts.join(" "));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_inline_markup() {
        assert_eq!(
            rst_to_markdown("the ``name`` attribute"),
            "the `name` attribute"
        );
        assert_eq!(
            rst_to_markdown("`ISO 8601 <https://en.wikipedia.org/wiki/ISO_8601>`__ : x"),
            "[ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) : x"
        );
        assert_eq!(rst_to_markdown("a [b] `c"), "a \\[b\\] `c");
    }

    #[test]
    fn adds_microversion_facts() {
        assert_eq!(
            field_doc("The description.", None, Some("2.19"), None),
            "The description.\n\nSince microversion 2.19."
        );
    }

    #[test]
    fn sphinx_roles_show_their_text() {
        assert_eq!(
            rst_to_markdown("see :ref:`list-server-request` Section."),
            "see list-server-request Section."
        );
        // A role with a label, then a link: each is read on its own.
        assert_eq!(
            rst_to_markdown(
                "the :ref:`os-availability-zone API <os-availability-zone>`, not the \
                 `default zone <https://x.example/az>`_ when creating."
            ),
            "the os-availability-zone API, not the [default zone](https://x.example/az) when creating."
        );
        assert_eq!(rst_to_markdown(":doc:`guide`"), "guide");
        // Not a role: a colon-delimited word before a literal stays as it was.
        assert_eq!(rst_to_markdown("key: ``value``"), "key: `value`");
    }
}
