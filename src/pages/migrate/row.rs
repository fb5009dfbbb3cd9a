//! One implicit client on the migration page: its row, its next step (create, test, record the
//! test, retire) and what its developers change.

use super::{create, Page};
use crate::app::use_session;
use crate::browser::address::app_href;
use crate::components::dialog::ConfirmDialog;
use crate::components::CopyButton;
use crate::env::Environment;
use crate::oauth::authorize::Method;
use crate::platform::actions::Stop;
use crate::platform::dates::{date_of_ms, words};
use crate::platform::handoff::{browser_snippet, framework, sdk_snippet};
use crate::platform::listing::date_part;
use crate::platform::migrate_flows::{recent_use, record_tested, retire, retire_date, retire_prompt};
use crate::platform::migration::{held_back, offers, others_note, test_redirect, Move, Stage};
use crate::platform::model::OAuthClient;
use crate::platform::usage::Known;
use crate::tester::prefill::{self, Prefill};
use crate::tester::run::Outcome;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

fn link(c: &OAuthClient) -> impl IntoView {
    let (href, name) = (app_href(&format!("/clients/{}", c.id)), c.name.clone());
    view! { <A href=href>{name}</A> }
}

/// The badge's colour for a stage.
fn stage_badge(stage: Stage) -> &'static str {
    match stage {
        Stage::NotStarted => "badge-warn",
        Stage::Created => "badge-info",
        Stage::Tested | Stage::Retired => "badge-ok",
    }
}

/// One implicit client's row, and below it what its developers change.
#[component]
pub fn MoveRows(
    m: Move,
    env: Environment,
    page: Page,
    /// What this tab's Login tester last saw of the replacement: when, and how it ended.
    seen: Option<(u64, Outcome)>,
) -> impl IntoView {
    let id = m.old_id.clone();
    let name = m.name();
    let stage = m.stage;
    let old = m.old.clone();
    // The first few; all of them on hover and in the hand-off.
    let all = m.redirect_uris();
    let uris = match all.len() {
        0..=3 => all.join("\n"),
        n => format!("{}\nand {} more", all[..3].join("\n"), n - 3),
    };
    let all_uris = all.join("\n");
    let scopes = old.as_ref().map_or_else(String::new, |c| {
        let d = c.access_token_validity_seconds.map(words).unwrap_or_default();
        format!("{} · {d}", if c.scope.is_empty() { "—".to_string() } else { c.scope.join(", ") })
    });
    let made = old.as_ref().map_or_else(String::new, |c| {
        let by = c.created_by.as_ref().and_then(|b| b.name.clone()).unwrap_or_default();
        let on = c.date_created.as_deref().map(date_part).unwrap_or("—");
        if by.is_empty() {
            on.to_string()
        } else {
            format!("{on} by {by}")
        }
    });
    let used = {
        let id = id.clone();
        move || page.usage.known.with(|k| k.get(&id).map(Known::cell).unwrap_or_else(|| "—".into()))
    };
    let check = (stage == Stage::NotStarted).then(|| {
        let (on, flip) = (id.clone(), id.clone());
        view! {
            <input type="checkbox" aria-label=format!("Choose {name}")
                prop:checked=move || page.chosen.with(|c| c.contains(&on))
                on:change=move |_| page.chosen.update(|c| if !c.remove(&flip) { c.insert(flip.clone()); }) />
        }
    });
    let others = others_note(&m).map(|n| view! { <p class="hint warn">{n}</p> });
    let status = view! {
        <span class=format!("badge {}", stage_badge(stage)) id=format!("stage-{}", m.old_id)>{stage.label()}</span>
        {m.tested_on.clone().map(|d| format!(" on {d}"))}
        {m.new.clone().map(|c| view! { <br /> "PKCE client: " {link(&c)} <br /> <code class="id">{c.id.clone()}</code> })}
        {others}
        <NextStep m=m.clone() env=env.clone() page=page seen=seen />
    };
    let handoff = (stage != Stage::Retired).then(|| view! { <Handoff m=m env=env /> });
    let heading = match &old {
        Some(c) => link(c).into_any(),
        None => view! { <span>{format!("{id} (deleted)")}</span> }.into_any(),
    };
    view! {
        <tbody id=format!("move-{id}") class=format!("move stage-{}", stage.key())>
            <tr>
                <td>{check}</td>
                <th scope="row">{heading}</th>
                <td class="uris" title=all_uris>{uris}</td>
                <td>{scopes}</td>
                <td>{made}</td>
                <td class="usage">{used}</td>
                <td>{status}</td>
            </tr>
            {handoff.map(|h| view! { <tr class="handoff"><td></td><td colspan="6">{h}</td></tr> })}
        </tbody>
    }
}

