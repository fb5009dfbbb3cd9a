//! Components in headless Chromium (wasm-bindgen-test). Run with
//! `cargo test -p oauth-console --target wasm32-unknown-unknown` (see the Makefile).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use oauth_console::env::SANDBOX_PKCE_CLIENT_ID;
use oauth_console::oauth::SignInRequest;
use oauth_console::pages::sign_in::SignInForm;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The element with this id inside `root` (each test mounts its own copy of the form).
fn by_id<T: JsCast>(root: &HtmlElement, id: &str) -> T {
    root.query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("no #{id}"))
        .dyn_into::<T>()
        .unwrap()
}

fn submit_button(root: &HtmlElement) -> HtmlButtonElement {
    root.query_selector("button[type=submit]").unwrap().expect("a submit button").dyn_into().unwrap()
}

fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn section() -> HtmlElement {
    let el: HtmlElement = doc().create_element("section").unwrap().dyn_into().unwrap();
    doc().body().unwrap().append_child(&el).unwrap();
    el
}

#[wasm_bindgen_test]
async fn sign_in_form_renders_its_fields_and_needs_a_client_id() {
    let root = section();
    let submitted = RwSignal::new(None::<SignInRequest>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <SignInForm on_submit=Callback::new(move |r| submitted.set(Some(r))) busy=false /> }
    });
    leptos::task::tick().await;

    // Served from 127.0.0.1 by the test runner: the sandbox org and its PKCE client are preselected.
    let env: HtmlSelectElement = by_id(&root, "env");
    assert_eq!(env.value(), "sandbox");
    assert_eq!(env.length(), 20, "sandbox + 18 regions + custom");
    let client: HtmlInputElement = by_id(&root, "client-id");
    assert_eq!(client.value(), SANDBOX_PKCE_CLIENT_ID);
    let pkce: HtmlInputElement =
        root.query_selector("input[value=pkce]").unwrap().unwrap().dyn_into().unwrap();
    assert!(pkce.checked());
    assert!(root.query_selector("#org").unwrap().is_some());
    assert!(root.query_selector("#provider").unwrap().is_some());
    assert!(root.query_selector("#login-hint").unwrap().is_some());
    assert!(by_id::<HtmlElement>(&root, "redirect-uri")
        .text_content()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    assert!(!submit_button(&root).disabled());

    // No client id: the button is disabled, the field says why, and submitting sends nothing.
    type_into(&client, "   ");
    leptos::task::tick().await;
    assert!(submit_button(&root).disabled());
    assert_eq!(client.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(by_id::<HtmlElement>(&root, "client-id-help").text_content().unwrap().contains("Required"));
    submit_button(&root).click();
    leptos::task::tick().await;
    assert!(submitted.get_untracked().is_none());

    // A client id again: the form submits a request for it.
    type_into(&client, " my-client ");
    leptos::task::tick().await;
    assert!(!submit_button(&root).disabled());
    submit_button(&root).click();
    leptos::task::tick().await;
    let req = submitted.get_untracked().expect("submitted");
    assert_eq!(req.client_id, "my-client");
}

#[wasm_bindgen_test]
async fn implicit_shows_the_retirement_and_org_needs_a_provider() {
    let root = section();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <SignInForm on_submit=Callback::new(|_| ()) busy=false /> }
    });
    leptos::task::tick().await;
    assert!(root.query_selector("#implicit-note").unwrap().is_none());
    let implicit: HtmlInputElement =
        root.query_selector("input[value=implicit]").unwrap().unwrap().dyn_into().unwrap();
    implicit.click();
    leptos::task::tick().await;
    let note =
        root.query_selector("#implicit-note").unwrap().expect("the retirement note").text_content().unwrap();
    assert!(note.contains("March 2026") && note.contains("March 2027"));

    type_into(&root.query_selector("#org").unwrap().unwrap().dyn_into().unwrap(), "acme");
    leptos::task::tick().await;
    assert!(submit_button(&root).disabled(), "org without provider is not sent");
    assert!(root.query_selector("#extras-error").unwrap().is_some());
}
