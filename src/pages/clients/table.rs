//! The clients table, windowed (only the rows in view are in the page), and one client's row.

use super::{HeldRoles, Restore, SignedIn};
use crate::browser::address::app_href;
use crate::components::sort_header::SortHeader;
use crate::components::usage_column::UsageCells;
use crate::components::CopyButton;
use crate::platform::lifecycle;
use crate::platform::listing::{badge, date_part, short_date, state_of, window, BadgeOf, SortKey, ROW_PX};
use crate::platform::model::OAuthClient;
use crate::platform::selection::Selection;
use crate::platform::usage::Known;
use leptos::prelude::*;
use leptos_router::components::A;

/// The table, windowed: a spacer for the rows above the view, the rows in view (keyed by
/// client and position), a spacer for the rows below.
#[component]
pub(super) fn Rows<R>(
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
            let window_px =
                leptos::prelude::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
            // Where the page scrolls the list (a narrow screen: the list is as tall as its rows),
            // the rows above the window's top are out of view too.
            let above_window = (-el.get_bounding_client_rect().top()).max(0.0);
            scroll_top.set(f64::from(el.scroll_top()) + above_window);
            // The box grows with its rows up to 70% of the window: count on the most it can
            // show, so a short result measured now leaves no blank when the list grows again;
            // never more than the window shows.
            viewport.set(f64::from(el.client_height()).min(window_px).max(0.7 * window_px));
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
    let page_scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
    on_cleanup(move || {
        resize.remove();
        page_scroll.remove();
    });
    // A new search starts at the top.
    Effect::new(move |prev: Option<()>| {
        reset.track();
        if prev.is_some() {
            if let Some(el) = wrap.get_untracked() {
                el.set_scroll_top(0);
            }
            // (Where the page scrolls the list, its place in the window stays as it is.)
            measure();
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
            <table class="clients" class:with-usage=move || show_usage.get() aria-rowcount=move || rows.with(Vec::len) + 1>
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
                        <Show when=move || show_usage.get()><SortHeader sort=sort key=SortKey::Usage label="Usage (30 days)" class="col-usage" /></Show>
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
    // A short tag in its column; the rest is read out, and shown on hover.
    let tag = |b: &str| {
        let (tag, rest) = b.split_once(" — ").map_or((b, String::new()), |(t, r)| (t, format!(" — {r}")));
        view! { <span class="badge badge-warn" title=b.to_string()>{tag.to_string()}<span class="sr-only">{rest}</span></span> }.into_any()
    };
    let (grant_badge, state_badge) = match badge(&c) {
        Some((BadgeOf::Grant, b)) => (Some(tag(&b)), None),
        Some((BadgeOf::State, b)) => (None, Some(tag(&b))),
        None => (None, None),
    };
    let (grant_label, grant_title) = (c.authorized_grant_type.short_label(), c.authorized_grant_type.label());
    let usage_id = c.id.clone();
    let copy_label = format!("the client id of {}", c.name);
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
                {(c.id == SignedIn::get().1).then(|| view! {
                    <span class="badge badge-own" id="own-client-badge" title="This console is signed in with this client">
                        "signed in with"<span class="sr-only">": this console is signed in with this client"</span>
                    </span>
                })}
            </td>
            <td class="col-grant" title=grant_title>{grant_badge.unwrap_or_else(move || grant_label.into_any())}</td>
            <td class="col-id mono">
                <code>{c.id.clone()}</code>
                <CopyButton text=Signal::derive(move || id.clone()) label=copy_label />
            </td>
            <td class="col-state">{state_badge.unwrap_or_else(|| state.into_any())}{restore}</td>
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
