//! `/migrate`: the org's implicit clients moved to Authorization Code + PKCE before implicit
//! sign-in stops. Where each one stands is read from the org ([`migration::inventory`]), so
//! every admin of the org sees the same; the page creates replacements (one, or the chosen ones
//! as a paced batch), hands a replacement to the Login tester, records its test in the org,
//! retires the old client, gives the developers their snippets and downloads the org's report.

mod row;

use crate::app::{remote, use_session, Notice, SessionCtx};
use crate::components::bulk::{start, BulkProgress, BulkState};
use crate::components::failed::Failed;
use crate::components::usage_column::UsageCells;
use crate::components::{NoticeBox, Progress};
use crate::env::Environment;
use crate::platform::handoff::{report, report_csv, report_json};
use crate::platform::migrate_flows::plan_creates;
use crate::platform::migration::{counts, days_left, inventory, Stage};
use crate::platform::model::OAuthClient;
use crate::platform::reads;
use crate::platform::rules::IMPLICIT_SIGN_IN_ENDS_BY;
use crate::platform::usage::grouped;
use crate::tester::prefill;
use leptos::prelude::*;
use std::collections::HashSet;

/// What the page's parts share.
#[derive(Clone, Copy)]
struct Page {
    bulk: BulkState,
    usage: UsageCells,
    chosen: RwSignal<HashSet<String>>,
    /// Bumped to read the org's clients again.
    again: RwSignal<u32>,
    notice: RwSignal<Option<Notice>>,
    /// A row's action is under way.
    busy: RwSignal<bool>,
    ctx: SessionCtx,
}

impl Page {
    fn reload(&self) {
        self.again.update(|n| *n += 1);
    }

    fn idle(&self) -> bool {
        !self.busy.get() && !self.bulk.running()
    }
}

