//! Components in headless Chromium (wasm-bindgen-test). Run with
//! `cargo test -p oauth-console --target wasm32-unknown-unknown` (see the Makefile).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use oauth_console::components::dialog::ConfirmDialog;
use oauth_console::components::env_picker::{EnvFields, EnvPicker};
use oauth_console::components::field::{Bind, TextField};
use oauth_console::components::sign_in_form::SignInForm;
use oauth_console::env::Environment;
use oauth_console::env::SANDBOX_PKCE_CLIENT_ID;
use oauth_console::oauth::flow::SignInRequest;
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
    assert!(by_id::<HtmlElement>(&root, "client-id-errors").text_content().unwrap().contains("Required"));
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
    assert!(by_id::<HtmlElement>(&root, "org-errors").text_content().unwrap().contains("identity provider"));
}

#[wasm_bindgen_test]
async fn a_field_announces_its_errors() {
    let root = section();
    let value = RwSignal::new(String::from("ok"));
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let errors =
            Signal::derive(
                move || if value.get().is_empty() { vec!["Required.".to_string()] } else { vec![] },
            );
        view! { <TextField id="f" label="Thing" value=Bind::from(value) hint="What it is" errors=errors /> }
    });
    leptos::task::tick().await;
    let input: HtmlInputElement = by_id(&root, "f");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("f-hint f-errors"));
    let label = root.query_selector("label[for=f]").unwrap().expect("a label for the input");
    assert_eq!(label.text_content().as_deref(), Some("Thing"));
    type_into(&input, "");
    leptos::task::tick().await;
    assert_eq!(value.get_untracked(), "", "typing writes the value");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(by_id::<HtmlElement>(&root, "f-errors").text_content().as_deref(), Some("Required."));
    assert_eq!(by_id::<HtmlElement>(&root, "f-hint").text_content().as_deref(), Some("What it is"));
}

#[wasm_bindgen_test]
async fn confirm_needs_the_exact_name() {
    let root = section();
    let confirmed = RwSignal::new(0u32);
    let cancelled = RwSignal::new(false);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ConfirmDialog
                title="Delete this client?"
                message="It cannot be restored."
                confirm_label="Delete client"
                require_text=Some("Nightly ETL".to_string())
                busy=false
                on_confirm=Callback::new(move |_| confirmed.update(|n| *n += 1))
                on_cancel=Callback::new(move |_| cancelled.set(true))
            />
        }
    });
    leptos::task::tick().await;
    let input: HtmlInputElement = by_id(&root, "confirm-text");
    assert!(submit_button(&root).disabled(), "nothing typed yet");
    for almost in ["Nightly", "nightly etl", "Nightly ETL "] {
        type_into(&input, almost);
        leptos::task::tick().await;
        assert!(submit_button(&root).disabled(), "{almost:?} is not the name");
    }
    submit_button(&root).click();
    leptos::task::tick().await;
    assert_eq!(confirmed.get_untracked(), 0);
    type_into(&input, "Nightly ETL");
    leptos::task::tick().await;
    assert!(!submit_button(&root).disabled());
    submit_button(&root).click();
    leptos::task::tick().await;
    assert_eq!(confirmed.get_untracked(), 1);
    let cancel: HtmlButtonElement =
        root.query_selector("button[type=button]").unwrap().expect("a cancel button").dyn_into().unwrap();
    cancel.click();
    leptos::task::tick().await;
    assert!(cancelled.get_untracked());
}

#[wasm_bindgen_test]
async fn the_environment_picker_describes_what_is_chosen() {
    let root = section();
    let fields = EnvFields::new(&Environment::Sandbox);
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EnvPicker fields=fields allow_server=true /> },
    );
    leptos::task::tick().await;
    let select: HtmlSelectElement = by_id(&root, "env");
    assert_eq!(select.length(), 21, "sandbox + 18 regions + custom + any server");
    assert!(root.query_selector("#custom-login").unwrap().is_none());
    select.set_value("region:eu-central-1");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    leptos::task::tick().await;
    assert_eq!(untrack(|| fields.env()), Ok(Environment::region("eu-central-1").unwrap()));
    select.set_value("custom");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    leptos::task::tick().await;
    type_into(&by_id(&root, "custom-login"), "https://login.example.com");
    type_into(&by_id(&root, "custom-api"), "https://api.example.com");
    leptos::task::tick().await;
    assert_eq!(
        untrack(|| fields.env()),
        Environment::custom("https://login.example.com", "https://api.example.com")
    );
    // A URL the browser would read differently is refused beside its input.
    let api: HtmlInputElement = by_id(&root, "custom-api");
    type_into(&api, "http://127.0.0.1:18666\\@127.0.0.1:18787");
    leptos::task::tick().await;
    assert_eq!(api.get_attribute("aria-invalid").as_deref(), Some("true"));
    let errors = root.query_selector("#custom-api-errors").unwrap().unwrap().text_content().unwrap();
    assert!(errors.contains("backslash"), "{errors}");
    assert!(untrack(|| fields.env()).is_err());
    select.set_value("server");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    leptos::task::tick().await;
    assert!(root.query_selector("#custom-login").unwrap().is_none());
    assert!(root.query_selector("#server-authorize").unwrap().is_some());
}

