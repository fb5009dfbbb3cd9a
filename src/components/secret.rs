//! A client secret, shown once: masked until revealed, with a copy button.

use super::CopyButton;
use leptos::prelude::*;

/// Said under a secret whose use is explained elsewhere.
pub const SHOWN_ONCE: &str = "Shown only now: it cannot be shown again (you can regenerate it).";

#[component]
pub fn SecretReveal(
    /// The secret itself; kept in memory only.
    #[prop(into)]
    secret: String,
    /// Whose secret, when several are shown (each then named, without the page's one id).
    #[prop(optional, into)]
    of: Option<String>,
    /// What this client does with its secret, said instead of "keep it in your secret store".
    #[prop(optional_no_strip)]
    note: Option<&'static str>,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let masked = "•".repeat(secret.len().clamp(8, 24));
    let for_copy = secret.clone();
    let (id, label, copy_label) = match &of {
        Some(name) => (None, format!("Client secret of {name}"), format!("client secret of {name}")),
        None => (Some("client-secret"), "Client secret".to_string(), "client secret".to_string()),
    };
    view! {
        <div class="secret">
            <code id=id aria-label=label>
                {move || if shown.get() { secret.clone() } else { masked.clone() }}
            </code>
            <button type="button" aria-pressed=move || shown.get().to_string() on:click=move |_| shown.update(|s| *s = !*s)>
                {move || if shown.get() { "Hide" } else { "Reveal" }}
            </button>
            <CopyButton text=Signal::derive(move || for_copy.clone()) label=copy_label />
        </div>
        <p class="hint warn">
            {note.unwrap_or("This secret is shown only now. Copy it to your secret store; it cannot be shown again (you can regenerate it).")}
        </p>
    }
}
