//! A client secret, shown once: masked until revealed, with a copy button.

use super::CopyButton;
use leptos::prelude::*;

#[component]
pub fn SecretReveal(
    /// The secret itself; kept in memory only.
    #[prop(into)]
    secret: String,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let masked = "•".repeat(secret.len().clamp(8, 24));
    let for_copy = secret.clone();
    view! {
        <div class="secret">
            <code id="client-secret" aria-label="Client secret">
                {move || if shown.get() { secret.clone() } else { masked.clone() }}
            </code>
            <button type="button" aria-pressed=move || shown.get().to_string() on:click=move |_| shown.update(|s| *s = !*s)>
                {move || if shown.get() { "Hide" } else { "Reveal" }}
            </button>
            <CopyButton text=Signal::derive(move || for_copy.clone()) label="client secret" />
        </div>
        <p class="hint warn">
            "This secret is shown only now. Copy it to your secret store; it cannot be shown again (you can regenerate it)."
        </p>
    }
}