#[component]
pub fn Migrate() -> impl IntoView {
    let page = Page {
        bulk: BulkState::new(),
        usage: UsageCells::new(),
        chosen: RwSignal::new(HashSet::new()),
        again: RwSignal::new(0),
        notice: RwSignal::new(None),
        busy: RwSignal::new(false),
        ctx: use_session(),
    };
    let again = page.again;
    let loaded = remote::read(
        "Could not read the org's clients",
        move || again.get(),
        |api, _| async move { reads::clients(&api).await },
    );
    let days = days_left(crate::browser::now_ms());
    view! {
        <section class="card wide">
            <h1>"Move off the implicit grant"</h1>
            <p id="countdown" class="countdown">
                <strong>{format!("{} days", grouped(days))}</strong>
                {format!(" until implicit sign-in stops (by {IMPLICIT_SIGN_IN_ENDS_BY}; counted to its first day). Each implicit client below needs a Code Authorization client used with PKCE, and its app a new sign-in.")}
            </p>
            {move || page.notice.get().map(|n| view! { <NoticeBox notice=n on_dismiss=Callback::new(move |_| page.notice.set(None)) /> })}
            // A batch's progress above the list it changes.
            // A create is not retried from here: the page's own buttons plan it again on the
            // org's list (a failed one may have been made meanwhile).
            <BulkProgress state=page.bulk on_done=Callback::new(move |_| page.reload()) no_retry=true />
            <Transition fallback=|| view! { <Progress label="Reading the org's clients…" /> }>
                <ErrorBoundary fallback=|errors| view! { <Failed errors=errors /> }>
                    {move || loaded.get().map(|r| r.map(|clients| view! { <Inventory clients=clients page=page /> }))}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// Creates the replacements of `ids`, planned on the org's list read again now (a replacement
/// made meanwhile, here or by another admin, is found and not made twice). The page is busy
/// from the click: a second click plans nothing more.
fn create(ids: Vec<String>, page: Page) {
    if page.busy.get_untracked() || page.bulk.running_untracked() {
        return;
    }
    let ctx = page.ctx;
    page.notice.set(None);
    page.busy.set(true);
    leptos::task::spawn_local(async move {
        let planned = ctx
            .call("Could not read the org's clients", |api| async move { plan_creates(&api, &ids).await })
            .await;
        // The page went away meanwhile: nothing is sent.
        if page.busy.try_set(false).is_some() {
            return;
        }
        let batch = match planned {
            Ok(batch) => batch,
            Err(f) => return page.notice.set(f.notice()),
        };
        let (mut names, mut jobs, mut status) = (Vec::new(), Vec::new(), Vec::new());
        for (name, job, s) in batch {
            names.push(name);
            jobs.push(job);
            status.push(s);
        }
        page.chosen.set(HashSet::new());
        let label = ("Create PKCE clients", "created");
        start(page.bulk, label, names, jobs, status, Callback::new(move |_| page.reload()));
    });
}

#[component]
fn Inventory(clients: Vec<OAuthClient>, page: Page) -> impl IntoView {
    let moves = inventory(&clients);
    // What this tab's Login tester saw, read once for every row.
    let runs = prefill::runs();
    page.usage.want(moves.iter().filter(|m| m.old.is_some()).map(|m| m.old_id.clone()));
    let env = use_session().session_untracked().map_or(Environment::Sandbox, |s| s.env);
    let [not_started, created, tested, retired] = counts(&moves);
    let total = moves.len();
    let open: Vec<String> =
        moves.iter().filter(|m| m.stage == Stage::NotStarted).map(|m| m.old_id.clone()).collect();
    // What is chosen among the clients that still need a replacement.
    let open_ids = StoredValue::new(open.clone());
    let picked = Memo::new(move |_| {
        page.chosen.with(|c| {
            open_ids.with_value(|o| o.iter().filter(|id| c.contains(*id)).cloned().collect::<Vec<_>>())
        })
    });
    let moves = StoredValue::new(moves);
    let download = move |csv: bool| {
        let known = |id: &str| page.usage.known.with_untracked(|k| k.get(id).cloned());
        let lines = moves.with_value(|m| report(m, known));
        let day = crate::browser::today();
        if csv {
            crate::browser::download(
                &format!("implicit-migration-{day}.csv"),
                "text/csv",
                &report_csv(&lines),
            );
        } else {
            let json = report_json(&lines, &day);
            crate::browser::download(&format!("implicit-migration-{day}.json"), "application/json", &json);
        }
    };
    let all_open = open.clone();
    view! {
        <p role="status" id="migration-counts">
            {format!(
                "{total} implicit clients: {not_started} not started · {created} with a PKCE client · {tested} tested · {retired} retired"
            )}
        </p>
        <div class="toolbar">
            <button type="button" id="create-chosen" disabled=move || picked.with(Vec::is_empty) || !page.idle()
                on:click=move |_| create(picked.get_untracked(), page)>
                {move || match picked.with(Vec::len) {
                    0 => "Create PKCE clients for the chosen".to_string(),
                    1 => "Create a PKCE client for 1 chosen".to_string(),
                    n => format!("Create PKCE clients for {n} chosen"),
                }}
            </button>
            <button type="button" class="link-button" disabled=all_open.is_empty()
                on:click=move |_| page.chosen.set(all_open.iter().cloned().collect())>
                "Choose every one not started"
            </button>
            <div class="report">
                {move || (page.usage.pending() > 0).then(|| view! {
                    <span class="muted" id="report-pending">{format!("Use still being read for {}: the report leaves it blank until then.", page.usage.pending())}</span>
                })}
                <button type="button" on:click=move |_| download(true)>"Report (CSV)"</button>
                <button type="button" on:click=move |_| download(false)>"Report (JSON)"</button>
            </div>
        </div>
        {(total == 0).then(|| view! { <p class="empty">"This org has no implicit clients: nothing to move."</p> })}
        <div class="table-wrap">
            <table class="clients migration" id="migration">
                <thead>
                    <tr>
                        <th scope="col"><span class="sr-only">"Chosen"</span></th>
                        <th scope="col">"Implicit client"</th>
                        <th scope="col">"Redirect URIs"</th>
                        <th scope="col">"Scopes · duration"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Use, 30 days"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                {moves.get_value().into_iter().map(|m| {
                    let seen = m.new.as_ref().and_then(|new| prefill::newest_pkce_run(&runs, &new.id)).map(|r| (r.started_at_ms, r.outcome.clone()));
                    view! { <row::MoveRows m=m env=env.clone() page=page seen=seen /> }
                }).collect_view()}
            </table>
        </div>
    }
}
