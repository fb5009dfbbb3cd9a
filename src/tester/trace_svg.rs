//! The trace of a run as a sequence picture (SVG, drawn here: no library). Pure: the same trace
//! always gives the same text, checked against golden files. Every text is escaped — a server's
//! error message is data, never markup — and the page shows the picture as an image.

use super::trace::{Party, Step, StepStatus};
use std::fmt::Write;

const WIDTH: u32 = 760;
const TOP: u32 = 70;
const ROW: u32 = 64;
/// No text comes nearer the picture's edges.
const MARGIN: u32 = 8;

const INK: &str = "#1d2330";
const MUTED: &str = "#5b6475";
const FAILED: &str = "#b3261e";
const OK: &str = "#1e7b46";

/// Text for XML: `&`, `<`, `>` and both quotes escaped; control characters dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Not characters XML allows: control characters and the noncharacters U+FFFE/U+FFFF.
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Roughly how wide a character is at 13 px: 7 px, more than the average glyph of a sans-serif
/// face at that size; a full-width one (CJK, Hangul, full-width forms, emoji) a whole 13 px. What
/// is judged to fit does.
fn char_px(c: char) -> u32 {
    let wide = matches!(c as u32,
        0x1100..=0x115F
        // The symbols drawn as emoji (East Asian Width "W"); the rest of these blocks, such as
        // ✗ and ·, are text.
        | 0x231A..=0x231B | 0x23E9..=0x23EC | 0x23F0 | 0x23F3 | 0x25FD..=0x25FE | 0x2614..=0x2615
        | 0x2648..=0x2653 | 0x267F | 0x2693 | 0x26A1 | 0x26AA..=0x26AB | 0x26BD..=0x26BE
        | 0x26C4..=0x26C5 | 0x26CE | 0x26D4 | 0x26EA | 0x26F2..=0x26F3 | 0x26F5 | 0x26FA | 0x26FD
        | 0x2705 | 0x270A..=0x270B | 0x2728 | 0x274C | 0x274E | 0x2753..=0x2755 | 0x2757
        | 0x2795..=0x2797 | 0x27B0 | 0x27BF | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55
        | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x17000..=0x18AFF | 0x1B000..=0x1B2FF
        | 0x1F000..=0x1FAFF | 0x20000..=0x3FFFD);
    if wide {
        13
    } else {
        7
    }
}

/// Roughly how wide a text is at 13 px.
fn text_px(s: &str) -> u32 {
    s.chars().map(char_px).sum()
}

