//! `openstack image create --file` in a few lines: creates an image record, uploads
//! a file into it with a progress bar, then downloads it back and checks it against
//! the `os_hash_value` Glance computed.
//!
//! The client is generated from `tests/fixtures/image-data`, a small reference shaped
//! like Glance's (create, show, upload, download); against Glance's own reference the
//! same functions have the same names.
//!
//! ```text
//! cargo run --example image_upload -- FILE [NAME]
//! ```
//!
//! It reads, like the `openstack` client's `--os-image-url` and `--os-token`:
//!
//! - `APIREF_GLANCE_URL`: Glance's endpoint, e.g. `http://127.0.0.1:9292`;
//! - `OS_TOKEN`: the token to send as `X-Auth-Token` (against the no-auth Glance
//!   harness, `<user>:<project>:<roles>`, e.g. `demo:$PROJECT_ID:member,reader`);
//!   else `APIREF_GLANCE_PROJECT` makes the harness's `demo:<project>:member,reader`.
//!
//! It prints the image's id, size and digests; it exits 1 with the error on failure
//! (a refused upload is Glance's 4xx, a digest that does not match is
//! `Error::DigestMismatch`).

use std::process::ExitCode;
use std::time::Duration;

use apiref::runtime::{Client, Digest, Error, Upload};
use indicatif::{ProgressBar, ProgressStyle};

mod image {
    apiref::generate!("tests/fixtures/image-data");
}

use image::images;

/// A bar like the `openstack` client's: bytes, rate and time left.
fn bar(verb: &str, total: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::new(total.unwrap_or(0));
    let style = ProgressStyle::with_template(
        "{msg:>10} [{bar:40}] {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(verb.to_owned());
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn environment(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

async fn run(file: &str, name: &str) -> Result<(), Error> {
    let endpoint = environment("APIREF_GLANCE_URL")
        .ok_or_else(|| Error::Config("set APIREF_GLANCE_URL to Glance's endpoint".to_owned()))?;
    let token = environment("OS_TOKEN")
        .or_else(|| environment("APIREF_GLANCE_PROJECT").map(|p| format!("demo:{p}:member,reader")))
        .ok_or_else(|| Error::Config("set OS_TOKEN (or APIREF_GLANCE_PROJECT)".to_owned()))?;
    let client = Client::builder(&endpoint)
        .service(&image::SERVICE)
        .token(token)
        .build()?;

    let record = images::create::Request {
        name: Some(name.to_owned()),
        disk_format: Some("raw".to_owned()),
        container_format: Some("bare".to_owned()),
        ..Default::default()
    };
    let created = images::create(&client, &record).await?.body;
    let id = created.id.clone().into_option().unwrap_or_default();
    println!("created image {id}");

    let upload = Upload::file(file).await?;
    let progress = bar("uploading", upload.length());
    let shown = progress.clone();
    let upload = upload.on_progress(move |p| shown.set_position(p.done));
    images::file::add(&client, &id, upload, &Default::default()).await?;
    progress.finish();

    let stored = images::get(&client, &id).await?.body;
    let algorithm = stored.os_hash_algo.as_deref().unwrap_or("sha512");
    let value = stored.os_hash_value.as_deref().unwrap_or_default();
    println!(
        "{} bytes, checksum {}, {algorithm} {value}",
        stored.size.unwrap_or_default(),
        stored.checksum.as_deref().unwrap_or("-"),
    );

    let download = images::file::get(&client, &id, &Default::default())
        .await?
        .body;
    let progress = bar("checking", download.content_length());
    let shown = progress.clone();
    download
        .verify(Digest::new(algorithm, value)?)
        .on_progress(move |p| shown.set_position(p.done))
        .to_writer(&mut tokio::io::sink())
        .await?;
    progress.finish();
    println!("downloaded and checked against os_hash_value");
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: image_upload FILE [NAME]");
        return ExitCode::from(2);
    };
    let name = args.get(1).cloned().unwrap_or_else(|| {
        std::path::Path::new(file)
            .file_name()
            .map_or_else(|| "image".to_owned(), |n| n.to_string_lossy().into_owned())
    });
    match run(file, &name).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("image_upload: {e}");
            ExitCode::FAILURE
        }
    }
}