/// What is done next for this client, as buttons.
#[component]
fn NextStep(m: Move, env: Environment, page: Page, seen: Option<(u64, Outcome)>) -> impl IntoView {
    let ctx = use_session();
    let navigate = use_navigate();
    let name = m.name();
    let offer = offers(&m, seen.as_ref().map(|(_, outcome)| *outcome == Outcome::SignedIn));
    let create_one = offer.create.then(|| {
        let id = m.old_id.clone();
        view! {
            <button type="button" class="small" disabled=move || !page.idle()
                on:click=move |_| create(vec![id.clone()], page)>"Create PKCE client"</button>
        }
    });
    let test = m.new.clone().filter(|_| offer.test).map(|new| {
        let hand = Prefill {
            env: env.clone(),
            client_id: new.id.clone(),
            method: Method::Pkce,
            redirect_uri: test_redirect(&m).unwrap_or_default().to_string(),
            purpose: format!("the PKCE client of \u{201c}{name}\u{201d}"),
        };
        let go = move |_| {
            prefill::hand(&hand);
            navigate("/tester", Default::default());
        };
        view! { <button type="button" class="small" on:click=go>"Test it in the Login tester"</button> }
    });
    let new_id = m.new_id().unwrap_or_default().to_string();
    let said = seen.filter(|_| offer.test).map(|(at, outcome)| {
        let day = date_of_ms(at);
        let text = format!("Login tester, {day}: {}. ", outcome.label());
        let run = move |_| {
            let (id, day) = (new_id.clone(), day.clone());
            page.busy.set(true);
            leptos::task::spawn_local(async move {
                let out = ctx.call("Could not record the test", |api| async move { record_tested(&api, &id, &day).await }).await;
                if page.busy.try_set(false).is_some() {
                    return;
                }
                match out {
                    Ok(_) => page.reload(),
                    Err(f) => page.notice.set(f.notice()),
                }
            });
        };
        let record = offer.record.then(|| view! {
            <button type="button" class="small" disabled=move || !page.idle() on:click=run>"Record as tested"</button>
        });
        view! { <p class="tested-here" class:failed=outcome != Outcome::SignedIn>{text} {record}</p> }
    });
    // Why nothing is offered where something would be.
    let held = held_back(&m).map(|why| view! { <p class="hint warn">{format!("Not created: {why}.")}</p> });
    let untestable = offer.untestable.then(|| {
        view! { <p class="hint">"Not testable in the Login tester: none of its redirect URIs is https (or http on this computer)."</p> }
    });
    let tested = m.stage == Stage::Tested;
    let retire_it = m
        .old
        .clone()
        .filter(|_| offer.retire)
        .map(|old| view! { <Retire old=old page=page tested=tested /> });
    view! { {create_one} {held} {test} {untestable} {said} {retire_it} }
}

