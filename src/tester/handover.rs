//! A popup run's answer, handed from the popup to the tab that waits for it. The popup has no
//! opener (`browser::popup` cuts it, so the login page cannot reach the console's tab), so the
//! answer goes on a channel of this origin named after the run's state, where only the tab that
//! started that run listens; that tab says it took it, and the popup closes. The messages are
//! plain data; the two ends are the only browser steps.

use crate::browser::{self, channel::Channel};
use crate::oauth::callback::{classify, Capture};
use crate::oauth::flow::Arrival;
use crate::oauth::pending::lands_in_popup;
use serde::{Deserialize, Serialize};

/// How long a popup waits for its tab to take the answer before it shows the answer itself.
pub const WAIT_MS: i32 = 3000;

/// What the popup and the waiting tab say to each other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Handover {
    /// From the popup: the response as it landed, and where.
    Answer { fragment: String, query: String, at: String },
    /// From the waiting tab: taken; the popup may close.
    Taken,
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
            Handover::Taken => None,
        }
    }
}

/// The channel of the run with this state.
pub fn channel_name(state: &str) -> String {
    format!("oauth-console.run.{state}")
}

/// In the popup: when what landed answers a popup run, posts it to the tab that waits and
/// closes once that tab took it; if no tab takes it within [`WAIT_MS`], calls `otherwise` with
/// it (the popup then shows it itself). False when it is no popup run's answer.
pub fn hand_over(arrival: Arrival, otherwise: impl FnOnce(Arrival) + 'static) -> bool {
    let Some((state, message)) = Handover::answer(&arrival) else { return false };
    let Some(mut channel) = Channel::open(&channel_name(&state)) else { return false };
    let taken = std::rc::Rc::new(std::cell::Cell::new(false));
    channel.listen({
        let taken = taken.clone();
        move |m: Handover| {
            if m == Handover::Taken {
                taken.set(true);
                browser::close_window();
            }
        }
    });
    if !channel.post(&message) {
        return false;
    }
    // The channel lives until the popup closes or gives up.
    let channel = std::cell::Cell::new(Some(channel));
    browser::after_ms(WAIT_MS, move || {
        drop(channel.take());
        if taken.get() {
            // Taken, but the browser kept the window open: never shown twice.
            browser::show_text("The answer went to the Login tester's tab. You can close this window.");
        } else {
            otherwise(arrival);
        }
    });
    true
}

/// In the tab that started a popup run: listens on the run's channel until dropped; `on` gets
/// the answer, once, after the popup was told it was taken.
pub fn wait(state: &str, on: impl FnOnce(Arrival) + 'static) -> Option<Channel> {
    let mut channel = Channel::open(&channel_name(state))?;
    let reply = Channel::open(&channel_name(state))?;
    let mut on = Some(on);
    channel.listen(move |m: Handover| {
        let Some(arrival) = m.arrival() else { return };
        reply.post(&Handover::Taken);
        if let Some(on) = on.take() {
            on(arrival);
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
        assert_eq!(Handover::Taken.arrival(), None);
    }

    #[test]
    fn messages_are_tagged_objects() {
        let m = Handover::Answer { fragment: "f".into(), query: "q".into(), at: "a".into() };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v, serde_json::json!({"type": "answer", "fragment": "f", "query": "q", "at": "a"}));
        assert_eq!(serde_json::to_value(Handover::Taken).unwrap(), serde_json::json!({"type": "taken"}));
        assert!(serde_json::from_value::<Handover>(serde_json::json!({"type": "other"})).is_err());
    }
}
