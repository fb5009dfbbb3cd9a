//! The parts of a URL read as the browser reads them: host and port, the IPv6 text, the escapes
//! of a path, query or fragment, and dot segments. [`super::HttpUrl::parse`] puts them together.

use super::{Host, UrlError};
use std::net::Ipv6Addr;

pub(super) fn host_and_port(authority: &str) -> Result<(Host, Option<u16>), UrlError> {
    let (host_text, port_text) = if let Some(v6) = authority.strip_prefix('[') {
        let (inner, after) = v6.split_once(']').ok_or(UrlError::Ipv6)?;
        if !inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err(UrlError::Ipv6);
        }
        let ip: Ipv6Addr = inner.parse().map_err(|_| UrlError::Ipv6)?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or(UrlError::Port)?),
        };
        return Ok((Host::Ipv6(ip), port.map(parse_port).transpose()?.flatten()));
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host_text.is_empty() {
        return Err(UrlError::NoHost);
    }
    let host = parse_host(host_text)?;
    Ok((host, port_text.map(parse_port).transpose()?.flatten()))
}

/// A port as the browser reads it: digits (leading zeros allowed), at most 65535; empty is none.
fn parse_port(text: &str) -> Result<Option<u16>, UrlError> {
    if text.is_empty() {
        return Ok(None);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UrlError::Port);
    }
    let digits = text.trim_start_matches('0');
    if digits.len() > 5 {
        return Err(UrlError::Port);
    }
    let n: u32 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| UrlError::Port)? };
    u16::try_from(n).map(Some).map_err(|_| UrlError::Port)
}

fn parse_host(text: &str) -> Result<Host, UrlError> {
    if text.contains('%') {
        return Err(UrlError::EncodedHost);
    }
    if !text.is_ascii() {
        return Err(UrlError::InternationalHost(text.to_string()));
    }
    let lower = text.to_ascii_lowercase();
    if let Some(c) = lower.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))) {
        return Err(UrlError::HostChar(c));
    }
    let name = lower.strip_suffix('.').unwrap_or(&lower);
    let labels: Vec<&str> = name.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return Err(UrlError::EmptyLabel);
    }
    if labels.iter().any(|l| l.starts_with("xn--")) {
        return Err(UrlError::InternationalHost(text.to_string()));
    }
    // The browser reads a host whose last part is a number as an IPv4 address (in decimal, octal
    // or hex, with one to four parts): only the plain four-decimal form is accepted.
    let last = labels[labels.len() - 1];
    let numeric = last.bytes().all(|b| b.is_ascii_digit())
        || last.strip_prefix("0x").is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
    if numeric {
        let canonical = labels.len() == 4
            && labels.iter().all(|l| {
                l.len() <= 3
                    && l.bytes().all(|b| b.is_ascii_digit())
                    && (l.len() == 1 || !l.starts_with('0'))
                    && l.parse::<u16>().is_ok_and(|n| n <= 255)
            });
        if !canonical {
            return Err(UrlError::NumericHost);
        }
        return name.parse().map(Host::Ipv4).map_err(|_| UrlError::NumericHost);
    }
    Ok(Host::Domain(lower))
}

/// Does the text hold an escape of a character that needs none (`%41` for `A`, `%2E` for `.`)?
pub(super) fn unreserved_escape(part: &str) -> bool {
    part.as_bytes().windows(3).any(|w| {
        w[0] == b'%'
            && std::str::from_utf8(&w[1..])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
    })
}

/// The browser's text of an IPv6 address: lower-case hex, the first longest run of two or more
/// zero pieces written `::`, never a dotted IPv4 tail.
pub(super) fn ipv6_text(ip: &Ipv6Addr) -> String {
    let pieces = ip.segments();
    let (mut best, mut best_len, mut i) = (None, 1, 0);
    while i < 8 {
        if pieces[i] == 0 {
            let start = i;
            while i < 8 && pieces[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = Some(start);
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if best == Some(i) {
            out.push_str(if i == 0 { "::" } else { ":" });
            i += best_len;
            continue;
        }
        out.push_str(&format!("{:x}", pieces[i]));
        if i < 7 {
            out.push(':');
        }
        i += 1;
    }
    out
}

/// A path, query or fragment as the browser writes it: non-ASCII escaped as UTF-8 (`%C3%A9`),
/// `also` escaped too; characters browsers escape in different ways are refused.
pub(super) fn encode(part: &str, also: &[u8]) -> Result<String, UrlError> {
    let bytes = part.as_bytes();
    let mut out = String::with_capacity(part.len());
    for (i, c) in part.char_indices() {
        match c {
            '%' => {
                let escape = bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                if !escape {
                    return Err(UrlError::Percent);
                }
                out.push('%');
            }
            '"' | '<' | '>' | '`' | '{' | '}' | '^' | '|' => return Err(UrlError::Char(c)),
            c if c.is_ascii() && also.contains(&(c as u8)) => out.push_str(&format!("%{:02X}", c as u8)),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    Ok(out)
}

/// The path with `.` and `..` segments (and their escaped forms) resolved as the browser does.
pub(super) fn resolve_path(path: &str) -> String {
    let Some(rest) = path.strip_prefix('/') else { return "/".into() };
    let segments: Vec<&str> = rest.split('/').collect();
    let mut out: Vec<&str> = Vec::new();
    let n = segments.len();
    for (i, seg) in segments.into_iter().enumerate() {
        let lower = seg.to_ascii_lowercase();
        let last = i + 1 == n;
        if matches!(lower.as_str(), ".." | ".%2e" | "%2e." | "%2e%2e") {
            out.pop();
            if last {
                out.push("");
            }
        } else if matches!(lower.as_str(), "." | "%2e") {
            if last {
                out.push("");
            }
        } else {
            out.push(seg);
        }
    }
    format!("/{}", out.join("/"))
}
