//! The link between a replacement and the implicit client it replaces, written in the
//! replacement's description where every admin of the org reads it: a line naming the implicit
//! client ([`MARK`]) and, once tested, a line with the day ([`TESTED`]). They are read anywhere in
//! the description, in any case and spacing, as whole words with a whole value, so they survive
//! an edit in the vendor's own admin page (which may join lines or trim them).

use super::model::OAuthClient;

/// The line of a replacement's description that names the implicit client it replaces.
pub const MARK: &str = "Replaces implicit client";
/// The line that says when the replacement was tested with PKCE (a date, `YYYY-MM-DD`).
pub const TESTED: &str = "Tested with PKCE on";

/// Where `marker` stands in `text` (any case, any spacing between its words, whole words), with
/// the value after it (past spaces and a colon): the text `keep` takes, which `valid` accepts.
/// The byte range covers the marker and its value.
fn find<'t>(
    text: &'t str,
    marker: &str,
    keep: impl Fn(char) -> bool,
    valid: impl Fn(&str) -> bool,
) -> Option<(std::ops::Range<usize>, &'t str)> {
    let words: Vec<&str> = marker.split(' ').collect();
    let lower = text.to_ascii_lowercase();
    let first = words[0].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(&first) {
        let start = from + at;
        from = start + first.len();
        let word_start = !text[..start].ends_with(|c: char| c.is_alphanumeric());
        let mut rest = &text[from..];
        let whole = words[1..].iter().all(|w| {
            let trimmed = rest.trim_start();
            let matched = trimmed.len() < rest.len()
                && trimmed.get(..w.len()).is_some_and(|t| t.eq_ignore_ascii_case(w));
            if matched {
                rest = &trimmed[w.len()..];
            }
            matched
        });
        // The last word ends there: "clients" is not "client".
        let ends = rest.starts_with(|c: char| c.is_whitespace() || c == ':');
        let value = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let len = value.find(|c: char| !keep(c)).unwrap_or(value.len());
        // The value ends there too: "<uuid>x" is no id.
        let value_ends = !value[len..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if word_start && whole && ends && value_ends && valid(&value[..len]) {
            let value_start = text.len() - value.len();
            return Some((start..value_start + len, &value[..len]));
        }
    }
    None
}

/// A client id as the org writes them: a UUID (`8-4-4-4-12` hex digits).
fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
}

fn is_day(s: &str) -> bool {
    s.len() == 10
        && s.char_indices().all(|(i, c)| if matches!(i, 4 | 7) { c == '-' } else { c.is_ascii_digit() })
}

pub(super) fn mark_at(description: &str) -> Option<(std::ops::Range<usize>, &str)> {
    find(description, MARK, |c| c.is_ascii_hexdigit() || c == '-', is_uuid)
}

/// The implicit client a description says it replaces (its id, as written).
pub fn replaces(description: &str) -> Option<&str> {
    mark_at(description).map(|(_, id)| id)
}

pub(super) fn tested_at(description: &str) -> Option<(std::ops::Range<usize>, &str)> {
    find(description, TESTED, |c| c.is_ascii_digit() || c == '-', is_day)
}

/// The day a description says its client was tested with PKCE.
pub fn tested_on(description: &str) -> Option<&str> {
    tested_at(description).map(|(_, day)| day)
}

/// A link's span in `text`, with the name in brackets that follows its id on the same line.
pub(super) fn with_name(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let rest = text[span.end..].trim_start_matches(' ');
    match rest.strip_prefix('(').and_then(|r| r.find(')').filter(|&close| !r[..close].contains('\n'))) {
        Some(close) => span.start..text.len() - rest.len() + close + 2,
        None => span,
    }
}

/// The line that links a replacement to `old`.
pub fn mark_line(old: &OAuthClient) -> String {
    format!("{MARK} {} ({}).", old.id, old.name)
}

/// `text` with every span `at` finds cut out (with a full stop after it); a span on a line of
/// its own goes with its line break (`\n` or `\r\n`, trailing spaces too).
pub(super) fn cut(text: &str, at: impl Fn(&str) -> Option<std::ops::Range<usize>>) -> String {
    let mut text = text.to_string();
    while let Some(span) = at(&text) {
        let (mut s, mut e) = (span.start, span.end);
        if text[e..].starts_with('.') {
            e += 1;
        }
        let rest = text[e..].trim_start_matches([' ', '\t']);
        let line_start = s == 0 || text[..s].ends_with('\n');
        if line_start && (rest.is_empty() || rest.starts_with(['\n', '\r'])) {
            e = text.len() - rest.len();
            if rest.starts_with("\r\n") {
                e += 2;
            } else if !rest.is_empty() {
                e += 1;
            } else {
                // The last line: the break before it goes.
                let before = text[..s].trim_end_matches(['\n', '\r']);
                s = before.len();
            }
        }
        text.replace_range(s..e, "");
    }
    text.trim().to_string()
}

/// A description with the tested line set to `day`: an earlier one is cut out (only its own
/// words, whatever shares its line), the new one added as the last line.
pub fn with_tested(description: &str, day: &str) -> String {
    let mut text = cut(description, |t| tested_at(t).map(|(span, _)| span));
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&format!("{TESTED} {day}."));
    text
}
