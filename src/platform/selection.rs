//! The clients chosen in the list for a bulk action: a click toggles one, a shift-click sets the
//! range from the last click to this one, "all filtered" takes every client the search shows.

use std::collections::HashSet;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    ids: HashSet<String>,
    /// The position (in the list as shown) of the last plain click.
    anchor: Option<usize>,
}

impl Selection {
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// A click on the checkbox of the client at `pos` (`id_at` gives the id at a position of the
    /// list as shown). With shift, every client from the last click to this one takes the state
    /// this one gets.
    pub fn click(&mut self, pos: usize, shift: bool, id_at: impl Fn(usize) -> Option<String>) {
        let Some(id) = id_at(pos) else { return };
        let on = !self.ids.contains(&id);
        match self.anchor.filter(|_| shift) {
            Some(a) => {
                for p in a.min(pos)..=a.max(pos) {
                    if let Some(id) = id_at(p) {
                        self.set(id, on);
                    }
                }
            }
            None => {
                self.set(id, on);
                self.anchor = Some(pos);
            }
        }
    }

    fn set(&mut self, id: String, on: bool) {
        if on {
            self.ids.insert(id);
        } else {
            self.ids.remove(&id);
        }
    }

    /// Are all of these chosen (and is there at least one)?
    pub fn has_all<'a>(&self, mut ids: impl Iterator<Item = &'a str>) -> bool {
        let mut any = false;
        let all = ids.all(|id| {
            any = true;
            self.ids.contains(id)
        });
        any && all
    }

    /// Chooses all of these, or, when all of them are chosen already, none of them.
    pub fn toggle_all<'a>(&mut self, ids: impl Iterator<Item = &'a str> + Clone) {
        let on = !self.has_all(ids.clone());
        for id in ids {
            self.set(id.to_string(), on);
        }
        self.anchor = None;
    }

    /// The next shift-click starts no range (the rows moved).
    pub fn forget_anchor(&mut self) {
        self.anchor = None;
    }

    pub fn clear(&mut self) {
        *self = Selection::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

    fn at(p: usize) -> Option<String> {
        IDS.get(p).map(|s| s.to_string())
    }

    fn chosen(s: &Selection) -> String {
        IDS.iter().filter(|i| s.contains(i)).copied().collect()
    }

    #[test]
    fn click_and_shift_click() {
        let mut s = Selection::default();
        s.click(1, false, at);
        assert_eq!(chosen(&s), "b");
        s.click(4, true, at);
        assert_eq!(chosen(&s), "bcde", "the range from the last click");
        s.click(2, true, at);
        assert_eq!(chosen(&s), "de", "a range whose end is chosen is unchosen, from the last click");
        s.click(0, false, at);
        s.click(0, false, at);
        assert_eq!(chosen(&s), "de");
        s.click(5, true, at);
        assert_eq!(chosen(&s), "abcdef", "upwards or downwards alike");
        s.click(9, false, at);
        assert_eq!(s.len(), 6, "a position past the end does nothing");
    }

    #[test]
    fn shift_without_a_click_before_is_a_click() {
        let mut s = Selection::default();
        s.click(3, true, at);
        assert_eq!(chosen(&s), "d");
    }

    #[test]
    fn all_filtered_then_none() {
        let mut s = Selection::default();
        s.click(0, false, at);
        let shown = ["b", "c"];
        assert!(!s.has_all(shown.iter().copied()));
        s.toggle_all(shown.iter().copied());
        assert_eq!(chosen(&s), "abc", "the others stay chosen");
        assert!(s.has_all(shown.iter().copied()));
        s.toggle_all(shown.iter().copied());
        assert_eq!(chosen(&s), "a");
        assert!(!s.has_all(std::iter::empty()), "nothing shown: not all chosen");
    }
}
