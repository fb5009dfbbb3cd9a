//! `/clients`: every OAuth client of the org, searchable, filterable, sortable.

use crate::app::remote;
use crate::browser;
use crate::components::failed::Failed;
use crate::components::{CopyButton, Progress};
use crate::platform::listing::{badge, counts, grant_from, short_date, state_of, visible, Filter, SortKey};
use crate::platform::model::{ClientState, OAuthClient};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Clients() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let clients = remote::read(
        "Could not load the clients",
        move || reload.track(),
        |api, ()| async move { api.list_clients().await },
    );
    // "/" jumps to the search box, as in most list views.
    let slash = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing && browser::focus("client-search") {
            ev.prevent_default();
        }
    });
    on_cleanup(move || slash.remove());
    let refreshing = RwSignal::new(false);
    // The search, filters and sort outlive a refresh of the list.
    let view_state = ListView::new();
    view! {
        <section class="card wide">
            <div class="row between">
                <h1>"OAuth clients"</h1>
                <div class="row">
                    <button type="button" on:click=move |_| reload.update(|n| *n += 1)>"Refresh"</button>
                    <A href="/clients/new" attr:class="button primary">"New client"</A>
                </div>
            </div>
            {move || (refreshing.get() && clients.get_untracked().is_some()).then(|| view! { <Progress label="Refreshing the list…" /> })}
            <Transition fallback=|| view! { <Progress label="Loading the org's OAuth clients…" /> } set_pending=refreshing>
                <ErrorBoundary fallback=|errors| view! { <Failed errors=errors /> }>
                    {move || clients.get().map(|r| r.map(|all| {
                        if all.is_empty() {
                            view! {
                                <p class="empty">"This org has no OAuth clients yet. " <A href="/clients/new">"Create the first one"</A> "."</p>
                            }.into_any()
                        } else {
                            view! { <ClientList all=all state=view_state /> }.into_any()
                        }
                    }))}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// What the list shows: search text, filters and sort.
#[derive(Clone, Copy)]
struct ListView {
    query: RwSignal<String>,
    grant: RwSignal<String>,
    state: RwSignal<String>,
    sort: RwSignal<(SortKey, bool)>,
}

impl ListView {
    fn new() -> ListView {
        ListView {
            query: RwSignal::new(String::new()),
            grant: RwSignal::new(String::new()),
            state: RwSignal::new(String::new()),
            sort: RwSignal::new((SortKey::Name, true)),
        }
    }
}

/// The list with its search, filters, counts and sortable columns.
#[component]
fn ClientList(all: Vec<OAuthClient>, state: ListView) -> impl IntoView {
    let total = all.len();
    let count_chips = counts(&all);
    let all = StoredValue::new(all);
    let ListView { query, grant, state, sort } = state;
    let filter = Memo::new(move |_| Filter {
        query: query.get(),
        grant: grant_from(&grant.get()),
        state: grant_from(&state.get()).map(|g| ClientState::from(String::from(g))),
    });
    let rows = Memo::new(move |_| {
        let (key, asc) = sort.get();
        filter.with(|f| all.with_value(|a| visible(a, f, key, asc).into_iter().cloned().collect::<Vec<_>>()))
    });
    view! {
        <div class="toolbar">
            <div class="field grow">
                <label for="client-search">"Search"</label>
                <input
                    id="client-search"
                    type="search"
                    placeholder="Name, client id, description, redirect URI or scope — press / to search"
                    bind:value=query
                />
            </div>
            <div class="field">
                <label for="grant-filter">"Grant type"</label>
                <select id="grant-filter" bind:value=grant>
                    <option value="" prop:selected=move || grant.with(String::is_empty)>"All"</option>
                    {count_chips
                        .iter()
                        .map(|(g, n)| {
                            let v = String::from(g.clone());
                            let chosen = v.clone();
                            view! { <option value=v prop:selected=move || grant.with(|g| *g == chosen)>{format!("{} ({n})", g.label())}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="state-filter">"State"</label>
                <select id="state-filter" bind:value=state>
                    {[("", "All"), ("active", "Active"), ("disabled", "Disabled"), ("inactive", "Inactive")]
                        .into_iter()
                        .map(|(v, label)| view! { <option value=v prop:selected=move || state.with(|s| s == v)>{label}</option> })
                        .collect_view()}
                </select>
            </div>
        </div>
        <ul class="chips counts" aria-label="Clients per grant type">
            {count_chips.iter().map(|(g, n)| view! { <li class="chip">{format!("{}: {n}", g.label())}</li> }).collect_view()}
        </ul>
        <p class="muted" role="status">{move || format!("{} of {total} clients", rows.with(Vec::len))}</p>
        <div class="table-wrap">
            <table class="clients">
                <thead>
                    <tr>
                        <SortHeader sort=sort key=SortKey::Name label="Name" />
                        <SortHeader sort=sort key=SortKey::Grant label="Grant" />
                        <SortHeader sort=sort key=SortKey::Id label="Client id" />
                        <SortHeader sort=sort key=SortKey::State label="State" />
                        <SortHeader sort=sort key=SortKey::Created label="Created" />
                        <SortHeader sort=sort key=SortKey::Modified label="Modified" />
                    </tr>
                </thead>
                <tbody>{move || rows.get().into_iter().map(|c| view! { <ClientRow client=c /> }).collect_view()}</tbody>
            </table>
        </div>
        {move || rows.with(Vec::is_empty).then(|| view! { <p class="empty">"No client matches the search and filters."</p> })}
    }
}

/// A column header that sorts by its key (again: the other way round).
#[component]
fn SortHeader(sort: RwSignal<(SortKey, bool)>, key: SortKey, label: &'static str) -> impl IntoView {
    let aria = move || match sort.get() {
        (k, true) if k == key => "ascending",
        (k, false) if k == key => "descending",
        _ => "none",
    };
    let click = move |_| {
        sort.update(|(k, asc)| {
            *asc = *k != key || !*asc;
            *k = key;
        })
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="sort" on:click=click>
                {label}
                <span aria-hidden="true">
                    {move || match aria() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}

#[component]
fn ClientRow(client: OAuthClient) -> impl IntoView {
    let c = client;
    let id = c.id.clone();
    let href = format!("/clients/{}", c.id);
    let badge = badge(&c);
    let (state, created, modified) = (
        String::from(state_of(&c)),
        short_date(c.date_created.as_deref()),
        short_date(c.date_modified.as_deref()),
    );
    view! {
        <tr>
            <td>
                <A href=href>{c.name.clone()}</A>
                {badge.map(|b| view! { <span class="badge badge-warn">{b}</span> })}
            </td>
            <td>{c.authorized_grant_type.label()}</td>
            <td class="mono">
                <code>{c.id.clone()}</code>
                <CopyButton text=Signal::derive(move || id.clone()) label="client id" />
            </td>
            <td>{state}</td>
            <td>{created}</td>
            <td>{modified}</td>
        </tr>
    }
}
