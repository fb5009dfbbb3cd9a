//! A popup run's answer, handed from the popup to the tab that waits for it. The popup has no
//! opener (`browser::popup` cuts it, so the login page cannot reach the console's tab), so the
//! answer goes on a channel of this origin named after the run's state, where only the tab that
//! started that run listens. Exactly one side uses it: the tab asks to take it, the popup gives
//! it (and closes) unless it has already begun to show it itself after [`WAIT_MS`]; the tab uses
//! it only once given. Both sides are plain state machines ([`PopupSide`], [`TabSide`]); the two
//! functions at the end only carry their messages.

use crate::browser::{self, channel::Channel};
use crate::oauth::callback::{classify, Capture};
use crate::oauth::flow::Arrival;
use crate::oauth::pending::lands_in_popup;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;

/// How long a popup waits for its tab to take the answer before it shows the answer itself.
pub const WAIT_MS: i32 = 3000;

/// What the popup and the waiting tab say to each other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handover {
    /// From the popup: the response as it landed, and where.
    Answer { fragment: String, query: String, at: String },
    /// From the waiting tab: it would take the answer.
    Taking,
    /// From the popup: the answer is the tab's (the popup closes and never uses it).
    Given,
}

impl Handover {
    /// The popup's message for what landed there, when it answers a run that lands in a popup.
    pub fn answer(arrival: &Arrival) -> Option<(String, Handover)> {
        let state = classify(&arrival.capture)?.state().filter(|s| lands_in_popup(s))?.to_string();
        let c = &arrival.capture;
        let at = arrival.at.clone().unwrap_or_default();
        Some((state, Handover::Answer { fragment: c.fragment.clone(), query: c.query.clone(), at }))
    }

    /// The arrival an answer describes (`None` for any other message). The popup always knows
    /// where it landed: an empty address matches no route.
    pub fn arrival(self) -> Option<Arrival> {
        match self {
            Handover::Answer { fragment, query, at } => {
                Some(Arrival { capture: Capture { fragment, query }, at: Some(at) })
            }
            _ => None,
        }
    }
}

/// The channel of the run with this state.
pub fn channel_name(state: &str) -> String {
    format!("oauth-console.run.{state}")
}

/// The popup's side: the answer goes to the tab or is shown here, never both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PopupSide {
    #[default]
    Waiting,
    /// Given to the tab.
    Given,
    /// Shown here (no tab asked in time).
    ShownHere,
}

/// What the popup does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PopupStep {
    /// Tell the tab it is its own, and close this window.
    GiveAndClose,
    /// Show the answer in this window.
    ShowHere,
    /// Say the answer went to the tab (the browser kept this window open).
    SayGiven,
    Nothing,
}

impl PopupSide {
    /// The tab asked for the answer.
    pub fn on_taking(&mut self) -> PopupStep {
        match self {
            PopupSide::Waiting => {
                *self = PopupSide::Given;
                PopupStep::GiveAndClose
            }
            _ => PopupStep::Nothing,
        }
    }

    /// [`WAIT_MS`] passed.
    pub fn on_time_up(&mut self) -> PopupStep {
        match self {
            PopupSide::Waiting => {
                *self = PopupSide::ShownHere;
                PopupStep::ShowHere
            }
            PopupSide::Given => PopupStep::SayGiven,
            PopupSide::ShownHere => PopupStep::Nothing,
        }
    }
}

/// The waiting tab's side: it asks for the first answer and uses it once given.
#[derive(Debug, Default)]
pub struct TabSide {
    answer: Option<Arrival>,
    used: bool,
}

impl TabSide {
    /// An answer came: true when the tab should ask for it (the first one only).
    pub fn on_answer(&mut self, arrival: Arrival) -> bool {
        if self.answer.is_some() || self.used {
            return false;
        }
        self.answer = Some(arrival);
        true
    }

    /// The popup gave the answer: it, to use, once.
    pub fn on_given(&mut self) -> Option<Arrival> {
        let answer = self.answer.take()?;
        self.used = true;
        Some(answer)
    }
}

