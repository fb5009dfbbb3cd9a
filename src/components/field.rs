//! A labelled input with its hint and its errors: `aria-invalid` and `aria-describedby` are set
//! here once, for every text-like input of the app.

use crate::platform::rules::Field;
use leptos::prelude::*;

/// A string value and how to change it: from an `RwSignal<String>`, or from a getter and a setter
/// (a field of a larger draft).
#[derive(Clone, Copy)]
pub struct Bind {
    get: Signal<String>,
    set: Callback<String>,
}

impl Bind {
    pub fn new(
        get: impl Fn() -> String + Send + Sync + 'static,
        set: impl Fn(String) + Send + Sync + 'static,
    ) -> Bind {
        Bind { get: Signal::derive(get), set: Callback::new(set) }
    }
}

impl From<RwSignal<String>> for Bind {
    fn from(s: RwSignal<String>) -> Bind {
        Bind::new(move || s.get(), move |v| s.set(v))
    }
}

/// The id of the list of a field's errors.
pub fn errors_id(id: &str) -> String {
    format!("{id}-errors")
}

/// The ids a field's input points at with `aria-describedby`.
pub fn described_by(id: &str, has_hint: bool) -> String {
    if has_hint {
        format!("{id}-hint {}", errors_id(id))
    } else {
        errors_id(id)
    }
}

/// A field's errors, beside it, announced as they change (`{id}-errors`).
#[component]
pub fn ErrorList(#[prop(into)] id: String, #[prop(into)] errors: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <ul class="field-errors" id=errors_id(&id) aria-live="polite">
            {move || errors.get().into_iter().map(|e| view! { <li class="field-error">{e}</li> }).collect_view()}
        </ul>
    }
}

/// A labelled text-like input (`kind`: text, email, url, search, date).
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] value: Bind,
    #[prop(default = "text")] kind: &'static str,
    /// Help shown under the input (`{id}-hint`).
    #[prop(optional, into)]
    hint: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    /// What is wrong with the value now; the input is marked invalid while there is any.
    #[prop(optional, into)]
    errors: Signal<Vec<String>>,
) -> impl IntoView {
    let invalid = move || errors.with(|e| !e.is_empty()).to_string();
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type=kind
                autocomplete="off"
                spellcheck="false"
                placeholder=placeholder
                prop:value=move || value.get.get()
                on:input=move |ev| value.set.run(event_target_value(&ev))
                aria-invalid=invalid
                aria-describedby=described_by(&id, hint.is_some())
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <ErrorList id=id errors=errors />
        </div>
    }
}

/// Where each of the client form's fields is on the page.
impl Field {
    /// The id of the field's input in the form.
    pub fn input_id(self) -> &'static str {
        match self {
            Field::Name => "client-name",
            Field::Description => "client-description",
            Field::Grant => "client-grant",
            Field::Duration => "client-duration",
            Field::RedirectUris => "client-redirects",
            Field::Scopes => "client-scopes",
            Field::Roles => "client-roles",
            Field::State => "client-state",
            Field::DateToDelete => "client-delete-date",
        }
    }

    /// The field whose input (or group) has this id.
    pub fn of_input_id(id: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.input_id() == id)
    }

    /// The field's name as its label says it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Description => "Description",
            Field::Grant => "Grant type",
            Field::Duration => "Token duration",
            Field::RedirectUris => "Authorized redirect URIs",
            Field::Scopes => "Scopes",
            Field::Roles => "Roles",
            Field::State => "State",
            Field::DateToDelete => "Deletion date",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_hint_then_errors() {
        assert_eq!(described_by("client-id", true), "client-id-hint client-id-errors");
        assert_eq!(described_by("org", false), "org-errors");
    }

    #[test]
    fn every_field_found_by_its_input() {
        for f in Field::ALL {
            assert_eq!(Field::of_input_id(f.input_id()), Some(f));
        }
        assert_eq!(Field::of_input_id("scope-search"), None);
    }
}
