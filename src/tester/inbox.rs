//! A response for the Login tester that came back by redirect, waiting for the Tester's page
//! (the app lands on `/tester` with it).

use crate::oauth::flow::Delivery;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Inbox(RwSignal<Option<Delivery>>);

impl Inbox {
    /// Creates the inbox and puts it in context.
    pub fn provide() -> Inbox {
        let inbox = Inbox(RwSignal::new(None));
        provide_context(inbox);
        inbox
    }

    pub fn use_inbox() -> Inbox {
        expect_context::<Inbox>()
    }

    pub fn put(&self, d: Delivery) {
        self.0.set(Some(d));
    }

    /// The response waiting, taken once (tracked).
    pub fn take(&self) -> Option<Delivery> {
        let d = self.0.get();
        if d.is_some() {
            self.0.set(None);
        }
        d
    }
}
