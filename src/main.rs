//! wasm entry: capture the OAuth callback from the address bar (and remove it) before anything
//! renders, then mount the app.

fn main() {
    let capture = oauth_console::browser::take_callback();
    leptos::mount::mount_to_body(move || leptos::view! { <oauth_console::App capture=capture /> });
}