/// Retires the implicit client: its recent use read first, then a confirmation (typed when it is
/// still in use), then made inactive with a deletion date.
#[component]
fn Retire(old: OAuthClient, page: Page, tested: bool) -> impl IntoView {
    let ctx = use_session();
    // The org's name for the confirmation; and whether this console signed in with this client
    // (retiring it then ends the session, said apart).
    let by = ctx.session_untracked();
    let org = by.as_ref().map(|s| s.org_label()).unwrap_or_default();
    let own = by.as_ref().is_some_and(|s| s.signed_in_with(&old.id));
    let by = StoredValue::new(by);
    // The recent use read for the confirmation (open while `Some`).
    let asking = RwSignal::new(None::<Known>);
    let check = {
        let id = old.id.clone();
        move |_| {
            let id = id.clone();
            page.notice.set(None);
            page.busy.set(true);
            leptos::task::spawn_local(async move {
                let known = ctx
                    .call("Could not read its use", |api| async move {
                        recent_use(&api, &id, crate::browser::now_ms).await
                    })
                    .await;
                if page.busy.try_set(false).is_some() {
                    return;
                }
                match known {
                    Ok(k) => asking.set(Some(k)),
                    Err(f) => page.notice.set(f.notice()),
                }
            });
        }
    };
    let name = old.name.clone();
    let dialog = move || {
        let known = asking.get()?;
        let now = crate::browser::now_ms();
        let date = retire_date(now);
        let (message, in_use) = retire_prompt(&old, &known, tested, now);
        let (id, name) = (old.id.clone(), old.name.clone());
        let own_note = own.then(|| Stop::MadeInactive.own_client_note(&name));
        let confirm = Callback::new(move |_| {
            let (id, date, name) = (id.clone(), date.clone(), name.clone());
            page.busy.set(true);
            leptos::task::spawn_local(async move {
                let out = ctx
                    .call("Could not retire the implicit client", |api| async move {
                        retire(&api, &id, date, crate::browser::now_ms).await
                    })
                    .await;
                if page.busy.try_set(false).is_some() {
                    return;
                }
                asking.set(None);
                match out {
                    Ok(()) if own => {
                        if let Some(by) = by.try_get_value().flatten() {
                            ctx.stopped_own_client(&by, name.clone(), Stop::MadeInactive);
                        }
                    }
                    Ok(()) => page.reload(),
                    Err(f) => page.notice.set(f.notice()),
                }
            });
        });
        Some(view! {
            <ConfirmDialog
                title=format!("Retire \u{201c}{}\u{201d} in {org}?", old.name)
                message=message
                confirm_label="Retire it"
                require_text=(in_use || own).then(|| old.name.clone())
                busy=Signal::derive(move || page.busy.get())
                on_confirm=confirm
                on_cancel=Callback::new(move |_| asking.set(None))
            >
                {own_note.map(|n| view! { <p class="banner warn" id="confirm-own">{n}</p> })}
            </ConfirmDialog>
        })
    };
    view! {
        <button type="button" class="small" aria-label=format!("Retire {name}") disabled=move || !page.idle() on:click=check>
            "Retire the old one"
        </button>
        {dialog}
    }
}

/// What the app's developers change: the SDK call, plain browser code, and framework.js for an
/// Embeddable Framework client.
#[component]
fn Handoff(m: Move, env: Environment) -> impl IntoView {
    let snippet = |title: &'static str, text: String| {
        let copy = text.clone();
        view! {
            <h3>{title}</h3>
            <pre class="snippet">{text}</pre>
            <CopyButton text=Signal::derive(move || copy.clone()) label=title />
        }
    };
    let ef = framework(&m).map(|(s, note)| {
        view! {
            {snippet("framework.js (Embeddable Framework)", s)}
            {note.map(|n| view! { <p class="hint warn">{n}</p> })}
        }
    });
    let waiting = m.new.is_none().then(|| view! { <p class="muted">"Create its PKCE client first: the snippets then name the new client id."</p> });
    let uris = m.redirect_uris();
    let several = (uris.len() > 1).then(|| {
        let all = uris.join(", ");
        view! { <p class="muted">{format!("The snippets sign in at the first redirect URI; the PKCE client keeps every one: {all}.")}</p> }
    });
    view! {
        <details>
            <summary>{format!("What the developers of {} change", m.name())}</summary>
            {waiting}
            {several}
            {snippet("Genesys Cloud JavaScript SDK", sdk_snippet(&m, &env))}
            {snippet("Plain browser code", browser_snippet(&m, &env))}
            {ef}
        </details>
    }
}
