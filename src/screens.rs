//! The screens loaded when first opened. The sign-in screen, the callback, the session and the
//! shell are the first module; every screen here is its own chunk in the build an org deploys
//! (the cargo feature `split`, which `make dist` turns on and splits with `wasm-split-cli`),
//! fetched the first time it is opened and prefetched while the browser is idle after sign-in.
//!
//! Without `split` (`make serve`, the browser tests) the same functions are plain `async fn`s and
//! every screen is in the one module: the app behaves the same, it only loads more at first.

use crate::components::failed::Failed;
use crate::components::Progress;
use futures::future::LocalBoxFuture;
use leptos::prelude::*;

/// A screen's chunk could not be fetched (offline, or a deploy replaced it meanwhile).
#[derive(Debug, Clone, Copy)]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// `screen!(name, preload_name, chunk => view)`: an async `name()` that gives the screen's view
/// (inside an error boundary, which the shell does not carry) once its chunk is there, and `preload_name()` that fetches the chunk only. A failed fetch is an
/// `Err` (tried again on the next call), never a panic.
macro_rules! screen {
    ($(#[$doc:meta])* $name:ident, $preload:ident, $chunk:ident => $body:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        pub fn $name() -> Result<AnyView, NotLoaded> {
            Ok(in_boundary($body))
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Result<AnyView, NotLoaded> {
            Ok(in_boundary($body))
        }

        #[cfg(not(feature = "split"))]
        pub async fn $preload() -> Result<(), NotLoaded> {
            Ok(())
        }
    };
}

/// A screen inside its error boundary (the shell carries none).
fn in_boundary(screen: impl IntoView + 'static) -> AnyView {
    view! { <ErrorBoundary fallback=|errors| view! { <Failed errors=errors /> }>{screen}</ErrorBoundary> }
        .into_any()
}

screen!(
    /// The org's OAuth clients.
    clients, preload_clients, clients => view! { <crate::pages::clients::Clients /> }
);
screen!(
    /// One client's page.
    client, preload_client, client => view! { <crate::pages::client_view::ClientView /> }
);
screen!(
    /// A new client.
    new_client, preload_new_client, editor => view! { <crate::pages::client_editor::NewClient /> }
);
screen!(
    /// A client's editor.
    edit_client, preload_edit_client, editor => view! { <crate::pages::client_editor::EditClient /> }
);
screen!(
    /// Import from a file.
    import, preload_import, import => view! { <crate::pages::import::ImportClients /> }
);
screen!(
    /// Authorized apps.
    authorizations, preload_authorizations, authorizations => view! { <crate::pages::authorizations::Authorizations /> }
);
screen!(
    /// Moving off the implicit grant.
    migrate, preload_migrate, migrate => view! { <crate::pages::migrate::Migrate /> }
);
screen!(
    /// The Login tester.
    tester, preload_tester, tester => view! { <crate::tester::page::Tester /> }
);

/// The screens of the routes (src/lib.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Clients,
    Client,
    NewClient,
    EditClient,
    Import,
    Authorizations,
    Migrate,
    Tester,
}

impl Screen {
    fn load(self) -> LocalBoxFuture<'static, Result<AnyView, NotLoaded>> {
        match self {
            Screen::Clients => Box::pin(clients()),
            Screen::Client => Box::pin(client()),
            Screen::NewClient => Box::pin(new_client()),
            Screen::EditClient => Box::pin(edit_client()),
            Screen::Import => Box::pin(import()),
            Screen::Authorizations => Box::pin(authorizations()),
            Screen::Migrate => Box::pin(migrate()),
            Screen::Tester => Box::pin(tester()),
        }
    }
}

/// Fetches every screen's chunk, one after another (a slow link is not asked for all at once);
/// a failure is left for the screen itself to retry when opened.
pub async fn prefetch_all() {
    let _ = preload_clients().await;
    let _ = preload_client().await;
    let _ = preload_new_client().await;
    let _ = preload_import().await;
    let _ = preload_authorizations().await;
    let _ = preload_migrate().await;
    let _ = preload_tester().await;
}

/// A screen from its chunk: "Loading…" while it is fetched, and if that fails, what happened and
/// a way to try again (nothing typed is lost: the screen has not been shown yet).
///
/// Not a `<Suspense>`: the screen's own waits (its list loading) show its own progress, which a
/// suspense boundary around it would replace with this one. Not generic over the loader: one
/// copy of this in the first module, not one per screen.
#[component]
pub fn Lazy(screen: Screen) -> impl IntoView {
    // None while fetching, then whether it came.
    let loaded = RwSignal::new(None::<bool>);
    let failures = RwSignal::new(0u32);
    let shown = StoredValue::new_local(None::<AnyView>);
    let owner = Owner::current();
    let start = Callback::new(move |()| {
        loaded.set(None);
        let fetch = move || {
            // The screen is built when its chunk is there, owned by this component; left
            // meanwhile (another route, signed out), the wait is dropped and nothing is built.
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let done = match screen.load().await {
                    Ok(view) => shown.try_set_value(Some(view)).is_none(),
                    Err(NotLoaded) => false,
                };
                if !done {
                    let _ = failures.try_update(|n| *n += 1);
                }
                let _ = loaded.try_set(Some(done));
            })
        };
        match &owner {
            Some(owner) => owner.with(fetch),
            None => fetch(),
        }
    });
    start.run(());
    move || {
        match loaded.get() {
        None => view! { <Progress label="Loading this screen…" /> }.into_any(),
        Some(true) => shown.try_update_value(Option::take).flatten().unwrap_or_else(|| ().into_any()),
        Some(false) => view! {
            <div class="notice notice-error" role="alert">
                <p>"This screen could not be loaded: the connection to this site failed, or a new version was deployed meanwhile."</p>
                <button type="button" on:click=move |_| start.run(())>"Try again"</button>
                // Failing again, it may be a new version: only a reload brings its parts.
                {move || (failures.get() > 1).then(|| view! {
                    " "
                    <button type="button" on:click=|_| crate::browser::address::reload()>"Reload the page"</button>
                })}
            </div>
        }
        .into_any(),
    }
    }
}
