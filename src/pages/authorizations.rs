//! `/authorizations`: the apps authorized in this org (its own clients and other orgs'
//! AppFoundry apps), searchable and sortable; an app that is one of this org's clients links to
//! its page.

use crate::app::remote;
use crate::browser::address::app_href;
use crate::components::failed::Failed;
use crate::components::sort_header::SortHeader;
use crate::components::Progress;
use crate::platform::authorizations::{self as auth, AuthSort};
use crate::platform::listing::{date_part, short_date};
use crate::platform::model::OAuthAuthorization;
use crate::platform::reads;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashSet;

#[component]
pub fn Authorizations() -> impl IntoView {
    let loaded = remote::read(
        "Could not load the authorized apps",
        || (),
        // Which of them are this org's clients: without the right to list clients, the apps
        // show without links.
        |api, ()| async move { reads::authorized_apps(&api).await },
    );
    view! {
        <section class="card wide">
            <h1>"Authorized apps"</h1>
            <p class="muted">"Every app a user of this org has authorized: this org's own clients and other organizations' apps (AppFoundry). Revoking is done by the app's owner or in Genesys Cloud."</p>
            <Transition fallback=|| view! { <Progress label="Loading the authorized apps…" /> }>
                <ErrorBoundary fallback=|errors| view! { <Failed errors=errors /> }>
                    {move || loaded.get().map(|r| r.map(|(apps, ours)| view! { <AppList apps=apps ours=ours /> }))}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn AppList(apps: Vec<OAuthAuthorization>, ours: HashSet<String>) -> impl IntoView {
    let total = apps.len();
    let apps = StoredValue::new(apps);
    let ours = StoredValue::new(ours);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new((AuthSort::Name, true));
    let shown = Memo::new(move |_| {
        let (key, asc) = sort.get();
        query.with(|q| apps.with_value(|a| auth::view(a, q, key, asc)))
    });
    let row = move |i: usize| {
        let a = apps.with_value(|l| l[i].clone());
        let name = auth::name(&a).to_string();
        let link = ours
            .with_value(|o| o.contains(&a.client.id))
            .then(|| app_href(&format!("/clients/{}", a.client.id)));
        let org = a.client.organization.as_ref().and_then(|o| o.name.clone()).unwrap_or_else(|| "—".into());
        let list = |items: &[String]| if items.is_empty() { "—".to_string() } else { items.join(", ") };
        view! {
            <tr class:muted=auth::inactive(&a)>
                <td>{match link {
                    Some(href) => view! { <A href=href>{name}</A> }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                }}</td>
                <td>{org}</td>
                <td>{a.client.authorized_grant_type.as_ref().map(|g| g.label()).unwrap_or_else(|| "—".into())}</td>
                <td>{list(&a.scope)}</td>
                <td>{list(&a.roles)}</td>
                <td>{auth::state(&a)}</td>
                <td title=short_date(a.date_created.as_deref())>{a.date_created.as_deref().map_or("—", date_part).to_string()}</td>
            </tr>
        }
    };
    view! {
        <div class="toolbar">
            <div class="field grow">
                <label for="app-search">"Search"</label>
                <input id="app-search" type="search" placeholder="Name, organization, client id, scope or state" bind:value=query />
            </div>
        </div>
        <p class="muted" role="status" id="app-count">{move || format!("{} of {total} apps", shown.with(Vec::len))}</p>
        <div class="table-wrap">
            <table class="clients" id="apps">
                <thead>
                    <tr>
                        <SortHeader sort=sort key=AuthSort::Name label="App" />
                        <SortHeader sort=sort key=AuthSort::Organization label="Organization" />
                        <th scope="col">"Grant"</th>
                        <th scope="col">"Scopes"</th>
                        <th scope="col">"Roles"</th>
                        <SortHeader sort=sort key=AuthSort::State label="State" />
                        <SortHeader sort=sort key=AuthSort::Created label="Authorized" />
                    </tr>
                </thead>
                <tbody>
                    <For each=move || shown.get() key=|i| *i let(i)>{row(i)}</For>
                </tbody>
            </table>
        </div>
        {move || shown.with(Vec::is_empty).then(|| view! { <p class="empty">"No app matches the search."</p> })}
    }
}
