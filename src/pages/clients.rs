//! `/clients`: every OAuth client of the org, searchable, filterable, sortable.

use crate::app::remote::{self, Fault};
use crate::app::{use_session, Notice};
use crate::browser;
use crate::browser::address::app_href;
use crate::components::bulk::{BulkBar, BulkState};
use crate::components::failed::Failed;
use crate::components::sort_header::SortHeader;
use crate::components::usage_column::UsageCells;
use crate::components::{CopyButton, NoticeBox, Progress};
use crate::platform::actions::{run_plan, ClientAction};
use crate::platform::lifecycle;
use crate::platform::listing::{
    badge, counts, date_part, filtered, grant_from, short_date, sorted, state_of, window, Filter, Index,
    SortKey, ROW_PX,
};
use crate::platform::model::{ClientState, GrantType, OAuthClient};
use crate::platform::selection::Selection;
use crate::platform::usage::Known;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashSet;

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
    let restore = restore_action(reload);
    provide_context(restore);
    // The roles the admin holds (when the org said): a client with others cannot be restored by them.
    let held = untrack(|| use_session().session()).and_then(|s| s.held_role_ids());
    provide_context(HeldRoles(held));
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
                .call("Could not restore the client", |api| async move { run_plan(&api, &id, plan).await })
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
        state: grant_from(&state.get()).map(|g| ClientState::from(String::from(g))),
    });
    // Sorted when the sort changes; filtered (in that order) when the search or a filter does.
    let order = Memo::new(move |_| {
        let (key, asc) = sort.get();
        all.with_value(|a| index.with_value(|i| sorted(a, i, key, asc)))
    });
    let matching = Memo::new(move |_| {
        filter.with(|f| order.with(|o| all.with_value(|a| index.with_value(|i| filtered(a, i, o, f)))))
    });
    // "Not used in 30 days" asks the org about every client the search shows, and keeps those
    // with no request.
    Effect::new(move |_| {
        if unused_only.get() {
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
    // With the filter on: clients whose use could not be told (they are not shown).
    let untold = Memo::new(move |_| {
        if !unused_only.get() {
            return 0;
        }
        usage.known.with(|k| {
            matching.with(|m| {
                all.with_value(|a| {
                    m.iter().filter(|&&i| matches!(k.get(&a[i].id), Some(Known::Failed(_)))).count()
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
        {move || (untold.get() > 0).then(|| view! {
            <p class="hint warn" id="usage-untold">{format!("The org could not tell the usage of {} client(s): they are not shown.", untold.get())}</p>
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

/// The table, windowed: a spacer for the rows above the view, the rows in view (keyed by
/// client and position), a spacer for the rows below.
#[component]
fn Rows<R>(
    all: StoredValue<Vec<OAuthClient>>,
    rows: Memo<Vec<usize>>,
    /// Changes when the search, a filter or the sort does.
    reset: Memo<R>,
    sort: RwSignal<(SortKey, bool)>,
    chosen: RwSignal<Selection>,
    show_usage: RwSignal<bool>,
    usage: UsageCells,
) -> impl IntoView
where
    R: PartialEq + Clone + Send + Sync + 'static,
{
    // Positions move when rows come and go: a shift-click range starts afresh.
    Effect::new(move |_| {
        rows.track();
        chosen.update_untracked(Selection::forget_anchor);
    });
    let wrap = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(640.0f64);
    // The row height the style sheet gives (it differs on a narrow screen), read off a row.
    let row_px = RwSignal::new(ROW_PX);
    let measure = move || {
        if let Some(el) = wrap.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            // The box grows with its rows up to 70% of the window: count on the most it can
            // show, so a short result measured now leaves no blank when the list grows again.
            let tallest = leptos::prelude::window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .map_or(0.0, |h| 0.7 * h);
            viewport.set(f64::from(el.client_height()).max(tallest));
            if let Ok(Some(row)) = el.query_selector("tbody tr[aria-rowindex]") {
                let h = f64::from(
                    wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(row).offset_height(),
                );
                if h >= 1.0 && (h - row_px.get_untracked()).abs() >= 0.5 {
                    row_px.set(h);
                }
            }
        }
    };
    Effect::new(move |_| {
        if wrap.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A new search starts at the top.
    Effect::new(move |prev: Option<()>| {
        reset.track();
        if prev.is_some() {
            if let Some(el) = wrap.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
    });
    let range =
        Memo::new(move |_| window(scroll_top.get(), viewport.get(), row_px.get(), rows.with(Vec::len), 8));
    // The usage column asks about the rows in view.
    Effect::new(move |_| {
        if show_usage.get() {
            let r = range.get();
            let ids = rows.with(|rows| {
                all.with_value(|a| rows[r].iter().map(|&i| a[i].id.clone()).collect::<Vec<_>>())
            });
            usage.want(ids);
        }
    });
    let in_view = move || {
        let r = range.get();
        rows.with(|rows| {
            all.with_value(|a| {
                rows[r.clone()]
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| (r.start + k, a[i].clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    // A click on a row's checkbox (with shift: the range from the last click).
    let id_at = move |pos: usize| rows.with(|r| all.with_value(|a| r.get(pos).map(|&i| a[i].id.clone())));
    let pick =
        Callback::new(move |(pos, shift): (usize, bool)| chosen.update(|s| s.click(pos, shift, id_at)));
    let all_shown = Memo::new(move |_| {
        chosen.with(|s| rows.with(|r| all.with_value(|a| s.has_all(r.iter().map(|&i| a[i].id.as_str())))))
    });
    let some_shown = move || chosen.with(|s| !s.is_empty()) && !all_shown.get();
    let toggle_all = move |_| {
        chosen
            .update(|s| rows.with(|r| all.with_value(|a| s.toggle_all(r.iter().map(|&i| a[i].id.as_str())))))
    };
    // Set through the CSSOM (`style:`), which the page's Content-Security-Policy allows.
    let pad = move |n: usize| format!("{}px", (n as f64 * row_px.get()).round() as u64);
    view! {
        <div class="list-window" node_ref=wrap on:scroll=move |_| measure() tabindex="0" role="region" aria-label="Clients (scroll for more)">
            <table class="clients" aria-rowcount=move || rows.with(Vec::len) + 1>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="col-pick">
                            <input type="checkbox" id="pick-all"
                                aria-label=move || format!("Select all {} filtered clients", rows.with(Vec::len))
                                prop:checked=move || all_shown.get()
                                prop:indeterminate=some_shown
                                on:change=toggle_all />
                        </th>
                        <SortHeader sort=sort key=SortKey::Name label="Name" class="col-name" />
                        <SortHeader sort=sort key=SortKey::Grant label="Grant" class="col-grant" />
                        <SortHeader sort=sort key=SortKey::Id label="Client id" class="col-id" />
                        <SortHeader sort=sort key=SortKey::State label="State" class="col-state" />
                        <SortHeader sort=sort key=SortKey::Created label="Created" class="col-created" />
                        <SortHeader sort=sort key=SortKey::Modified label="Modified" class="col-modified" />
                        <Show when=move || show_usage.get()><th scope="col" class="col-usage">"Usage (30 days)"</th></Show>
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true"><td style:height=move || pad(range.get().start)></td></tr>
                    <For each=in_view key=|(pos, c)| (*pos, c.id.clone()) let((pos, c))>
                        <ClientRow client=c position=pos chosen=chosen pick=pick show_usage=show_usage usage=usage />
                    </For>
                    <tr class="spacer" aria-hidden="true">
                        <td style:height=move || pad(rows.with(Vec::len).saturating_sub(range.get().end))></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

/// One client; `position` is its 0-based place in the filtered, sorted list; its checkbox
/// chooses it for a bulk action.
#[component]
fn ClientRow(
    client: OAuthClient,
    position: usize,
    chosen: RwSignal<Selection>,
    pick: Callback<(usize, bool)>,
    show_usage: RwSignal<bool>,
    usage: UsageCells,
) -> impl IntoView {
    let c = client;
    let id = c.id.clone();
    let href = app_href(&format!("/clients/{}", c.id));
    let badge = badge(&c);
    let usage_id = c.id.clone();
    let known = Signal::derive(move || usage.known.with(|k| k.get(&usage_id).cloned()));
    // The day in the list; the time too on hover (and on the client's page).
    let day = |d: Option<&str>| (d.map_or("—", date_part).to_string(), short_date(d));
    let (state, created, modified) =
        (String::from(state_of(&c)), day(c.date_created.as_deref()), day(c.date_modified.as_deref()));
    // A client in its grace period after a delete: restored from its row.
    let restore = lifecycle::grace(&c).map(|_| {
        let action = use_context::<Restore>();
        // Only an admin who holds every role of the client may restore it.
        let lacks = use_context::<HeldRoles>()
            .and_then(|h| h.0)
            .is_some_and(|held| c.role_divisions.iter().any(|rd| !held.contains(&rd.role_id)));
        let title =
            lacks.then_some("You do not hold every role of this client: an admin who does can restore it.");
        let (label, c) = (format!("Restore {}", c.name), c.clone());
        view! {
            <button type="button" class="small" aria-label=label title=title
                disabled=move || lacks || action.is_some_and(|r| r.pending().get())
                on:click=move |_| { if let Some(r) = action { r.dispatch(c.clone()); } }>
                "Restore"
            </button>
        }
    });
    view! {
        <tr aria-rowindex=position + 2>
            <td class="col-pick">
                <input type="checkbox" aria-label=format!("Select {}", c.name)
                    prop:checked={
                        let id = c.id.clone();
                        move || chosen.with(|s| s.contains(&id))
                    }
                    on:click=move |ev| pick.run((position, ev.shift_key())) />
            </td>
            <td class="col-name">
                <A href=href>{c.name.clone()}</A>
                {badge.map(|b| {
                    // A short tag in the row; the rest is read out, and shown on hover.
                    let (tag, rest) = b.split_once(" — ").map_or((b.clone(), String::new()), |(t, r)| (t.to_string(), format!(" — {r}")));
                    view! { <span class="badge badge-warn" title=b.clone()>{tag}<span class="sr-only">{rest}</span></span> }
                })}
                {restore}
            </td>
            <td class="col-grant">{c.authorized_grant_type.label()}</td>
            <td class="col-id mono">
                <code>{c.id.clone()}</code>
                <CopyButton text=Signal::derive(move || id.clone()) label="client id" />
            </td>
            <td class="col-state">{state}</td>
            <td class="col-created" title=created.1>{created.0}</td>
            <td class="col-modified" title=modified.1>{modified.0}</td>
            <Show when=move || show_usage.get()>
                <td class="col-usage" title=move || match known.get() { Some(Known::Failed(why)) => why, _ => String::new() }>
                    {move || known.get().map_or_else(|| "…".to_string(), |k| k.cell())}
                </td>
            </Show>
        </tr>
    }
}
