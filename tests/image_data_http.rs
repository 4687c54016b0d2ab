//! The generated functions of an operation whose body is raw data, over HTTP on
//! loopback, on a client generated from this repository's small reference shaped
//! like Glance's image data (tests/fixtures/image-data): the upload and the stage
//! take an `Upload` and send it with the reference's media type and the length;
//! the download gives a `Download` that writes the exact bytes out and checks
//! them; an error reply is still its typed error.

use apiref::runtime::{Client, Digest, Error, Upload};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod image {
    apiref::generate!("tests/fixtures/image-data");
}

use image::images;

fn client(url: &str) -> Client {
    Client::builder(url)
        .service(&image::SERVICE)
        .token("demo:p1:member")
        .build()
        .expect("client")
}

fn bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

#[tokio::test]
async fn upload_and_stage_send_the_stream_with_its_media_type_and_length() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let data = bytes(1024 * 1024 + 3);
    let len = data.len() as u64;
    let headers = images::file::add::RequestHeaders {
        x_openstack_image_size: Some(len.to_string()),
    };
    let body = Upload::reader(std::io::Cursor::new(data.clone()), Some(len));
    images::file::add(&client, "img-1", body, &headers)
        .await
        .expect("uploaded");
    let body = Upload::reader(std::io::Cursor::new(data.clone()), Some(len));
    images::stage(&client, "img-1", body).await.expect("staged");

    let received = server.received_requests().await.expect("recorded");
    let paths: Vec<&str> = received.iter().map(|r| r.url.path()).collect();
    assert_eq!(paths, ["/v2/images/img-1/file", "/v2/images/img-1/stage"]);
    for request in &received {
        let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
        assert_eq!(header("content-type"), Some("application/octet-stream"));
        assert_eq!(header("content-length"), Some(len.to_string().as_str()));
        assert!(request.body == data, "the exact bytes");
    }
    let header = |name| received[0].headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(
        header("x-openstack-image-size"),
        Some(len.to_string().as_str())
    );
}

#[tokio::test]
async fn download_writes_the_bytes_out_and_checks_them() {
    use sha2::Digest as _;
    let server = MockServer::start().await;
    let data = bytes(3 * 1024 * 1024);
    Mock::given(method("GET"))
        .and(path("/v2/images/img-1/file"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(data.clone(), "application/octet-stream"),
        )
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let reply = images::file::get(&client, "img-1", &Default::default())
        .await
        .expect("a reply");
    let read = images::file::get::ResponseHeaders::of(&reply);
    assert_eq!(
        read.content_type.as_deref(),
        Some("application/octet-stream")
    );
    let sha512: String = sha2::Sha512::digest(&data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut written = Vec::new();
    let count = reply
        .body
        .verify(Digest::new("sha512", &sha512).expect("digest"))
        .to_writer(&mut written)
        .await
        .expect("downloaded");
    assert_eq!(count, data.len() as u64);
    assert!(written == data, "the exact bytes");
}

#[tokio::test]
async fn a_download_refused_is_its_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(serde_json::json!({
            "message": "No image found with ID img-2", "code": "404 Not Found", "title": "Not Found"
        })))
        .mount(&server)
        .await;
    let err = images::file::get(&client(&server.uri()), "img-2", &Default::default())
        .await
        .expect_err("404");
    let Error::NotFound(api) = &err else {
        panic!("not NotFound: {err:?}");
    };
    assert_eq!(api.message.as_deref(), Some("No image found with ID img-2"));
}