/// In the popup: when what landed answers a popup run, posts it to the tab that waits, gives it
/// when that tab asks (and closes), or after [`WAIT_MS`] without a tab asking calls `otherwise`
/// with it (the popup shows it itself). False when it is no popup run's answer.
pub fn hand_over(arrival: Arrival, otherwise: impl FnOnce(Arrival) + 'static) -> bool {
    let Some((state, message)) = Handover::answer(&arrival) else { return false };
    let Some(mut channel) = Channel::open(&channel_name(&state)) else { return false };
    let Some(reply) = Channel::open(&channel_name(&state)) else { return false };
    let side = Rc::new(RefCell::new(PopupSide::default()));
    channel.listen({
        let side = side.clone();
        move |m: Handover| {
            if m == Handover::Taking && side.borrow_mut().on_taking() == PopupStep::GiveAndClose {
                reply.post(&Handover::Given);
                browser::close_window();
            }
        }
    });
    if !channel.post(&message) {
        return false;
    }
    // The channel lives until the popup closes or the time is up.
    let channel = std::cell::Cell::new(Some(channel));
    browser::after_ms(WAIT_MS, move || {
        drop(channel.take());
        match side.borrow_mut().on_time_up() {
            PopupStep::ShowHere => otherwise(arrival),
            PopupStep::SayGiven => {
                browser::show_text("The answer went to the Login tester's tab. You can close this window.")
            }
            _ => {}
        }
    });
    true
}

/// In the tab that started a popup run: listens on the run's channel until dropped; `on` gets
/// the answer once the popup gave it, at most once.
pub fn wait(state: &str, on: impl FnOnce(Arrival) + 'static) -> Option<Channel> {
    let mut channel = Channel::open(&channel_name(state))?;
    let reply = Channel::open(&channel_name(state))?;
    let mut side = TabSide::default();
    let mut on = Some(on);
    channel.listen(move |m: Handover| match m {
        Handover::Given => {
            if let (Some(arrival), Some(on)) = (side.on_given(), on.take()) {
                on(arrival);
            }
        }
        m => {
            if m.arrival().is_some_and(|a| side.on_answer(a)) {
                reply.post(&Handover::Taking);
            }
        }
    });
    Some(channel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::pending::{state_for, Lands};

    fn landed(query: String) -> Arrival {
        Arrival {
            capture: Capture { fragment: String::new(), query },
            at: Some("http://127.0.0.1:8080/callback/ab".into()),
        }
    }

    #[test]
    fn only_a_popup_runs_answer_is_handed_over() {
        let popup = state_for(Lands::InPopup, &[9; 32]);
        let (state, message) = Handover::answer(&landed(format!("code=C&state={popup}"))).unwrap();
        assert_eq!(state, popup);
        assert_eq!(channel_name(&state), format!("oauth-console.run.{popup}"));
        // What the tab receives is what landed, where it landed.
        assert_eq!(message.arrival(), Some(landed(format!("code=C&state={popup}"))));
        // A sign-in of this tab, no state, no OAuth response: not handed over.
        let here = state_for(Lands::Here, &[9; 32]);
        assert_eq!(Handover::answer(&landed(format!("code=C&state={here}"))), None);
        assert_eq!(Handover::answer(&landed("code=C".into())), None);
        assert_eq!(Handover::answer(&landed("a=b".into())), None);
        assert_eq!(Handover::Taking.arrival(), None);
        assert_eq!(Handover::Given.arrival(), None);
    }

    #[test]
    fn messages_are_plain_data() {
        let m = Handover::Answer { fragment: "f".into(), query: "q".into(), at: "a".into() };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v, serde_json::json!({"answer": {"fragment": "f", "query": "q", "at": "a"}}));
        assert_eq!(serde_json::to_value(Handover::Taking).unwrap(), serde_json::json!("taking"));
        assert_eq!(serde_json::to_value(Handover::Given).unwrap(), serde_json::json!("given"));
        assert!(serde_json::from_value::<Handover>(serde_json::json!("other")).is_err());
        assert!(serde_json::from_value::<Handover>(serde_json::json!({"type": "given"})).is_err());
    }

    #[test]
    fn the_popup_gives_or_shows_never_both() {
        // Asked in time: given, and the time running out only says so.
        let mut p = PopupSide::default();
        assert_eq!(p.on_taking(), PopupStep::GiveAndClose);
        assert_eq!(p.on_taking(), PopupStep::Nothing, "given once");
        assert_eq!(p.on_time_up(), PopupStep::SayGiven);
        // Asked too late: shown here, and the tab's late ask gets nothing.
        let mut p = PopupSide::default();
        assert_eq!(p.on_time_up(), PopupStep::ShowHere);
        assert_eq!(p.on_taking(), PopupStep::Nothing);
        assert_eq!(p.on_time_up(), PopupStep::Nothing);
    }

    #[test]
    fn the_tab_uses_the_first_answer_once_and_only_once_given() {
        let a = landed("code=A&state=popup.x".into());
        let b = landed("code=B&state=popup.x".into());
        let mut t = TabSide::default();
        assert_eq!(t.on_given(), None, "nothing to use before an answer");
        assert!(t.on_answer(a.clone()));
        assert!(!t.on_answer(b.clone()), "a second answer is not asked for");
        assert_eq!(t.on_given(), Some(a));
        assert_eq!(t.on_given(), None, "used once");
        assert!(!t.on_answer(b), "nor anything after");
    }
}
