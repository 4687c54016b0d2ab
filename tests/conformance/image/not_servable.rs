//! Operations of Glance's reference that this environment cannot serve, each with
//! why. The report lists them as "n/a"; one that is called ok after all fails the
//! test, so the table cannot go stale.

pub const NOT_SERVABLE: &[(&str, &str)] = &[(
    "stores::delete",
    "the harness has one store (`fs`); Glance 33 answers 403 \"Cannot delete image data \
         from the only store containing it\"",
)];
