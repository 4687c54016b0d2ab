//! Walking a list operation page by page: [`Client::pages`] sends the first request
//! with the caller's query (`limit`, filters), then follows the `next` link the
//! server puts in the reply's `*_links` array (Nova's `servers_links`, `flavors_links`,
//! ...), until a page has none. Only one page is held at a time: the walk keeps the
//! next URL, never the pages before.
//!
//! The link is read from the reply itself, not from the generated type, so any list
//! operation pages, whether or not its doc lists the `*_links` field. Nova writes an
//! absolute URL built from its own idea of its public endpoint, which behind a proxy
//! or with a stale `public_endpoint` setting names another host. A link to another
//! origin is therefore never followed: its query (the marker and the filters) is
//! sent to the client's own URL instead, so the token never leaves the endpoint's
//! scheme, host and port.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest::Url;
use reqwest::header::{HeaderName, HeaderValue};
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::client::{Client, Outgoing, decode};
use crate::error::Error;
use crate::microversion::Microversion;
use crate::operation::Operation;
use crate::response::Response;

/// The pages of one listing, in order, from [`Client::pages`]: an async iterator
/// ([`Pages::next_page`]) and a [`futures_core::Stream`] of
/// `Result<Response<R>, Error>`. `R` is the operation's reply type
/// (`list_servers_detailed::Response`). After an error the walk ends.
///
/// Each page's `next` link is read from the reply's `*_links` arrays (Nova's
/// `servers_links`), whether or not the doc types that field, and only one page is
/// held at a time: the walk keeps the next URL, never the pages before.
///
/// A link to another origin (scheme, host, port) is never followed. Nova builds its
/// links from its own idea of its public endpoint, which behind a proxy or with a
/// stale setting names another host; the link's query (marker and filters) is then
/// sent to the client's own URL, so the token never leaves the endpoint's origin.
pub struct Pages<R> {
    state: Option<Walk>,
    /// The request in flight when polled as a stream; it hands the walk back.
    pending: Option<PendingPage<R>>,
    reply: PhantomData<fn() -> R>,
}

type PendingPage<R> =
    Pin<Box<dyn Future<Output = (Walk, Result<Option<Response<R>>, Error>)> + Send>>;

/// Where a walk stands: what to send next, and what every request shares.
struct Walk {
    client: Client,
    op: Operation,
    /// The first page's URL: its origin bounds every link followed, and its path
    /// takes the query of a link to another origin.
    first: Url,
    /// The next page's URL; `None` once a page had no next link.
    next: Option<Url>,
    /// The requested microversion, resolved into its header on the first page.
    microversion: Microversion,
    header: Option<Option<(HeaderName, HeaderValue)>>,
}

/// One entry of a `*_links` array; other keys (`type`, ...) are skipped.
#[derive(Deserialize)]
struct Link {
    #[serde(default)]
    rel: Option<String>,
    #[serde(default)]
    href: Option<String>,
}

/// What a page says about the walk: the `next` link's href and the `*_links` key it
/// came from, and whether the list that key names (`servers` for `servers_links`) was
/// empty.
#[derive(Default)]
struct PageLinks {
    next: Option<(String, String)>,
    empty_lists: Vec<String>,
}

impl Client {
    /// The pages of list operation `op`, from the first (sent with `query`: its
    /// `limit` is the page size; a `marker` starts later) to the last, following
    /// each reply's `next` link (see [`Pages`] for
    /// the same-origin rule). Nothing is sent until the first page is asked for.
    ///
    /// A page that lists nothing ends the walk even if it links further, and a
    /// `next` link that names the page just read is an [`Error::Decode`], so a server
    /// cannot keep the walk in one place forever.
    pub fn pages<Q, R>(
        &self,
        op: &Operation,
        path_args: &[&str],
        query: Option<&Q>,
        microversion: Microversion,
    ) -> Result<Pages<R>, Error>
    where
        Q: Serialize + ?Sized,
        R: DeserializeOwned + Send + 'static,
    {
        let first = self.request_url(op, path_args, query)?;
        Ok(Pages {
            state: Some(Walk {
                client: self.clone(),
                op: *op,
                next: Some(first.clone()),
                first,
                microversion,
                header: None,
            }),
            pending: None,
            reply: PhantomData,
        })
    }

