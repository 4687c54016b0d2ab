//! Image data against a real Glance (`APIREF_GLANCE_URL`, its endpoint; in the
//! no-auth harness, `APIREF_GLANCE_PROJECT` names the project whose member the
//! token `demo:<project>:member,reader` is): an image is created, 8 MiB uploaded
//! from a reader with its length, downloaded back into memory, and the bytes are
//! checked against the `os_hash_value` Glance computed, and against the SHA-512
//! the test computes itself. The client is generated from
//! `tests/fixtures/image-data`, whose operations are Glance's own.

#[path = "needs/mod.rs"]
mod needs;

use apiref::runtime::{Client, Digest, Error, Upload};
use sha2::Digest as _;

mod image {
    apiref::generate!("tests/fixtures/image-data");
}

use image::images;

const MIB: usize = 1024 * 1024;

#[tokio::test]
#[ignore = "needs APIREF_GLANCE_URL"]
async fn an_image_uploaded_then_downloaded_matches_os_hash_value() {
    let endpoint = needs::var("APIREF_GLANCE_URL");
    let project = needs::var("APIREF_GLANCE_PROJECT");
    let client = Client::builder(&endpoint)
        .service(&image::SERVICE)
        .token(format!("demo:{project}:member,reader"))
        .build()
        .expect("client");
    let data: Vec<u8> = (0..8 * MIB).map(|i| (i * 7 % 253) as u8).collect();
    let sha512: String = sha2::Sha512::digest(&data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    let record = images::create::Request {
        name: Some("apiref-image-data".to_owned()),
        disk_format: Some("raw".to_owned()),
        container_format: Some("bare".to_owned()),
        ..Default::default()
    };
    let created = images::create(&client, &record).await.expect("created");
    assert_eq!(created.status, 201);
    let id = created.body.id.into_option().expect("an id");

    let length = data.len() as u64;
    let upload = Upload::reader(std::io::Cursor::new(data.clone()), Some(length));
    let headers = images::file::add::RequestHeaders {
        x_openstack_image_size: Some(length.to_string()),
    };
    let uploaded = images::file::add(&client, &id, upload, &headers)
        .await
        .expect("uploaded");
    assert_eq!(uploaded.status, 204);

    let stored = images::get(&client, &id).await.expect("shown").body;
    assert_eq!(stored.status.as_deref(), Some("active"));
    assert_eq!(*stored.size, Some(length as i64));
    assert_eq!(stored.os_hash_algo.as_deref(), Some("sha512"));
    assert_eq!(stored.os_hash_value.as_deref(), Some(sha512.as_str()));

    let expected = Digest::new(
        "sha512",
        stored.os_hash_value.as_deref().unwrap_or_default(),
    )
    .expect("Glance's digest");
    let download = images::file::get(&client, &id, &Default::default())
        .await
        .expect("a reply");
    assert_eq!(download.status, 200);
    let mut received = Vec::new();
    let count = download
        .body
        .verify(expected)
        .to_writer(&mut received)
        .await
        .expect("downloaded, os_hash_value matched");
    assert_eq!(count, length);
    assert!(
        received == data,
        "the bytes downloaded are the ones uploaded"
    );

    // The MD5 `checksum` checks the same way; a wrong digest is the typed error.
    let md5 = stored.checksum.as_deref().expect("a checksum");
    let wrong = Digest::new("md5", &"0".repeat(32)).expect("digest");
    let download = images::file::get(&client, &id, &Default::default())
        .await
        .expect("a reply");
    let err = download
        .body
        .verify(wrong)
        .to_writer(&mut tokio::io::sink())
        .await
        .expect_err("not that digest");
    let Error::DigestMismatch(mismatch) = &err else {
        panic!("not DigestMismatch: {err:?}");
    };
    assert_eq!(mismatch.actual, md5);
}
