//! `/clients`: every OAuth client of the org, searchable, filterable, sortable.

use crate::components::{CopyButton, NoticeBox, Progress};
use crate::platform::api;
use crate::platform::model::{ClientState, GrantType, OAuthClient};
use crate::platform::rules::{self, GRANTS_OFFERED};
use crate::state::{api_notice, use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use std::cmp::Ordering;

/// A column the list sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Grant,
    Id,
    State,
    Created,
    Modified,
}

/// What the list shows: search text and filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub query: String,
    pub grant: Option<GrantType>,
    pub state: Option<ClientState>,
}

/// Does the client match the search text (name, id, description, redirect URIs, scopes)?
pub fn matches(c: &OAuthClient, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    let hay = |s: &str| s.to_lowercase().contains(&q);
    hay(&c.name)
        || hay(&c.id)
        || c.description.as_deref().is_some_and(hay)
        || c.registered_redirect_uri.iter().any(|u| hay(u))
        || c.scope.iter().any(|s| hay(s))
}

fn state_of(c: &OAuthClient) -> ClientState {
    c.state.clone().unwrap_or(ClientState::Active)
}

/// The clients the filter lets through, sorted.
pub fn visible<'a>(
    all: &'a [OAuthClient],
    f: &Filter,
    key: SortKey,
    ascending: bool,
) -> Vec<&'a OAuthClient> {
    let mut out: Vec<&OAuthClient> = all
        .iter()
        .filter(|c| f.grant.as_ref().is_none_or(|g| *g == c.authorized_grant_type))
        .filter(|c| f.state.as_ref().is_none_or(|s| *s == state_of(c)))
        .filter(|c| matches(c, &f.query))
        .collect();
    let text = |s: String| s.to_lowercase();
    out.sort_by(|a, b| {
        let o = match key {
            SortKey::Name => text(a.name.clone()).cmp(&text(b.name.clone())),
            SortKey::Grant => a.authorized_grant_type.label().cmp(&b.authorized_grant_type.label()),
            SortKey::Id => a.id.cmp(&b.id),
            SortKey::State => String::from(state_of(a)).cmp(&String::from(state_of(b))),
            SortKey::Created => a.date_created.cmp(&b.date_created),
            SortKey::Modified => a.date_modified.cmp(&b.date_modified),
        };
        let o = if o == Ordering::Equal { text(a.name.clone()).cmp(&text(b.name.clone())) } else { o };
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
    out
}

/// How many clients each grant type has (in the form's order, then any other).
pub fn counts(all: &[OAuthClient]) -> Vec<(GrantType, usize)> {
    let mut out: Vec<(GrantType, usize)> = Vec::new();
    for g in GRANTS_OFFERED.iter().chain([GrantType::Password].iter()) {
        out.push((g.clone(), 0));
    }
    for c in all {
        match out.iter_mut().find(|(g, _)| *g == c.authorized_grant_type) {
            Some((_, n)) => *n += 1,
            None => out.push((c.authorized_grant_type.clone(), 1)),
        }
    }
    out.retain(|(_, n)| *n > 0);
    out
}

/// "2026-11-26T10:00:00Z" → "2026-11-26 10:00".
pub fn short_date(iso: Option<&str>) -> String {
    match iso {
        Some(d) if d.len() >= 16 => format!("{} {}", &d[..10], &d[11..16]),
        Some(d) => d.to_string(),
        None => "—".into(),
    }
}

fn grant_from(value: &str) -> Option<GrantType> {
    (!value.is_empty()).then(|| GrantType::from(value.to_string()))
}

#[component]
pub fn Clients() -> impl IntoView {
    let ctx = use_session();
    let reload = RwSignal::new(0u32);
    let clients = LocalResource::new(move || {
        reload.track();
        let s = ctx.session.get_untracked();
        async move {
            let s = s?;
            Some(api::list_clients(&s.env.api_base(), &s.token).await.map_err(|e| (e, s.env.clone())))
        }
    });
    Effect::new(move |_| {
        if let Some(Some(Err((e, _)))) = clients.get() {
            if e.is_unauthorized() {
                ctx.api_failed("", &e);
            }
        }
    });
    // "/" jumps to the search box, as in most list views.
    let slash = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing {
            if let Some(el) = leptos::prelude::document().get_element_by_id("client-search") {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    ev.prevent_default();
                    let _ = el.focus();
                }
            }
        }
    });
    on_cleanup(move || slash.remove());
    let query = RwSignal::new(String::new());
    let grant = RwSignal::new(String::new());
    let state = RwSignal::new(String::new());
    let sort = RwSignal::new((SortKey::Name, true));
    let filter = Memo::new(move |_| Filter {
        query: query.get(),
        grant: grant_from(&grant.get()),
        state: grant_from(&state.get()).map(|g| ClientState::from(String::from(g))),
    });

    let header = move |key: SortKey, label: &'static str| {
        let aria = move || match sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| sort.update(|(k, asc)| {
                        if *k == key {
                            *asc = !*asc;
                        } else {
                            *k = key;
                            *asc = true;
                        }
                    })
                >
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
    };

    view! {
        <section class="card wide">
            <div class="row between">
                <h1>"OAuth clients"</h1>
                <div class="row">
                    <button type="button" on:click=move |_| reload.update(|n| *n += 1)>"Refresh"</button>
                    <A href="/clients/new" attr:class="button primary">"New client"</A>
                </div>
            </div>
            {move || match clients.get().flatten() {
                None => view! { <Progress label="Loading the org's OAuth clients…" /> }.into_any(),
                Some(Err((e, env))) => {
                    view! {
                        <NoticeBox notice=api_notice("Could not load the clients", &env, &e) />
                        <button type="button" on:click=move |_| reload.update(|n| *n += 1)>"Try again"</button>
                    }
                        .into_any()
                }
                Some(Ok(all)) if all.is_empty() => view! {
                    <p class="empty">"This org has no OAuth clients yet. " <A href="/clients/new">"Create the first one"</A> "."</p>
                }
                    .into_any(),
                Some(Ok(all)) => {
                    let all = StoredValue::new(all);
                    let total = all.with_value(|a| a.len());
                    let count_chips = all.with_value(|a| counts(a));
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
                                    <option value="">"All"</option>
                                    {count_chips
                                        .iter()
                                        .map(|(g, n)| view! { <option value=String::from(g.clone())>{format!("{} ({n})", g.label())}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="state-filter">"State"</label>
                                <select id="state-filter" bind:value=state>
                                    <option value="">"All"</option>
                                    <option value="active">"Active"</option>
                                    <option value="disabled">"Disabled"</option>
                                    <option value="inactive">"Inactive"</option>
                                </select>
                            </div>
                        </div>
                        <ul class="chips counts" aria-label="Clients per grant type">
                            {count_chips
                                .into_iter()
                                .map(|(g, n)| view! { <li class="chip">{format!("{}: {n}", g.label())}</li> })
                                .collect_view()}
                        </ul>
                        {move || {
                            let f = filter.get();
                            let (key, asc) = sort.get();
                            let rows: Vec<OAuthClient> =
                                all.with_value(|a| visible(a, &f, key, asc).into_iter().cloned().collect());
                            {
                                let shown = rows.len();
                                let body = rows
                                    .into_iter()
                                    .map(|c| {
                                        let id = c.id.clone();
                                        let badge = rules::badge(&c);
                                        let href = format!("/clients/{}", c.id);
                                        let state = String::from(state_of(&c));
                                        let (created, modified) =
                                            (short_date(c.date_created.as_deref()), short_date(c.date_modified.as_deref()));
                                        view! {
                                            <tr>
                                                <td>
                                                    <A href=href>{c.name}</A>
                                                    {badge.map(|b| view! { <span class="badge badge-warn">{b}</span> })}
                                                </td>
                                                <td>{c.authorized_grant_type.label()}</td>
                                                <td class="mono">
                                                    <code>{c.id}</code>
                                                    <CopyButton text=Signal::derive(move || id.clone()) label="client id" />
                                                </td>
                                                <td>{state}</td>
                                                <td>{created}</td>
                                                <td>{modified}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <p class="muted" role="status">{format!("{shown} of {total} clients")}</p>
                                    <div class="table-wrap">
                                        <table class="clients">
                                            <thead>
                                                <tr>
                                                    {header(SortKey::Name, "Name")}
                                                    {header(SortKey::Grant, "Grant")}
                                                    {header(SortKey::Id, "Client id")}
                                                    {header(SortKey::State, "State")}
                                                    {header(SortKey::Created, "Created")}
                                                    {header(SortKey::Modified, "Modified")}
                                                </tr>
                                            </thead>
                                            <tbody>{body}</tbody>
                                        </table>
                                    </div>
                                    {(shown == 0).then(|| view! { <p class="empty">"No client matches the search and filters."</p> })}
                                }
                            }
                        }}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(id: &str, name: &str, grant: &str, state: &str, created: &str) -> OAuthClient {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "authorizedGrantType": grant, "state": state, "dateCreated": created,
            "registeredRedirectUri": [format!("https://{id}.example.com/cb")], "scope": ["users:readonly"],
            "description": format!("about {name}")
        }))
        .unwrap()
    }

    fn sample() -> Vec<OAuthClient> {
        vec![
            client("c1", "Beta", "CODE", "active", "2026-01-02T00:00:00Z"),
            client("c2", "alpha", "TOKEN", "inactive", "2026-01-03T00:00:00Z"),
            client("c3", "Gamma", "CLIENT-CREDENTIALS", "disabled", "2026-01-01T00:00:00Z"),
        ]
    }

    fn names(v: Vec<&OAuthClient>) -> Vec<String> {
        v.into_iter().map(|c| c.name.clone()).collect()
    }

    #[test]
    fn search_covers_every_field() {
        let all = sample();
        for (q, expect) in
            [("ALPHA", "alpha"), ("c3", "Gamma"), ("about beta", "Beta"), ("c2.example", "alpha")]
        {
            let f = Filter { query: q.into(), ..Default::default() };
            assert_eq!(names(visible(&all, &f, SortKey::Name, true)), vec![expect], "{q}");
        }
        let f = Filter { query: "users:read".into(), ..Default::default() };
        assert_eq!(visible(&all, &f, SortKey::Name, true).len(), 3);
    }

    #[test]
    fn filters_and_sorting() {
        let all = sample();
        let f = Filter { grant: Some(GrantType::Token), ..Default::default() };
        assert_eq!(names(visible(&all, &f, SortKey::Name, true)), vec!["alpha"]);
        let f = Filter { state: Some(ClientState::Disabled), ..Default::default() };
        assert_eq!(names(visible(&all, &f, SortKey::Name, true)), vec!["Gamma"]);
        let none = Filter::default();
        assert_eq!(names(visible(&all, &none, SortKey::Name, true)), vec!["alpha", "Beta", "Gamma"]);
        assert_eq!(names(visible(&all, &none, SortKey::Name, false)), vec!["Gamma", "Beta", "alpha"]);
        assert_eq!(names(visible(&all, &none, SortKey::Created, true)), vec!["Gamma", "Beta", "alpha"]);
        assert_eq!(names(visible(&all, &none, SortKey::Grant, true)), vec!["Gamma", "Beta", "alpha"]);
    }

    #[test]
    fn counts_per_grant() {
        let mut all = sample();
        all.push(client("c4", "Delta", "CODE", "active", ""));
        let c = counts(&all);
        assert_eq!(c[0], (GrantType::ClientCredentials, 1));
        assert_eq!(c[1], (GrantType::Code, 2));
        assert_eq!(c[2], (GrantType::Token, 1));
        assert_eq!(c.len(), 3);
        assert_eq!(short_date(Some("2026-11-26T10:05:00Z")), "2026-11-26 10:05");
    }
}
