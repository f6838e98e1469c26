//! Who is asking, for rate limits: the peer address of the connection, or, when the peer is
//! a configured trusted proxy (`AYNI_TRUSTED_PROXIES`), the right-most address in
//! `X-Forwarded-For` that is not itself a trusted proxy. A client cannot choose its key by
//! sending the header, and clients behind no proxy never share one bucket.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// The client's address as a rate-limit key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(ClientIp(client_ip(
            peer,
            &forwarded.join(","),
            &state.settings.trusted_proxies,
        )))
    }
}

/// The pure rule behind `ClientIp`.
pub fn client_ip(peer: Option<IpAddr>, forwarded: &str, trusted: &[IpAddr]) -> String {
    let Some(peer) = peer else {
        return "unknown".into();
    };
    if !trusted.contains(&peer) {
        return peer.to_string();
    }
    let hops: Vec<Option<IpAddr>> = forwarded
        .split(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(|h| h.parse().ok())
        .collect();
    for hop in hops.iter().rev() {
        match hop {
            Some(ip) if trusted.contains(ip) => continue,
            Some(ip) => return ip.to_string(),
            // a hop that is not an address was written by someone untrusted: stop there
            None => return peer.to_string(),
        }
    }
    peer.to_string()
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_a_trusted_proxy_the_peer_is_the_client() {
        assert_eq!(
            client_ip(Some(ip("203.0.113.7")), "1.2.3.4", &[]),
            "203.0.113.7"
        );
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_counts() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        // the client wrote "6.6.6.6" itself; the proxy appended the real address
        assert_eq!(
            client_ip(
                Some(ip("10.0.0.1")),
                "6.6.6.6, 198.51.100.9, 10.0.0.2",
                &proxies
            ),
            "198.51.100.9"
        );
        assert_eq!(client_ip(Some(ip("10.0.0.1")), "", &proxies), "10.0.0.1");
        assert_eq!(
            client_ip(Some(ip("10.0.0.1")), "198.51.100.9, garbage", &proxies),
            "10.0.0.1"
        );
        assert_eq!(client_ip(None, "1.2.3.4", &proxies), "unknown");
    }
}
