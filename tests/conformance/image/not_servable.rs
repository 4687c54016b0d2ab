//! Operations of the reference that this environment cannot serve, each with why.
//! The report lists them as "n/a"; one that is called ok after all fails the test,
//! so the table cannot go stale.

/// Why `op` cannot be served here, if it cannot.
pub fn reason(op: &str) -> Option<&'static str> {
    NOT_SERVABLE
        .iter()
        .find(|(name, _)| *name == op)
        .map(|(_, why)| *why)
}

const NOT_SERVABLE: &[(&str, &str)] = &[];