    /// The items of list operation `op`, page after page ([`Items`]): `pick`
    /// takes a page's items out of its reply. A mistake in the path arguments or
    /// the query is what the first item is.
    pub fn items<Q, R, T>(
        &self,
        op: &Operation,
        path_args: &[&str],
        query: Option<&Q>,
        pick: fn(R) -> Vec<T>,
    ) -> Items<R, T>
    where
        Q: Serialize + ?Sized,
        R: DeserializeOwned + Send + 'static,
    {
        Items {
            pages: self
                .pages(op, path_args, query, Microversion::Default)
                .map_err(Some),
            pick,
            buffer: std::collections::VecDeque::new(),
        }
    }
}

impl<R: DeserializeOwned + Send + 'static> Pages<R> {
    /// The next page, `None` after the last one (or after an error).
    pub async fn next_page(&mut self) -> Result<Option<Response<R>>, Error> {
        // A page the stream started but did not finish is finished first.
        if let Some(pending) = self.pending.take() {
            let (walk, page) = pending.await;
            self.state = Some(walk);
            return self.settle(page);
        }
        let Some(walk) = self.state.take() else {
            return Ok(None);
        };
        let (walk, page) = walk.fetch::<R>().await;
        self.state = Some(walk);
        self.settle(page)
    }

    /// Ends the walk after an error.
    fn settle(
        &mut self,
        page: Result<Option<Response<R>>, Error>,
    ) -> Result<Option<Response<R>>, Error> {
        if page.is_err() {
            self.state = None;
        }
        page
    }
}

impl<R: DeserializeOwned + Send + 'static> futures_core::Stream for Pages<R> {
    type Item = Result<Response<R>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.pending.is_none() {
            let Some(walk) = this.state.take() else {
                return Poll::Ready(None);
            };
            this.pending = Some(Box::pin(walk.fetch::<R>()));
        }
        let Some(pending) = this.pending.as_mut() else {
            return Poll::Ready(None);
        };
        let (walk, page) = std::task::ready!(pending.as_mut().poll(cx));
        this.pending = None;
        this.state = Some(walk);
        Poll::Ready(this.settle(page).transpose())
    }
}

impl<R> Pages<R> {
    /// Walks at `microversion` instead of the one given to [`Client::pages`]
    /// (before the first page only: a walk keeps one version throughout).
    pub fn microversion(mut self, microversion: Microversion) -> Self {
        if let Some(walk) = &mut self.state
            && walk.header.is_none()
        {
            walk.microversion = microversion;
        }
        self
    }
}

/// The items of a listing (each `Server` of every page), from
/// [`Client::items`]: what a generated `*_stream` function returns. Pages are
/// fetched as the items run out, following each reply's `next` link as
/// [`Pages`] does (`limit` in the query sets the page size, the server's link
/// carries the `marker`); an async iterator ([`Items::next_item`]) and a
/// [`futures_core::Stream`] of `Result<T, Error>`. After an error it ends.
pub struct Items<R, T> {
    /// The walk, or the mistake that kept it from starting (returned once).
    pages: Result<Pages<R>, Option<Error>>,
    /// The items of a page's reply.
    pick: fn(R) -> Vec<T>,
    buffer: std::collections::VecDeque<T>,
}

impl<R, T> Items<R, T> {
    /// Lists at `microversion` instead of the client's default.
    pub fn microversion(mut self, microversion: Microversion) -> Self {
        if let Ok(pages) = self.pages {
            self.pages = Ok(pages.microversion(microversion));
        }
        self
    }
}

impl<R: DeserializeOwned + Send + 'static, T> Items<R, T> {
    /// The next item, `None` after the last one (or after an error).
    pub async fn next_item(&mut self) -> Result<Option<T>, Error> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Ok(Some(item));
            }
            let pages = match &mut self.pages {
                Ok(pages) => pages,
                Err(error) => return error.take().map_or(Ok(None), Err),
            };
            match pages.next_page().await? {
                Some(page) => self.buffer.extend((self.pick)(page.body)),
                None => return Ok(None),
            }
        }
    }

    /// Every item, all pages read.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error> {
        let mut all = Vec::new();
        while let Some(item) = self.next_item().await? {
            all.push(item);
        }
        Ok(all)
    }
}

