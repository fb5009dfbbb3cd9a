//! wasm entry: capture the OAuth callback from the address bar (and remove it) before anything
//! renders, then mount the app.

fn main() {
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));
    let capture = oauth_console::oauth::flow::take_capture();
    // A Tester popup hands its answer to the tab that waits for it, and closes; if no tab takes
    // it, the popup shows it itself.
    if let Some(arrival) = capture.clone() {
        if oauth_console::tester::handover::hand_over(arrival, |a| mount(Some(a))) {
            return;
        }
    }
    mount(capture);
}

fn mount(capture: Option<oauth_console::oauth::flow::Arrival>) {
    leptos::mount::mount_to_body(move || leptos::view! { <oauth_console::App capture=capture /> });
}
