//! Operations of the reference that this environment cannot serve, each with why.
//! The report lists them as "n/a"; one that is called ok after all fails the test,
//! so the table cannot go stale.

pub const NOT_SERVABLE: &[(&str, &str)] = &[];