/// As much of `s` as fits in `px`, with `…` when cut (at least one character).
fn fit(s: &str, px: u32) -> String {
    // No wider than the `…` it would end with: nothing to gain by cutting.
    if text_px(s) <= px.max(char_px('…')) {
        return s.to_string();
    }
    let room = px.saturating_sub(char_px('…'));
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = char_px(c);
        if used + w > room && !out.is_empty() {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Where a text of width `w` is centred: on `mid`, or moved in just enough to stay inside the
/// picture.
fn centred(mid: u32, w: u32) -> u32 {
    let half = w.min(WIDTH - 2 * MARGIN).div_ceil(2);
    mid.clamp(MARGIN + half, WIDTH - MARGIN - half)
}

/// The picture's colours in a dark colour scheme (the page's, or the viewer's for a saved file):
/// each light colour the picture is drawn with, and its dark counterpart.
const DARK: &str = concat!(
    "<style>@media (prefers-color-scheme: dark){",
    "[fill=\"#ffffff\"]{fill:#161b22}[fill=\"#eef1f6\"]{fill:#262d3a}",
    "[fill=\"#1d2330\"]{fill:#e6e9ef}[stroke=\"#1d2330\"]{stroke:#e6e9ef}",
    "[fill=\"#5b6475\"]{fill:#a9b1c1}[stroke=\"#5b6475\"]{stroke:#a9b1c1}",
    "[fill=\"#b3261e\"]{fill:#ff8a80}[stroke=\"#b3261e\"]{stroke:#ff8a80}",
    "[fill=\"#1e7b46\"]{fill:#6fd39b}}</style>"
);

/// The lifelines a trace needs, left to right, with their x.
fn lifelines(steps: &[Step]) -> Vec<(Party, u32)> {
    let api = steps.iter().any(|s| s.from == Party::Api || s.to == Party::Api);
    if api {
        vec![(Party::Page, 120), (Party::Login, 380), (Party::Api, 640)]
    } else {
        vec![(Party::Page, 180), (Party::Login, 580)]
    }
}

/// What a step's second line says: its answer and time, or why it broke.
pub fn outcome_line(s: &Step) -> String {
    match s.status {
        StepStatus::NotReached => "not reached".into(),
        StepStatus::Failed => format!("✗ broke here: {}", s.error.as_deref().unwrap_or("failed")),
        StepStatus::Ok => {
            let done = match (s.from, s.to) {
                (Party::Login, Party::Login) => "done",
                (_, Party::Page) => "received",
                // A request answered: a 2xx.
                _ if s.ms.is_some() => "OK",
                _ => "sent",
            };
            match s.ms {
                Some(ms) => format!("{done} · {ms} ms"),
                None if s.from == s.to => "done · not measured".into(),
                None => done.into(),
            }
        }
    }
}

/// The sequence picture of `steps`, titled `title`.
pub fn svg(title: &str, steps: &[Step]) -> String {
    let lines = lifelines(steps);
    let x_of = |p: Party| lines.iter().find(|(q, _)| *q == p).map_or(0, |(_, x)| *x);
    let height = TOP + ROW * steps.len() as u32 + 24;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="system-ui, sans-serif" font-size="13" role="img">"#
    );
    let _ = write!(o, "<title>{}</title>", escape(title));
    o.push_str(DARK);
    let _ = write!(
        o,
        r#"<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="context-stroke"/></marker></defs>"#
    );
    let _ = write!(o, r##"<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>"##);
    for (party, x) in &lines {
        let _ = write!(
            o,
            r##"<rect x="{}" y="12" width="200" height="32" rx="6" fill="#eef1f6" stroke="{MUTED}"/><text x="{x}" y="33" text-anchor="middle" fill="{INK}" font-weight="600">{}</text><line x1="{x}" y1="44" x2="{x}" y2="{}" stroke="{MUTED}" stroke-dasharray="4 4"/>"##,
            x - 100,
            party.label(),
            height - 12
        );
    }
    for (i, s) in steps.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let (color, dash) = match s.status {
            StepStatus::Ok => (INK, ""),
            StepStatus::Failed => (FAILED, ""),
            StepStatus::NotReached => (MUTED, r#" stroke-dasharray="5 4""#),
        };
        let note = match s.status {
            StepStatus::Ok => OK,
            StepStatus::Failed => FAILED,
            StepStatus::NotReached => MUTED,
        };
        let label = format!("{}. {} — {}", i + 1, s.title, s.request);
        let line2 = outcome_line(s);
        let full = escape(&format!("{}. {} — {}: {}", i + 1, s.title, s.request, outcome_line(s)));
        let _ = write!(o, r#"<g class="step"><title>{full}</title>"#);
        let (x1, x2) = (x_of(s.from), x_of(s.to));
        if x1 == x2 {
            // Its words beside the lifeline, on the side with room.
            let last = lines.last().is_some_and(|(_, x)| *x == x1);
            let (tx, anchor) = if last { (x1 - 16, "end") } else { (x1 + 16, "start") };
            // As much as fits between the lifeline and the edge (the whole of it in the list).
            let room = if last { tx - MARGIN } else { WIDTH - MARGIN - tx };
            let (label, line2) = (escape(&fit(&label, room)), escape(&fit(&line2, room)));
            let _ = write!(
                o,
                r##"<rect x="{}" y="{}" width="16" height="36" fill="#ffffff" stroke="{color}" stroke-width="1.5"{dash}/><text x="{tx}" y="{}" text-anchor="{anchor}" fill="{color}">{label}</text><text x="{tx}" y="{}" text-anchor="{anchor}" fill="{note}">{line2}</text>"##,
                x1 - 8,
                y + 12,
                y + 26,
                y + 46
            );
        } else {
            let mid = (x1 + x2) / 2;
            let end = if x2 > x1 { x2 - 2 } else { x2 + 2 };
            // Centred on the arrow, moved in from an edge, cut only where wider than the picture.
            let (label, line2) = (fit(&label, WIDTH - 2 * MARGIN), fit(&line2, WIDTH - 2 * MARGIN));
            let (lx, nx) = (centred(mid, text_px(&label)), centred(mid, text_px(&line2)));
            let (label, line2) = (escape(&label), escape(&line2));
            let _ = write!(
                o,
                r#"<text x="{lx}" y="{}" text-anchor="middle" fill="{color}">{label}</text><line x1="{x1}" y1="{}" x2="{end}" y2="{}" stroke="{color}" stroke-width="1.5"{dash} marker-end="url(#a)"/><text x="{nx}" y="{}" text-anchor="middle" fill="{note}">{line2}</text>"#,
                y + 22,
                y + 32,
                y + 32,
                y + 50
            );
        }
        o.push_str("</g>");
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::super::trace::{self, Party};
    use super::*;
    use crate::oauth::callback::Capture;
    use crate::platform::error::ApiError;

    const URL: &str = "http://127.0.0.1:8787/oauth/authorize?response_type=code&client_id=5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F&state=Zk9xR2xs&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    /// A PKCE run against the sandbox org that signed in.
    pub fn signed_in() -> Vec<Step> {
        let cap = Capture { fragment: String::new(), query: "code=C0DE&state=Zk9xR2xs".into() };
        vec![
            trace::authorize(URL, true),
            trace::login(Some(1_000), 3_250, true, false),
            trace::callback(&cap, "http://127.0.0.1:8080/", None),
            trace::token(
                "http://127.0.0.1:8787/oauth/token",
                "5b0a1c7e",
                "http://127.0.0.1:8080/",
                41,
                Ok(86_400),
            ),
            trace::api_call("Who the token is", "/api/v2/tokens/me", 18, Ok(())),
            trace::api_call("Who signed in", "/api/v2/users/me", 22, Ok(())),
        ]
    }

    /// A run refused at the token step by a server whose message tries to be markup.
    pub fn refused_at_token() -> Vec<Step> {
        let cap = Capture { fragment: String::new(), query: "code=C0DE&state=Zk9xR2xs".into() };
        let err = ApiError::Http {
            status: 400,
            body: crate::platform::api::error_body(
                r#"{"error":"invalid_grant","error_description":"The code was issued to another client <script>alert(1)</script> & \"more\""}"#,
            ),
            correlation_id: None,
            retry_after: None,
        };
        vec![
            trace::authorize(URL, true),
            trace::login(Some(1_000), 2_000, true, false),
            trace::callback(&cap, "http://127.0.0.1:8080/callback/127.0.0.1-8797", None),
            trace::token(
                "http://127.0.0.1:8797/token",
                "any-client",
                "http://127.0.0.1:8080/callback/127.0.0.1-8797",
                9,
                Err(&err),
            ),
        ]
    }

    fn golden(name: &str, got: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, got).unwrap();
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(got, want, "{name} differs (UPDATE_GOLDEN=1 rewrites it; look at it before committing)");
    }

    #[test]
    fn a_signed_in_pkce_run() {
        let s = svg("Run 1: Signed in", &signed_in());
        assert_eq!(s.matches("<g class=\"step\">").count(), 6);
        assert!(s.contains(">API</text>"));
        assert!(!s.contains("C0DE"));
        golden("trace-signed-in.svg", &s);
    }

    #[test]
    fn a_run_refused_at_the_token_step() {
        let steps = refused_at_token();
        let s = svg("Run 2: Failed", &steps);
        assert!(!s.contains("<script"), "the server's words are text");
        assert!(s.contains("&lt;script&gt;") && s.contains("&amp; &quot;more&quot;"));
        assert!(s.contains("✗ broke here: "));
        assert!(!s.contains(">API</text>"), "no API lifeline without an API step");
        golden("trace-refused-at-token.svg", &s);
    }

    #[test]
    fn no_text_leaves_the_picture() {
        for long in ["x".repeat(300), "界".repeat(300), "x界".repeat(150)] {
            for step in [
                trace::not_reached(&long, Party::Page, Party::Login, "GET /a-very-long-path"),
                trace::not_reached(&long, Party::Page, Party::Api, "GET /"),
                trace::not_reached(&long, Party::Login, Party::Login, "GET /"),
                trace::not_reached(&long, Party::Api, Party::Api, "GET /"),
            ] {
                let s = svg("t", &[step.clone(), trace::api_call("Who", "/api/v2/users/me", 1, Ok(()))]);
                // Each text's start, and its (generously judged) end, inside the margins.
                for part in s.split("<text ").skip(1) {
                    let x: u32 = part["x=\"".len()..].split('"').next().unwrap().parse().unwrap();
                    let text = part.split('>').nth(1).unwrap().split('<').next().unwrap();
                    let w = text_px(&text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
                    let (from, to) = if part.contains("text-anchor=\"end\"") {
                        (x.saturating_sub(w), x)
                    } else if part.contains("text-anchor=\"middle\"") {
                        (x.saturating_sub(w.div_ceil(2)), x + w.div_ceil(2))
                    } else {
                        (x, x + w)
                    };
                    assert!(from >= MARGIN && to <= WIDTH - MARGIN, "{text:?} at {x} spans {from}..{to}");
                }
            }
        }
    }

    #[test]
    fn escaping_and_cutting() {
        assert_eq!(escape("a<b>&'\"\u{7}\u{FFFE}\u{FFFF}"), "a&lt;b&gt;&amp;&#39;&quot;   ");
        assert_eq!(fit("abcdef", 28), "abc…");
        assert_eq!(fit("abc", 28), "abc");
        assert_eq!(fit("界界界界", 40), "界界…", "a full-width character takes 13 px");
        assert_eq!(fit("abcdef", 3), "a…", "at least one character");
        assert_eq!(fit("a", 5), "a", "never wider than its own cut");
        assert_eq!(fit("ab✅❌⭐", 40), "ab✅…", "symbols drawn as emoji count full-width");
        assert_eq!(text_px("✗·"), 14, "text symbols do not");
        let long = trace::not_reached(&"x".repeat(300), Party::Page, Party::Api, "GET /");
        let s = svg("t", &[long]);
        assert!(s.len() < 4_000);
        assert!(s.contains("not reached"));
    }
}
