//! Image data without the binary upload: web-download from a loopback HTTP server
//! this program serves, and glance-direct from data staged through the runtime's
//! lowest-level request path; each import waited for until the image is `active`
//! and its task `success`. Then tasks: the old task API's import, from a URL that
//! cannot answer, proves the waiters fail fast with Glance's message.

use std::time::Duration;

use apiref::runtime::WaitError;
use image_conformance::ctx::Role::{Admin, Member, Reader};
use image_conformance::image as api;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::images::{active, create};
use crate::{Run, Step, text};

/// The image's bytes: Glance stores them as they are (disk format `raw`).
const DATA: &str = "conformance image data\n";

/// Serves [`DATA`] to every request on a loopback port; returns its URL.
async fn serve_data() -> Step<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/conformance.img", listener.local_addr()?);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                // One request a connection; its headers are not needed.
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request).await;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{DATA}",
                    DATA.len()
                );
                let _ = stream.write_all(reply.as_bytes()).await;
            });
        }
    });
    Ok(url)
}

/// Both import methods, each to an active image; the active image's actions.
pub async fn lifecycle(run: &Run) -> Step {
    let url = serve_data().await?;
    let web = create(run, "web-download").await?;
    run.send(
        "images::import",
        Member,
        &[&web],
        json!({"method": {"name": "web-download", "uri": url}}),
    )
    .await?;
    let image = run.wait_image(&web, &["active"]).await?;
    run.ctx.check(
        "wait image active (web-download)",
        image["size"] == json!(DATA.len()),
        format!("size {}", image["size"]),
    );
    import_task(run, &web).await?;
    active(run, &web).await?;

    // glance-direct: the data is staged first. Staging is a binary body, which
    // the generated functions do not send yet (see not_servable.rs); the runtime's
    // call path sends these bytes as they are.
    let direct = create(run, "glance-direct").await?;
    run.ctx
        .client(Member)
        .prepare(&api::images::stage::OPERATION, &[&direct])
        .json_body(DATA)
        .content_type("application/octet-stream")
        .send::<()>()
        .await?;
    run.wait_image(&direct, &["uploading"]).await?;
    run.send(
        "images::import",
        Member,
        &[&direct],
        json!({"method": {"name": "glance-direct"}}),
    )
    .await?;
    run.wait_image(&direct, &["active"]).await?;
    import_task(run, &direct).await?;
    Ok(())
}

/// The image's import task, read through the image and by id, waited for.
async fn import_task(run: &Run, image: &str) -> Step {
    let tasks = run.get("images::tasks", Member, &[image]).await?;
    let task = text(&tasks, "/tasks/0/id")?;
    run.remember("task_id", &task);
    let done = run.wait_task(&task).await?;
    run.ctx.check(
        "wait task success (api_image_import)",
        done["status"] == "success",
        format!("{}", done["status"]),
    );
    Ok(())
}

/// The task API: an import from a URL nothing answers fails, and the wait for
/// it ends at once with Glance's message.
pub async fn tasks(run: &Run) -> Step {
    let body = json!({"type": "import", "input": {
        "import_from": "http://127.0.0.1:9/nothing.img", "import_from_format": "raw",
        "image_properties": {"disk_format": "raw", "container_format": "bare",
                             "name": "conformance-task", "tags": ["conformance"]}}});
    let task = run.send("tasks::create", Admin, &[], body).await?;
    let id = text(&task, "/id")?;
    run.remember("task_id", &id);
    run.get("tasks::get", Admin, &[&id]).await?;
    run.call(
        "tasks::list",
        Admin,
        &[],
        Some(json!({"limit": 5, "sort_dir": "desc"})),
        None,
    )
    .await?;
    run.get("tasks::list", Reader, &[]).await.ok();
    let started = std::time::Instant::now();
    let outcome = run.wait_task(&id).await;
    let fast = started.elapsed() < Duration::from_secs(30);
    match outcome {
        Err(WaitError::Failed {
            status,
            fault: Some(message),
        }) if status == "failure" && fast => run.ctx.check(
            "waiter fails fast on a failed import task",
            true,
            format!("{status}: {message}"),
        ),
        other => run.ctx.check(
            "waiter fails fast on a failed import task",
            false,
            format!("{other:?}"),
        ),
    }
    Ok(())
}
