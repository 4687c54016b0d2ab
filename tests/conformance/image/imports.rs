//! Image data: uploaded and downloaded through the generated streaming functions
//! (the download checked against Glance's digest), imported by web-download from a
//! loopback HTTP server this program serves and by glance-direct from data staged
//! by the generated function; each import waited for until the image is `active`
//! and its task `success`. Then tasks: the old task API's import, from a URL that
//! cannot answer, proves the waiters fail fast with Glance's message.

use std::time::Duration;

use apiref::runtime::{Digest, Error, Operation, Upload, WaitError};
use image_conformance::ctx::Role::{Admin, Member, Reader};
use image_conformance::image as api;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::images::{active, create};
use crate::{Run, Step, Unversioned, text};

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

    // glance-direct: the data is staged first, streamed by the generated function.
    let direct = create(run, "glance-direct").await?;
    let staged = api::images::stage(
        run.ctx.client(Member),
        &direct,
        upload(),
        &Default::default(),
    )
    .await;
    record(
        run,
        &api::images::stage::OPERATION,
        staged.as_ref().map(|r| r.status),
    )?;
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

/// [`DATA`] as a streamed body of known length.
fn upload() -> Upload {
    Upload::reader(
        std::io::Cursor::new(DATA.as_bytes()),
        Some(DATA.len() as u64),
    )
}

/// Records a call of a generated function with a body that is not JSON; its error
/// ends the lifecycle.
fn record(run: &Run, op: &Operation, reply: Result<u16, &Error>) -> Step {
    let (status, failure) = match reply {
        Ok(status) => (Some(status), None),
        Err(e) => (e.status(), Some(e.to_string())),
    };
    run.ctx.record_call(op, Member, status, failure.clone());
    match failure {
        None => Ok(()),
        Some(why) => Err(why.into()),
    }
}

/// Image data both ways through the generated functions: uploaded from a reader
/// (streamed, with its length), the image `active` with Glance's digest of it,
/// downloaded into memory and checked against that digest, then the typed error
/// a wrong digest gives.
pub async fn data(run: &Run) -> Step {
    let id = create(run, "data").await?;
    let client = run.ctx.client(Member);
    let headers = api::images::file::add::RequestHeaders {
        x_openstack_image_size: Some(DATA.len().to_string()),
        ..Default::default()
    };
    let uploaded = api::images::file::add(client, &id, upload(), &headers).await;
    record(
        run,
        &api::images::file::add::OPERATION,
        uploaded.as_ref().map(|r| r.status),
    )?;
    let image = run.wait_image(&id, &["active"]).await?;
    let digest = Digest::new(
        &text(&image, "/os_hash_algo")?,
        &text(&image, "/os_hash_value")?,
    )?;

    let download =
        api::images::file::get(client, &id, &Default::default(), &Default::default()).await;
    record(
        run,
        &api::images::file::get::OPERATION,
        download.as_ref().map(|r| r.status),
    )?;
    let mut received = Vec::new();
    download?
        .body
        .verify(digest)
        .to_writer(&mut received)
        .await?;
    run.ctx.check(
        "image data downloaded, os_hash_value matched",
        received == DATA.as_bytes(),
        format!("{} bytes", received.len()),
    );

    let wrong = Digest::new("md5", &"0".repeat(32))?;
    let download =
        api::images::file::get(client, &id, &Default::default(), &Default::default()).await?;
    let mismatch = download
        .body
        .verify(wrong)
        .to_writer(&mut tokio::io::sink())
        .await;
    run.ctx.check(
        "image data with a wrong digest is Error::DigestMismatch",
        matches!(mismatch, Err(Error::DigestMismatch(_))),
        format!("{mismatch:?}"),
    );
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
    run.query(
        "tasks::list",
        Admin,
        &[],
        json!({"limit": 5, "sort_dir": "desc"}),
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