impl<R: DeserializeOwned + Send + 'static, T: Unpin> futures_core::Stream for Items<R, T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            let pages = match &mut this.pages {
                Ok(pages) => pages,
                Err(error) => return Poll::Ready(error.take().map(Err)),
            };
            match std::task::ready!(Pin::new(&mut *pages).poll_next(cx)) {
                Some(Ok(page)) => this.buffer.extend((this.pick)(page.body)),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<R, T> fmt::Debug for Items<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages.as_ref().ok())
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

impl<R> fmt::Debug for Pages<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let next = self.state.as_ref().and_then(|walk| walk.next.as_ref());
        f.debug_struct("Pages")
            .field("next", &next.map(Url::as_str))
            .field("in_flight", &self.pending.is_some())
            .finish()
    }
}

impl Walk {
    /// Fetches the next page, if any, and moves on to the one after it. Takes and
    /// returns the walk so the stream can keep it inside a `'static` future.
    async fn fetch<R: DeserializeOwned>(mut self) -> (Walk, Result<Option<Response<R>>, Error>) {
        let Some(url) = self.next.take() else {
            return (self, Ok(None));
        };
        let header = match &self.header {
            Some(header) => header.clone(),
            None => match self
                .client
                .resolve_microversion(&self.op, self.microversion)
                .await
            {
                Ok(header) => self.header.insert(header).clone(),
                Err(e) => return (self, Err(e)),
            },
        };
        let first = &self.first;
        let read = |bytes: &[u8]| {
            let body = decode::<R>(bytes)?;
            let next = next_url(bytes, first, &url)?;
            Ok((body, next))
        };
        let page = self
            .client
            .execute_with(Outgoing::plain(self.op, url.clone(), header), read)
            .await;
        let page = page.map(|reply| {
            let (body, next) = reply.body;
            self.next = next;
            Response {
                body,
                status: reply.status,
                request_id: reply.request_id,
                microversion: reply.microversion,
                headers: reply.headers,
                raw: reply.raw,
            }
        });
        (self, page.map(Some))
    }
}

/// The URL of the page after the one at `current`, from its reply `bytes`; `None`
/// at the end. Errors are a JSON path and message, as decoding reports them.
fn next_url(bytes: &[u8], first: &Url, current: &Url) -> Result<Option<Url>, (String, String)> {
    let links = read_links(bytes)?;
    let Some((key, href)) = links.next else {
        return Ok(None);
    };
    let listed = key.strip_suffix("_links").unwrap_or(&key);
    if links.empty_lists.iter().any(|name| name == listed) {
        return Ok(None);
    }
    let link = current
        .join(&href)
        .map_err(|e| (key.clone(), format!("the next link is not a URL: {e}")))?;
    let next = if link.origin() == first.origin() {
        link
    } else {
        let mut own = first.clone();
        own.set_query(link.query());
        own
    };
    if next == *current {
        return Err((key, "the next link names the page just read".to_owned()));
    }
    Ok(Some(next))
}

/// Reads the top level of a reply for its `*_links` arrays and its empty lists,
/// skipping everything else without building it.
fn read_links(bytes: &[u8]) -> Result<PageLinks, (String, String)> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    deserializer
        .deserialize_map(LinksVisitor)
        .map_err(|e| (".".to_owned(), e.to_string()))
}

struct LinksVisitor;

impl<'de> Visitor<'de> for LinksVisitor {
    type Value = PageLinks;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PageLinks, A::Error> {
        let mut page = PageLinks::default();
        while let Some(key) = map.next_key::<String>()? {
            if key.ends_with("_links") {
                let links: Option<Vec<Link>> = map.next_value()?;
                if page.next.is_none()
                    && let Some(href) = links
                        .into_iter()
                        .flatten()
                        .find(|link| link.rel.as_deref() == Some("next"))
                        .and_then(|link| link.href)
                {
                    page.next = Some((key, href));
                }
            } else if map.next_value::<ListLength>()?.0 == Some(0) {
                page.empty_lists.push(key);
            }
        }
        Ok(page)
    }
}

