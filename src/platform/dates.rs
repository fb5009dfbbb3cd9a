//! Dates as the org writes them (ISO 8601, UTC) and back.

/// Milliseconds since 1970 of an ISO 8601 UTC date-time as the org writes it
/// (`2026-11-27T10:15:30Z`, `…30.123Z`); `None` for anything else.
pub fn iso_ms(s: &str) -> Option<u64> {
    let s = s.trim();
    if !s.is_ascii() || s.len() < 20 || !s.ends_with('Z') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let sep = |i: usize, c: u8| s.as_bytes().get(i) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':')) {
        return None;
    }
    let frac = &s[19..s.len() - 1];
    let ms = match frac.strip_prefix('.') {
        None if frac.is_empty() => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{:0<3}", &f[..f.len().min(3)]).parse::<u64>().ok()?
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 || y < 1970 {
        return None;
    }
    // Days from the civil date (H. Hinnant's algorithm), for years from 1970.
    let (y, m) = if mo <= 2 { (y - 1, mo + 9) } else { (y, mo - 3) };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(((days * 86_400 + h * 3600 + mi * 60 + sec) * 1000).saturating_add(ms))
}

/// The date (`YYYY-MM-DD`, UTC) of a time in milliseconds since 1970.
pub fn date_of_ms(ms: u64) -> String {
    // The civil date of a day number (H. Hinnant's algorithm).
    let z = ms / 86_400_000 + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A duration in words: "18 h", "1 d 6 h", "450 d", "5 min".
pub fn words(secs: u64) -> String {
    let (d, h, m, s) = (secs / 86_400, (secs % 86_400) / 3600, (secs % 3600) / 60, secs % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} d"));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 && d == 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 && d == 0 && h == 0 {
        parts.push(format!("{s} s"));
    }
    if parts.is_empty() {
        "0 s".into()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_both_ways() {
        for iso in ["1970-01-01", "2000-02-29", "2026-11-27", "2026-12-31", "2027-03-01", "2400-02-29"] {
            let ms = iso_ms(&format!("{iso}T23:59:59.999Z")).unwrap();
            assert_eq!(date_of_ms(ms), iso);
            assert_eq!(date_of_ms(iso_ms(&format!("{iso}T00:00:00Z")).unwrap()), iso);
        }
    }
}
