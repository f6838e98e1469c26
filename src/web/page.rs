//! Building page addresses: notices (`?aviso=`) added and removed with proper query encoding,
//! never by splicing strings.

use url::form_urlencoded;

/// The query of a page that may show a notice (`?aviso=code`, set by `with_notice`).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct NoticeQuery {
    pub aviso: Option<String>,
}

/// The page number of a `?pagina=` value: a number at least 1; a number too large to hold
/// is the largest (so it goes to the last page, as any page past the end does); anything
/// else is the first page.
pub fn number(raw: &str) -> i64 {
    let raw = raw.trim();
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return 1;
    }
    raw.parse::<i64>().unwrap_or(i64::MAX).max(1)
}

/// `path` (which may carry a query and an `#anchor`) with `aviso=code` set, replacing any
/// earlier notice. An empty code leaves the path without a notice.
pub fn with_notice(path: &str, code: &str) -> String {
    with_param(path, "aviso", code)
}

/// `path` without its `aviso=` parameter (an old notice is not shown again).
pub fn without_notice(path: &str) -> String {
    with_param(path, "aviso", "")
}

/// `path` with `name=value` set (an empty value removes it), other parameters kept in order.
pub fn with_param(path: &str, name: &str, value: &str) -> String {
    let (path, anchor) = match path.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (path, None),
    };
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k != name {
            out.append_pair(&k, &v);
        }
    }
    if !value.is_empty() {
        out.append_pair(name, value);
    }
    let query = out.finish();
    let mut url = base.to_string();
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query);
    }
    if let Some(a) = anchor {
        url.push('#');
        url.push_str(a);
    }
    url
}

/// One page of a list: which page, how many, and the address of any page (the list's
/// address with `pagina=n`; its other parameters are kept).
pub struct Page {
    pub current: i64,
    pub last: i64,
    pub base: String,
}

impl Page {
    /// Page `current` (clamped) of `total` items, `per` a page, listed at `base`.
    pub fn new(current: i64, total: i64, per: i64, base: String) -> Page {
        let last = ((total + per - 1) / per.max(1)).max(1);
        Page {
            current: current.clamp(1, last),
            last,
            base,
        }
    }
    pub fn offset(&self, per: i64) -> i64 {
        (self.current - 1) * per
    }
    pub fn url(&self, n: i64) -> String {
        let n = if n <= 1 { String::new() } else { n.to_string() };
        with_param(&self.base, "pagina", &n)
    }
    pub fn prev(&self) -> Option<String> {
        (self.current > 1).then(|| self.url(self.current - 1))
    }
    pub fn next(&self) -> Option<String> {
        (self.current < self.last).then(|| self.url(self.current + 1))
    }
}

/// A redirect (303) to `path` with a notice.
pub fn see_other_with_notice(path: &str, code: &str) -> axum::response::Response {
    super::see_other(&with_notice(path, code))
}

/// After a one-button action: back to `path` with the notice, or the refusal's error page
/// (with the status its kind has).
pub fn after(
    result: Result<(), crate::refusal::Refusal>,
    path: &str,
    notice: &str,
) -> super::AppResult<axum::response::Response> {
    result
        .map(|()| see_other_with_notice(path, notice))
        .map_err(super::AppError::refused)
}

/// The address's parameters (`/experiencias/{id}`), like axum's `Path`, but an address whose
/// id is not a number (`/personas/abc`, a number too large) names nothing here: 404, as any
/// unknown id, never "we could not understand what was sent".
pub struct Path<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for Path<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned + Send,
{
    type Rejection = super::AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::PathRejection;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => Err(super::AppError::NotFound),
            Err(e) => Err(anyhow::anyhow!("route parameters: {e}").into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_page_value_is_a_page_number(raw in ".{0,40}") {
            prop_assert!(number(&raw) >= 1);
        }

        #[test]
        fn digits_are_their_number_or_the_largest(n in "[0-9]{1,40}") {
            let expected = n.parse::<i64>().map(|v| v.max(1)).unwrap_or(i64::MAX);
            prop_assert_eq!(number(&n), expected);
        }
    }

    #[test]
    fn pages_link_to_their_neighbours_keeping_the_filters() {
        let p = Page::new(9, 45, 20, "/foros/espacios/1?orden=votos".into());
        assert_eq!((p.current, p.last, p.offset(20)), (3, 3, 40));
        assert_eq!(p.prev().unwrap(), "/foros/espacios/1?orden=votos&pagina=2");
        assert_eq!(p.next(), None);
        assert_eq!(p.url(1), "/foros/espacios/1?orden=votos");
    }

    #[test]
    fn notices_are_set_and_removed_keeping_the_rest() {
        assert_eq!(with_notice("/cuenta", "guardado"), "/cuenta?aviso=guardado");
        assert_eq!(
            with_notice("/foros/temas/3?pagina=2#m9", "respondido"),
            "/foros/temas/3?pagina=2&aviso=respondido#m9"
        );
        assert_eq!(
            with_notice("/x?aviso=viejo&orden=votos", "nuevo"),
            "/x?orden=votos&aviso=nuevo"
        );
        assert_eq!(
            without_notice("/x?aviso=viejo&orden=votos#a"),
            "/x?orden=votos#a"
        );
        assert_eq!(without_notice("/x?aviso=viejo"), "/x");
        assert_eq!(
            with_param("/foros/espacios/1", "orden", "a&b=c"),
            "/foros/espacios/1?orden=a%26b%3Dc"
        );
    }
}