/// The length of a value that is an array, skipping it either way.
struct ListLength(Option<usize>);

impl<'de> Deserialize<'de> for ListLength {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Length;
        impl<'de> Visitor<'de> for Length {
            type Value = ListLength;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListLength, A::Error> {
                let mut length = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    length += 1;
                }
                Ok(ListLength(Some(length)))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListLength, A::Error> {
                IgnoredAny.visit_map(map).map(|_| ListLength(None))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<ListLength, E> {
                Ok(ListLength(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<ListLength, E> {
                Ok(ListLength(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<ListLength, E> {
                Ok(ListLength(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<ListLength, E> {
                Ok(ListLength(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<ListLength, E> {
                Ok(ListLength(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ListLength, E> {
                Ok(ListLength(None))
            }
        }
        deserializer.deserialize_any(Length)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("a URL")
    }

    const FIRST: &str = "http://nova:8774/v2.1/p/servers/detail?limit=2";

    fn next(body: &str, current: &str) -> Result<Option<String>, (String, String)> {
        next_url(body.as_bytes(), &url(FIRST), &url(current)).map(|u| u.map(String::from))
    }

    #[test]
    fn follows_the_next_link_on_the_same_origin() {
        let body = r#"{"servers": [{"id": "a"}, {"id": "b"}], "servers_links": [
            {"rel": "self", "href": "http://nova:8774/v2.1/p/servers/detail"},
            {"rel": "next", "href": "http://nova:8774/v2.1/p/servers/detail?limit=2&marker=b"}]}"#;
        assert_eq!(
            next(body, FIRST).expect("reads"),
            Some("http://nova:8774/v2.1/p/servers/detail?limit=2&marker=b".to_owned())
        );
        let relative = r#"{"images": [1], "images_links": [{"rel": "next", "href": "?marker=z"}]}"#;
        assert_eq!(
            next(relative, FIRST).expect("reads"),
            Some("http://nova:8774/v2.1/p/servers/detail?marker=z".to_owned())
        );
    }

    #[test]
    fn another_origin_gives_only_its_query() {
        for other in [
            "http://evil:8774/v2.1/p/servers/detail?limit=2&marker=b",
            "https://nova:8774/v2.1/p/servers/detail?limit=2&marker=b",
            "http://nova:9999/v2.1/p/servers/detail?limit=2&marker=b",
        ] {
            let body = format!(
                r#"{{"servers": [{{}}], "servers_links": [{{"rel": "next", "href": "{other}"}}]}}"#
            );
            assert_eq!(
                next(&body, FIRST).expect("reads"),
                Some("http://nova:8774/v2.1/p/servers/detail?limit=2&marker=b".to_owned()),
                "{other}"
            );
        }
    }

    #[test]
    fn the_walk_ends_without_next_or_items() {
        assert_eq!(next(r#"{"servers": [{"id": "a"}]}"#, FIRST), Ok(None));
        let only_self = r#"{"servers": [1], "servers_links": [{"rel": "self", "href": "x"}]}"#;
        assert_eq!(next(only_self, FIRST), Ok(None));
        let empty = r#"{"servers": [], "servers_links": [{"rel": "next", "href": "?marker=a"}]}"#;
        assert_eq!(next(empty, FIRST), Ok(None));
        assert_eq!(next(r#"{"servers_links": null}"#, FIRST), Ok(None));
    }

    #[test]
    fn a_link_to_the_same_page_or_no_url_is_an_error() {
        let same = format!(
            r#"{{"servers": [1], "servers_links": [{{"rel": "next", "href": "{FIRST}"}}]}}"#
        );
        let (path, message) = next(&same, FIRST).expect_err("loops");
        assert_eq!(path, "servers_links");
        assert!(message.contains("page just read"), "{message}");
        let bad = r#"{"servers": [1], "servers_links": [{"rel": "next", "href": "http://[::1"}]}"#;
        assert_eq!(next(bad, FIRST).expect_err("bad URL").0, "servers_links");
        assert_eq!(next("[1]", FIRST).expect_err("not an object").0, ".");
    }
}
