//! wasm entry: capture the OAuth callback from the address bar (and remove it) before anything
//! renders, then mount the app.

fn main() {
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));
    let capture = oauth_console::oauth::flow::take_capture();
    // A Tester popup hands its callback to the page that opened it, and closes.
    if capture.as_ref().is_some_and(oauth_console::tester::page::hand_to_opener) {
        return;
    }
    leptos::mount::mount_to_body(move || leptos::view! { <oauth_console::App capture=capture /> });
}
