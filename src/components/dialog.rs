//! A modal confirmation, optionally asking the user to type a name first.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Asks before a consequential action. With `require_text`, the confirm button stays disabled
/// until exactly that text is typed. Escape or "Cancel" closes it.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    #[prop(into)] confirm_label: String,
    /// The text to type (the client's name) before confirming.
    #[prop(optional_no_strip, into)]
    require_text: Option<String>,
    /// True while the action runs.
    #[prop(into)]
    busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    /// Said after the message (what else is known: the chosen clients, the client's use).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let needed = StoredValue::new(require_text.clone());
    let ok = move || !busy.get() && needed.with_value(|n| n.as_ref().is_none_or(|t| typed.with(|v| v == t)));
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let button_ref = NodeRef::<leptos::html::Button>::new();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // Focus goes back where it was when the dialog closes.
    let opener = StoredValue::new_local(
        leptos::prelude::document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    on_cleanup(move || {
        if let Some(el) = opener.get_value() {
            let _ = el.focus();
        }
    });
    // Tab and Shift-Tab stay inside the dialog.
    let trap = move |ev: &leptos::ev::KeyboardEvent| {
        let Some(form) = form_ref.get() else { return };
        let Ok(list) = form.query_selector_all("input:not([disabled]), button:not([disabled])") else {
            return;
        };
        let items: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
        let active = leptos::prelude::document().active_element();
        let at = |el: &web_sys::HtmlElement| {
            active.as_ref().is_some_and(|a| a == el.as_ref() as &web_sys::Element)
        };
        if ev.shift_key() && at(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };
    Effect::new(move |_| {
        if let Some(i) = input_ref.get() {
            let _ = i.focus();
        } else if let Some(b) = button_ref.get() {
            let _ = b.focus();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ok() {
            on_confirm.run(());
        }
    };
    view! {
        <div class="backdrop">
            <form
                node_ref=form_ref
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="dialog-title"
                on:submit=submit
                on:keydown=move |ev| {
                    match ev.key().as_str() {
                        "Escape" => on_cancel.run(()),
                        "Tab" => trap(&ev),
                        _ => {}
                    }
                }
            >
                <h2 id="dialog-title">{title}</h2>
                <p>{message}</p>
                {children.map(|c| c())}
                {require_text.map(|t| {
                    let label = format!("Type \u{201c}{t}\u{201d} to confirm");
                    view! {
                        <div class="field">
                            <label for="confirm-text">{label}</label>
                            <input id="confirm-text" type="text" autocomplete="off" node_ref=input_ref bind:value=typed />
                        </div>
                    }
                })}
                <div class="row">
                    <button type="submit" class="danger" node_ref=button_ref disabled=move || !ok()>
                        {move || if busy.get() { "Working…".to_string() } else { confirm_label.clone() }}
                    </button>
                    <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                </div>
            </form>
        </div>
    }
}
