//! The sweep: every operation no lifecycle called (successfully or not) is called
//! once, as admin at 3.71, with the reference's own request sample and the ids
//! the lifecycles left, so the report shows what Cinder said to each.

use crate::{Run, Step};

/// Calls every operation not called yet (see the module doc).
pub async fn sweep(run: &Run) -> Step {
    let project = |name: &str| {
        matches!(name, "project_id" | "admin_project_id" | "project-id")
            .then(|| run.project.clone())
    };
    run.ctx.sweep("3.71", "1", |_, _| false, project).await
}
