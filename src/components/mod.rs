//! Shared widgets: they show and edit values; they never build URLs or JSON.

pub mod bulk;
pub mod client_form;
pub mod connection;
pub mod countdown;
pub mod dialog;
pub mod env_picker;
pub mod env_switch;
pub mod export;
pub mod failed;
pub mod field;
pub mod place_band;
pub mod secret;
pub mod sign_in_form;
pub mod sort_header;
pub mod usage;
pub mod usage_column;

use crate::app::Notice;
use crate::oauth::authorize::Method;
use crate::platform::rules::implicit_retirement;
use leptos::prelude::*;

/// A notice box: error (role=alert) or information (role=status).
#[component]
pub fn NoticeBox(notice: Notice, #[prop(optional)] on_dismiss: Option<Callback<()>>) -> impl IntoView {
    let class = if notice.error { "notice notice-error" } else { "notice notice-info" };
    let role = if notice.error { "alert" } else { "status" };
    view! {
        <div class=class role=role>
            <strong class="notice-title">{notice.title}</strong>
            {notice.detail.map(|d| view! { <p class="notice-detail">{d}</p> })}
            {notice.link.map(|href| view! {
                <p><a href=href.clone() target="_blank" rel="noopener noreferrer">"More about this error"</a></p>
            })}
            {notice.correlation_id.map(|c| view! { <p class="muted">"Correlation id: " <code>{c}</code></p> })}
            // Its own line: read after the message, not run into its last word.
            {on_dismiss.map(|cb| view! {
                <p class="notice-actions">
                    <button type="button" class="link-button" on:click=move |_| cb.run(())>"Dismiss"</button>
                </p>
            })}
        </div>
    }
}

/// A button that copies `text` to the clipboard and says so.
#[component]
pub fn CopyButton(#[prop(into)] text: Signal<String>, #[prop(into)] label: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let aria = format!("Copy {label}");
    view! {
        <button
            type="button"
            class="copy-button"
            aria-label=aria
            on:click=move |_| {
                let t = text.get_untracked();
                leptos::task::spawn_local(async move { copied.set(Some(crate::browser::copy_text(&t).await)) });
            }
        >
            {move || match copied.get() {
                Some(true) => "Copied",
                Some(false) => "Copy failed",
                None => "Copy",
            }}
        </button>
    }
}

/// An indeterminate progress line with its reason, announced politely.
#[component]
pub fn Progress(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <div class="progress" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span>{label}</span>
        </div>
    }
}

/// The sign-in method: PKCE (recommended) or the implicit grant, with the vendor's retirement
/// note while implicit is chosen for a Genesys Cloud environment (`children` adds to the note).
#[component]
pub fn MethodChoice(
    /// The radio group's name.
    #[prop(into)]
    name: String,
    method: RwSignal<Method>,
    /// The id of the retirement note.
    #[prop(into)]
    note_id: String,
    /// Called after the method changes.
    on_change: Callback<()>,
    /// Is the environment Genesys Cloud (the retirement is the vendor's)? Always, unless said.
    #[prop(optional, into)]
    genesys: Option<Signal<bool>>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let choice = move |m: Method| {
        view! {
            <input
                type="radio"
                name=name.clone()
                value=m.key()
                prop:checked=move || method.get() == m
                on:change=move |_| {
                    method.set(m);
                    on_change.run(());
                }
            />
        }
    };
    view! {
        <fieldset class="field">
            <legend>"Method"</legend>
            <label class="choice">
                {choice(Method::Pkce)} "Authorization code with PKCE " <span class="badge badge-ok">"recommended"</span>
            </label>
            <label class="choice">
                {choice(Method::Implicit)} "Implicit grant " <span class="badge badge-warn">"deprecated"</span>
            </label>
            <Show when=move || method.get() == Method::Implicit && genesys.is_none_or(|g| g.get())>
                <div class="hint warn" id=note_id.clone()>
                    <p>{implicit_retirement()}</p>
                    {children.as_ref().map(|c| c())}
                </div>
            </Show>
        </fieldset>
    }
}
