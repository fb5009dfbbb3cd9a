//! The sign-in screen: the session's notices and progress, and the sign-in form.

use crate::app::use_session;
use crate::browser::address;
use crate::components::sign_in_form::SignInForm;
use crate::components::{NoticeBox, Progress};
use crate::oauth::flow::SignInRequest;
use leptos::prelude::*;

#[component]
pub fn SignIn() -> impl IntoView {
    let ctx = use_session();
    let busy = Signal::derive(move || ctx.busy_label().is_some());
    // Signing in from a deeper page (the session ended there) comes back to it.
    let on_submit = Callback::new(move |mut req: SignInRequest| {
        let here = address::current_path();
        req.return_to = (here != "/").then_some(here);
        ctx.start_sign_in(req)
    });
    view! {
        <section class="card narrow">
            <h1>"Sign in to Genesys Cloud"</h1>
            <p class="muted">
                "Sign in with an OAuth client of your org to manage its OAuth clients. Nothing leaves this browser except the requests to the environment you choose."
            </p>
            {move || ctx.notice().map(|n| view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| ctx.dismiss_notice()) /> })}
            {move || ctx.busy_label().map(|b| view! { <Progress label=b /> })}
            <SignInForm on_submit=on_submit busy=busy />
        </section>
    }
}
