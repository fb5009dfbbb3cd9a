//! Each place (an environment and its org) wears a colour of its own on every page, kept in this
//! browser: signed in to several, the admin tells them apart at a glance, not by small grey text.

use crate::browser::storage::Key;

/// The colours a place can wear (each has a light and a dark shade in the style sheet).
pub const COLOURS: [&str; 6] = ["blue", "green", "purple", "orange", "teal", "magenta"];

fn key(place: &str) -> Key<String> {
    Key::browser_named(format!("pref.colour.{place}"))
}

/// The colour kept for `place`, if any.
pub fn kept(place: &str) -> Option<&'static str> {
    key(place).load().and_then(|c| COLOURS.into_iter().find(|k| *k == c))
}

/// The colour of `place`: the one kept for it, else a new one that none of `others` (the tab's
/// other places) wears, kept from now on.
pub fn colour_of(place: &str, others: &[String]) -> &'static str {
    if let Some(c) = kept(place) {
        return c;
    }
    let taken: Vec<&str> = others.iter().filter_map(|p| kept(p)).collect();
    let c = choose(place, &taken);
    key(place).save(&c.to_string());
    c
}

/// The admin chose another colour for `place`: kept, when it is one of [`COLOURS`].
pub fn keep(place: &str, colour: &str) -> Option<&'static str> {
    let c = COLOURS.into_iter().find(|c| *c == colour)?;
    key(place).save(&c.to_string());
    Some(c)
}

/// A colour for a place that has none: from a spot given by its name, the first one not `taken`
/// (all taken: the spot's own).
pub fn choose(place: &str, taken: &[&str]) -> &'static str {
    // FNV-1a: the same place gets the same spot in every browser.
    let spot =
        place.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)) as usize;
    (0..COLOURS.len())
        .map(|i| COLOURS[(spot + i) % COLOURS.len()])
        .find(|c| !taken.contains(c))
        .unwrap_or(COLOURS[spot % COLOURS.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_place_wears_a_colour_no_other_place_of_the_tab_wears() {
        let place = "sandbox|7d1e0c2b-5a4f-4e6d-9b3a-2c1d0e9f8a02";
        let first = choose(place, &[]);
        assert_eq!(choose(place, &[]), first, "the same place, the same colour");
        let second = choose(place, &[first]);
        assert_ne!(second, first);
        let third = choose(place, &[first, second]);
        assert!(third != first && third != second);
        assert_eq!(choose(place, &COLOURS), first, "all taken: its own");
        // Places differ in their spots.
        let spots: std::collections::HashSet<_> =
            (0..12).map(|i| choose(&format!("region:eu-west-1|org-{i}"), &[])).collect();
        assert!(spots.len() > 2, "{spots:?}");
    }
}
