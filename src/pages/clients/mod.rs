//! `/clients`: every OAuth client of the org, searchable, filterable, sortable; clients chosen
//! for a bulk action; their usage on demand. The table itself is in [`table`].

mod table;

use crate::app::remote::{self, Fault};
use crate::app::{use_session, Notice};
use crate::browser;
use crate::browser::address::app_href;
use crate::components::bulk::{BulkBar, BulkState};
use crate::components::failed::Failed;
use crate::components::usage_column::UsageCells;
use crate::components::{NoticeBox, Progress};
use crate::platform::actions::{run_plan, ClientAction};
use crate::platform::listing::{
    counts, filtered, grant_from, sorted_with_usage, state_from, Filter, Index, SortKey,
};
use crate::platform::model::{GrantType, OAuthClient};
use crate::platform::reads;
use crate::platform::selection::Selection;
use crate::platform::usage::Known;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::{HashMap, HashSet};
use table::Rows;

#[component]
pub fn Clients() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let clients = remote::read(
        "Could not load the clients",
        move || reload.track(),
        |api, ()| async move { reads::clients(&api).await },
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
    let restore = restore_action(reload);
    provide_context(restore);
    // The roles the admin holds (when the org said): a client with others cannot be restored by them.
    let session = untrack(|| use_session().session());
    let held = session.as_ref().and_then(|s| s.held_role_ids());
    provide_context(HeldRoles(held));
    provide_context(SignedIn(session.map(|s| (s.org_label(), s.client_id)).unwrap_or_default()));
    // A batch that ends reads the list again (made here: the list itself is rebuilt by a refresh).
    let batch_done = Callback::new(move |_| reload.update(|n| *n += 1));
    view! {
        <section class="card wide">
            <div class="row between">
                <h1>"OAuth clients"</h1>
                <div class="row">
                    <button type="button" on:click=move |_| reload.update(|n| *n += 1)>"Refresh"</button>
                    <A href=app_href("/clients/import") attr:class="button">"Import"</A>
                    <A href=app_href("/clients/new") attr:class="button primary">"New client"</A>
                </div>
            </div>
            {move || (refreshing.get() && clients.get_untracked().is_some()).then(|| view! { <Progress label="Refreshing the list…" /> })}
            {move || restore.pending().get().then(|| view! { <Progress label="Restoring the client…" /> })}
            {move || restore.value().get().filter(|_| !restore.pending().get()).and_then(|r| match r {
                Ok(name) => Some(Notice::info(format!("Restored \u{201c}{name}\u{201d}: it is active again. Its apps need new tokens."))),
                Err(f) => f.notice(),
            }).map(|n| view! { <NoticeBox notice=n /> })}
            <Transition fallback=|| view! { <Progress label="Loading the org's OAuth clients…" /> } set_pending=refreshing>
                <ErrorBoundary fallback=|errors| view! { <Failed errors=errors /> }>
                    {move || clients.get().map(|r| r.map(|all| {
                        if all.is_empty() {
                            view! {
                                <p class="empty">"This org has no OAuth clients yet. " <A href=app_href("/clients/new")>"Create the first one"</A> "."</p>
                            }.into_any()
                        } else {
                            view! { <ClientList all=all state=view_state on_done=batch_done /> }.into_any()
                        }
                    }))}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// The ids of the roles the signed-in admin holds, when the org said.
#[derive(Clone)]
struct HeldRoles(Option<HashSet<String>>);

/// The org's name, and the id of the client this console signed in with (marked in its row;
/// a batch leaves it as it is).
#[derive(Clone)]
struct SignedIn((String, String));

impl SignedIn {
    fn get() -> (String, String) {
        expect_context::<SignedIn>().0
    }
}

/// Restores a client in its grace period from its row (back to active, as the org holds it
/// otherwise), then shows the list as the org now has it. The value: the client's name.
type Restore = Action<OAuthClient, Result<String, Fault>>;

fn restore_action(reload: RwSignal<u32>) -> Restore {
    let ctx = use_session();
    Action::new_local(move |c: &OAuthClient| {
        let c = c.clone();
        async move {
            let plan = ClientAction::Restore.plan(&c);
            let id = c.id.clone();
            let done = ctx
                .call("Could not restore the client", |api| async move {
                    run_plan(&api, &id, plan, browser::now_ms).await
                })
                .await;
            if !done.as_ref().is_err_and(Fault::ended_session) {
                reload.update(|n| *n += 1);
            }
            done.map(|_| c.name)
        }
    })
}

/// What the list shows: search text, filters and sort; the clients chosen and their batch.
#[derive(Clone, Copy)]
struct ListView {
    query: RwSignal<String>,
    grant: RwSignal<String>,
    state: RwSignal<String>,
    sort: RwSignal<(SortKey, bool)>,
    chosen: RwSignal<Selection>,
    bulk: BulkState,
    /// The usage column, the "not used in 30 days" filter, and what is known of each client.
    show_usage: RwSignal<bool>,
    unused_only: RwSignal<bool>,
    usage: UsageCells,
}

impl ListView {
    fn new() -> ListView {
        ListView {
            query: RwSignal::new(String::new()),
            grant: RwSignal::new(String::new()),
            state: RwSignal::new(String::new()),
            sort: RwSignal::new((SortKey::Name, true)),
            chosen: RwSignal::new(Selection::default()),
            bulk: BulkState::new(),
            show_usage: RwSignal::new(false),
            unused_only: RwSignal::new(false),
            usage: UsageCells::new(),
        }
    }
}

/// The list with its search, filters, counts and sortable columns. Only the rows in view are in
/// the page (a fixed row height), so 10,000 clients cost what 30 do; the table still tells a
/// screen reader how many rows it has and where each one is.
#[component]
fn ClientList(all: Vec<OAuthClient>, state: ListView, on_done: Callback<()>) -> impl IntoView {
    let total = all.len();
    let count_chips = counts(&all);
    let index = StoredValue::new(Index::new(&all));
    let all = StoredValue::new(all);
    let ListView { query, grant, state, sort, chosen, bulk, show_usage, unused_only, usage } = state;
    let filter = Memo::new(move |_| Filter {
        query: query.get(),
        grant: grant_from(&grant.get()),
        state: state_from(&state.get()),
    });
    // Sorted when the sort changes; filtered (in that order) when the search or a filter does.
    let settled = Memo::new(move |_| usage.pending() == 0);
    // By usage: sorted again once the org has told each client's use (which is then asked for every
    // client the search shows, as for the "not used" filter).
    let order = Memo::new(move |_| {
        let (key, asc) = sort.get();
        let by = |k: &HashMap<String, Known>| {
            all.with_value(|a| index.with_value(|i| sorted_with_usage(a, i, key, asc, k)))
        };
        if key == SortKey::Usage {
            // Sorted once when chosen and once when every answer is in: rows do not move under
            // the pointer with each answer.
            if settled.get() {
                usage.known.with(by)
            } else {
                usage.known.with_untracked(by)
            }
        } else {
            by(&HashMap::new())
        }
    });
    // The usage column hidden: its sort goes with it.
    Effect::new(move |_| {
        if !show_usage.get() && sort.with_untracked(|(k, _)| *k == SortKey::Usage) {
            sort.set((SortKey::Name, true));
        }
    });
    let matching = Memo::new(move |_| {
        filter.with(|f| order.with(|o| all.with_value(|a| index.with_value(|i| filtered(a, i, o, f)))))
    });
    // "Not used in 30 days" asks the org about every client the search shows, and keeps those
    // with no request.
    Effect::new(move |_| {
        if unused_only.get() || sort.with(|(k, _)| *k == SortKey::Usage) {
            let ids =
                matching.with(|m| all.with_value(|a| m.iter().map(|&i| a[i].id.clone()).collect::<Vec<_>>()));
            usage.want(ids);
        }
    });
    let rows = Memo::new(move |_| {
        if !unused_only.get() {
            return matching.get();
        }
        usage.known.with(|k| {
            matching.with(|m| {
                all.with_value(|a| {
                    m.iter().copied().filter(|&i| k.get(&a[i].id) == Some(&Known::Unused)).collect()
                })
            })
        })
    });
    let asking = Memo::new(move |_| usage.pending());
    // Clients shown or filtered whose use could not be told, to ask again.
    let untold = Memo::new(move |_| {
        if !unused_only.get() && !show_usage.get() {
            return Vec::new();
        }
        usage.known.with(|k| {
            matching.with(|m| {
                all.with_value(|a| {
                    m.iter()
                        .map(|&i| &a[i].id)
                        .filter(|id| matches!(k.get(*id), Some(Known::Failed(_))))
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    // The list starts at the top again when the search, a filter or the sort changes (not when
    // a usage answer arrives).
    let reset = Memo::new(move |_| (filter.get(), sort.get(), unused_only.get()));
    let shown = Memo::new(move |_| rows.with(Vec::len));
    view! {
        <ListToolbar query=query grant=grant state=state count_chips=count_chips.clone() show_usage=show_usage unused_only=unused_only />
        <ul class="chips counts" aria-label="Clients per grant type">
            {count_chips.iter().map(|(g, n)| view! { <li class="chip">{format!("{}: {n}", g.label())}</li> }).collect_view()}
        </ul>
        <p class="muted" role="status" id="client-count">{move || format!("{} of {total} clients", shown.get())}</p>
        {move || untold.with(|u| !u.is_empty()).then(|| {
            let n = untold.with(Vec::len);
            let said = if unused_only.get() { "they are not shown" } else { "their cells say so" };
            view! {
                <p class="hint warn row" id="usage-untold">
                    {format!("The org could not tell the usage of {n} client(s): {said}.")}
                    <button type="button" on:click=move |_| usage.ask_again(untold.get_untracked())>"Ask again"</button>
                </p>
            }
        })}
        {move || (asking.get() > 0).then(|| view! {
            <div class="row" id="usage-asking">
                <Progress label=format!("Asking the org about the usage of {} client(s), three at a time…", asking.get()) />
                <button type="button" on:click=move |_| usage.stop()>"Stop"</button>
            </div>
        })}
        <BulkBar
            chosen=Signal::derive(move || chosen.with(|s| all.with_value(|a| a.iter().filter(|c| s.contains(&c.id)).cloned().collect::<Vec<_>>())))
            state=bulk
            on_clear=Callback::new(move |_| chosen.update(Selection::clear))
            on_done=on_done
            org=SignedIn::get().0
            own=Some(SignedIn::get().1)
        />
        <Rows all=all rows=rows reset=reset sort=sort chosen=chosen show_usage=show_usage usage=usage />
        {move || (shown.get() == 0).then(|| if asking.get() > 0 {
            view! { <p class="empty">"No unused client found yet: the org is still being asked."</p> }
        } else {
            view! { <p class="empty">"No client matches the search and filters."</p> }
        })}
    }
}

/// Search, grant type and state.
#[component]
fn ListToolbar(
    query: RwSignal<String>,
    grant: RwSignal<String>,
    state: RwSignal<String>,
    count_chips: Vec<(GrantType, usize)>,
    show_usage: RwSignal<bool>,
    unused_only: RwSignal<bool>,
) -> impl IntoView {
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
                    {[("", "All"), ("active", "Active"), ("disabled", "Disabled"), ("inactive", "Inactive"), ("deleted", "Deleted")]
                        .into_iter()
                        .map(|(v, label)| view! { <option value=v prop:selected=move || state.with(|s| s == v)>{label}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="choice"><input type="checkbox" id="show-usage" bind:checked=show_usage />"Usage (30 days)"</label>
                <label class="choice"><input type="checkbox" id="unused-filter" bind:checked=unused_only />"Not used in 30 days"</label>
            </div>
        </div>
    }
}