#[path = "common/url_cases.rs"]
mod url_cases;

/// The console's URL type and the browser's own parser agree on every case of the table: what
/// the console accepts, the browser reads as the same address, origin, host, port and path.
#[wasm_bindgen_test]
fn the_url_type_reads_addresses_as_the_browser_does() {
    use oauth_console::url::HttpUrl;
    for case in url_cases::CASES {
        let ours = HttpUrl::parse(case.input);
        match case.expect {
            url_cases::Expect::Href(href) => {
                let ours = ours.unwrap_or_else(|e| panic!("{:?} refused: {e}", case.input));
                let browser = web_sys::Url::new(case.input).unwrap_or_else(|_| {
                    panic!("the browser refuses {:?}, the console accepts it", case.input)
                });
                assert_eq!(browser.href(), href, "the browser's href of {:?}", case.input);
                assert_eq!(ours.as_str(), browser.href(), "{:?}", case.input);
                assert_eq!(ours.origin(), browser.origin(), "origin of {:?}", case.input);
                assert_eq!(ours.host_str(), browser.hostname(), "host of {:?}", case.input);
                assert_eq!(
                    ours.port().map(|p| p.to_string()).unwrap_or_default(),
                    browser.port(),
                    "port of {:?}",
                    case.input
                );
                assert_eq!(ours.path(), browser.pathname(), "path of {:?}", case.input);
            }
            url_cases::Expect::Refused => {
                assert!(ours.is_err(), "{:?} should be refused, the console reads {ours:?}", case.input)
            }
        }
    }
}

/// A popup run's answer crosses a real `BroadcastChannel` as an object: the waiting end asks
/// for the first answer, and uses it once, only after the popup gave it.
#[wasm_bindgen_test]
async fn a_popup_answer_crosses_the_channel_once_given() {
    use oauth_console::browser::channel::Channel;
    use oauth_console::oauth::callback::Capture;
    use oauth_console::oauth::flow::Arrival;
    use oauth_console::tester::handover::{channel_name, wait, Handover};
    use std::{cell::RefCell, rc::Rc};

    let state = "popup.abc";
    let got = Rc::new(RefCell::new(Vec::<Arrival>::new()));
    let _waiting = wait(state, {
        let got = got.clone();
        move |a| got.borrow_mut().push(a)
    })
    .expect("a channel");
    let mut popup = Channel::open(&channel_name(state)).expect("a channel");
    let heard = Rc::new(RefCell::new(Vec::<Handover>::new()));
    popup.listen({
        let heard = heard.clone();
        move |m: Handover| heard.borrow_mut().push(m)
    });
    let answer = Handover::Answer {
        fragment: String::new(),
        query: "code=C&state=popup.abc".into(),
        at: "http://a/cb".into(),
    };
    assert!(popup.post(&answer));
    assert!(popup.post(&answer));
    sleep_ms(200).await;
    assert_eq!(*heard.borrow(), vec![Handover::Taking], "the first answer is asked for, once");
    assert!(got.borrow().is_empty(), "not used before it is given");
    assert!(popup.post(&Handover::Given));
    assert!(popup.post(&Handover::Given));
    sleep_ms(200).await;
    let expected = Arrival {
        capture: Capture { fragment: String::new(), query: "code=C&state=popup.abc".into() },
        at: Some("http://a/cb".into()),
    };
    assert_eq!(*got.borrow(), vec![expected], "used once");
}

/// Waits `ms` on the browser's clock.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ =
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
