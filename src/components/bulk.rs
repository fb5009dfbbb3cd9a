//! Bulk actions on the clients chosen in the list: the bar that starts one (with its deletion
//! date for "Make inactive"), one confirmation for the batch (typing the number of clients), its
//! progress and each client's result, with a retry for the ones that failed.

use crate::app::Notice;
use crate::app::{use_session, SessionCtx};
use crate::components::dialog::ConfirmDialog;
use crate::components::export::ExportButtons;
use crate::components::NoticeBox;
use crate::platform::bulk::{self, Asked, BulkAction, Job};
use crate::platform::model::OAuthClient;
use crate::platform::pace::{Counts, Pacer, Status, MAX_IN_FLIGHT};
use crate::platform::usage::grouped;
use leptos::prelude::*;

/// A batch: what it does ("Disable", and "disabled" for each done), to whom, and where each
/// client stands.
#[derive(Clone, Debug)]
pub struct BulkRun {
    pub label: &'static str,
    pub done: &'static str,
    pub names: Vec<String>,
    pub status: Vec<Status>,
    pub sent: u32,
    pub rate_limited: u32,
    pub running: bool,
}

impl BulkRun {
    fn counts(&self) -> Counts {
        Counts::of(&self.status)
    }
}

/// The batch of the list page; it outlives a refresh of the list.
#[derive(Clone, Copy)]
pub struct BulkState {
    run: RwSignal<Option<BulkRun>>,
    /// Each client's remaining requests (a failed one keeps its own, for a retry).
    jobs: StoredValue<Vec<Job>>,
    stop: RwSignal<bool>,
    /// The session it runs in (taken when the page made it: a batch may start later, outside
    /// any component).
    ctx: SessionCtx,
}

impl BulkState {
    pub fn new() -> BulkState {
        BulkState {
            run: RwSignal::new(None),
            jobs: StoredValue::new(Vec::new()),
            stop: RwSignal::new(false),
            ctx: use_session(),
        }
    }

    pub fn running(&self) -> bool {
        self.run.with(|r| r.as_ref().is_some_and(|r| r.running))
    }

    /// The secrets of the clients the batch created, by name (tracked: they are there once the
    /// batch has ended).
    pub fn secrets(&self) -> Vec<(String, crate::secret::Secret)> {
        let names = self.run.with(|r| r.as_ref().filter(|r| !r.running).map(|r| r.names.clone()));
        let Some(names) = names else { return Vec::new() };
        self.jobs.with_value(|jobs| {
            names.into_iter().zip(jobs).filter_map(|(n, j)| Some((n, j.secret.clone()?))).collect()
        })
    }

    /// [`Self::running`], read without subscribing (in a handler).
    pub fn running_untracked(&self) -> bool {
        self.run.with_untracked(|r| r.as_ref().is_some_and(|r| r.running))
    }
}

impl Default for BulkState {
    fn default() -> Self {
        Self::new()
    }
}

/// Starts a batch: `jobs[i]` for `names[i]`, whose `Queued` entries of `status` are run (the
/// others are shown as they are); `done` is called when it ends.
pub fn start(
    state: BulkState,
    (label, done_word): (&'static str, &'static str),
    names: Vec<String>,
    jobs: Vec<Job>,
    status: Vec<Status>,
    done: Callback<()>,
) {
    state.jobs.set_value(jobs);
    state.run.set(Some(BulkRun {
        label,
        done: done_word,
        names,
        status: status.clone(),
        sent: 0,
        rate_limited: 0,
        running: true,
    }));
    go(state, status, done);
}

/// Runs the `Queued` clients of `status`, then calls `done` (the list is read again).
fn go(state: BulkState, status: Vec<Status>, done: Callback<()>) {
    let ctx = state.ctx;
    state.stop.set(false);
    state.run.update(|r| {
        if let Some(r) = r {
            r.running = true;
            r.status = status.clone();
        }
    });
    let Some(label) = state.run.with_untracked(|r| r.as_ref().map(|r| r.label)) else { return };
    ctx.batch_running(true);
    leptos::task::spawn_local(async move {
        let mut jobs = state.jobs.get_value();
        let title = format!("Could not {} every client", label.to_lowercase());
        let result = ctx
            .call(&title, move |api| async move {
                let mut pacer = Pacer::new(status, MAX_IN_FLIGHT);
                let tick = |p: &Pacer| {
                    state.run.try_update(|r| {
                        if let Some(r) = r {
                            r.status.clone_from(&p.status);
                            (r.sent, r.rate_limited) = (p.sent, p.rate_limited);
                        }
                    });
                };
                // A page that went away stops the batch: nothing more is sent.
                let stop = || state.stop.try_get_untracked().unwrap_or(true);
                bulk::run(&api, &mut jobs, &mut pacer, crate::browser::now_ms, tick, stop)
                    .await
                    .map(|()| jobs)
            })
            .await;
        // A 401 ended the session: nothing more is read with its token.
        let ended = result.as_ref().is_err_and(crate::app::remote::Fault::ended_session);
        if let Ok(jobs) = result {
            state.jobs.try_set_value(jobs);
        }
        state.run.try_update(|r| {
            if let Some(r) = r {
                r.running = false;
            }
        });
        ctx.batch_running(false);
        // The page may have gone (or the list been rebuilt) while the batch ran.
        if !ended {
            done.try_run(());
        }
    });
}

/// The bar over the list while clients are chosen.
#[component]
pub fn BulkBar(
    /// The chosen clients, as the list has them now.
    #[prop(into)]
    chosen: Signal<Vec<OAuthClient>>,
    state: BulkState,
    on_clear: Callback<()>,
    /// Called when a batch ends (the list is read again).
    on_done: Callback<()>,
    /// The org's name, said in the confirmation.
    org: String,
    /// The client this console is signed in with: a batch leaves it as it is.
    own: Option<String>,
) -> impl IntoView {
    let ask = RwSignal::new(None::<BulkAction>);
    let place = StoredValue::new((org, own));
    let date = RwSignal::new(String::new());
    let today = crate::browser::today();
    let date_problem = Memo::new(move |_| {
        date.with(|d| {
            (!d.is_empty() && d.as_str() < today.as_str())
                .then_some("The deletion date must be today or later.")
        })
    });
    let deletion_date = move || date.with(|d| (!d.is_empty()).then(|| format!("{d}T00:00:00.000Z")));
    let n = move || chosen.with(Vec::len);
    let start = move |action: BulkAction| {
        let clients = chosen.get_untracked();
        let when = deletion_date();
        let (mut jobs, mut status, mut names) = (Vec::new(), Vec::new(), Vec::new());
        let (org, own) = place.get_value();
        let at = Asked { org: &org, own: own.as_deref() };
        for c in &clients {
            let (s, steps) = match action.plan_in(c, when.as_deref(), at) {
                Ok(steps) => (Status::Queued, steps),
                Err(why) => (Status::Skipped(why.to_string()), Vec::new()),
            };
            jobs.push(Job::new(c.id.clone(), steps));
            status.push(s);
            names.push(c.name.clone());
        }
        ask.set(None);
        start(state, (action.label(), action.done()), names, jobs, status, on_done);
    };
    let busy = Signal::derive(move || state.running());
    let button = move |a: BulkAction| {
        let class = if a == BulkAction::Delete { "danger" } else { "" };
        view! {
            <button type="button" class=class
                disabled=move || busy.get() || (a == BulkAction::MakeInactive && date_problem.get().is_some())
                on:click=move |_| ask.set(Some(a))>
                {a.label()}
            </button>
        }
    };
    view! {
        <Show when=move || { n() > 0 }>
            <div class="bulk-bar" role="group" aria-label="Bulk actions">
                <strong id="bulk-count">{move || format!("{} selected", grouped(n() as u64))}</strong>
                {button(BulkAction::Disable)}
                {button(BulkAction::Enable)}
                <div class="field">
                    <label for="bulk-date">"Deletion date (optional)"</label>
                    <input id="bulk-date" type="date" bind:value=date
                        aria-invalid=move || date_problem.get().is_some().to_string()
                        aria-describedby="bulk-date-problem" />
                    <span class="error" id="bulk-date-problem">{move || date_problem.get()}</span>
                </div>
                {button(BulkAction::MakeInactive)}
                {button(BulkAction::Delete)}
                <ExportButtons chosen=chosen />
                <button type="button" class="link-button" disabled=move || busy.get() on:click=move |_| on_clear.run(())>"Clear selection"</button>
            </div>
        </Show>
        {move || ask.get().map(|a| {
            let clients = chosen.get_untracked();
            let (org, own) = place.get_value();
            let c = a.confirmation(&clients, deletion_date().as_deref(), Asked { org: &org, own: own.as_deref() });
            // Only the console's own client chosen: nothing to confirm, only why.
            if c.count == 0 {
                return view! {
                    <div class="notice notice-info" role="status" id="bulk-own">
                        <p>{c.own}</p>
                        <button type="button" on:click=move |_| ask.set(None)>"Close"</button>
                    </div>
                }
                .into_any();
            }
            view! {
                <ConfirmDialog
                    title=c.title
                    message=c.message
                    confirm_label=c.button
                    require_text=Some(c.count.to_string())
                    busy=busy
                    on_confirm=Callback::new(move |_| start(a))
                    on_cancel=Callback::new(move |_| ask.set(None))
                >
                    <ul class="plain names" id="bulk-names" aria-label="The chosen clients">
                        {c.names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        {(c.more > 0).then(|| view! { <li class="muted">{format!("and {} more", grouped(c.more as u64))}</li> })}
                    </ul>
                    {c.own.map(|n| view! { <p class="banner warn" id="bulk-own">{n}</p> })}
                </ConfirmDialog>
            }
            .into_any()
        })}
        <BulkProgress state=state on_done=on_done />
    }
}

/// A batch's progress and results: a bar, the tally, each client's result, Stop while it runs,
/// and a retry of the failed clients (all, or one). Rows are keyed by their result: a tick
/// redraws only the rows that changed.
#[component]
pub fn BulkProgress(
    state: BulkState,
    on_done: Callback<()>,
    /// No retry from here (the page plans a new batch instead).
    #[prop(optional)]
    no_retry: bool,
) -> impl IntoView {
    let retry = move |which: Option<usize>| {
        let Some(mut status) = state.run.with_untracked(|r| r.as_ref().map(|r| r.status.clone())) else {
            return;
        };
        for (i, s) in status.iter_mut().enumerate() {
            if matches!(s, Status::Failed(_) | Status::Stopped) && which.is_none_or(|w| w == i) {
                *s = Status::Queued;
            }
        }
        go(state, status, on_done);
    };
    let counts = Memo::new(move |_| state.run.with(|r| r.as_ref().map(BulkRun::counts).unwrap_or_default()));
    let running = Memo::new(move |_| state.running());
    let action = Memo::new(move |_| state.run.with(|r| r.as_ref().map(|r| (r.label, r.done))));
    let limited = Memo::new(move |_| state.run.with(|r| r.as_ref().map_or(0, |r| r.rate_limited)));
    let tally = move || {
        let (c, (label, done)) = (counts.get(), action.get()?);
        Some(format!(
            "{}: {} of {} finished · {} {} · {} skipped · {} failed{}",
            label,
            grouped(c.finished() as u64),
            grouped(c.total as u64),
            grouped(c.done as u64),
            done,
            grouped(c.skipped as u64),
            grouped(c.failed as u64),
            if c.stopped > 0 {
                format!(" · {} not started", grouped(c.stopped as u64))
            } else {
                String::new()
            },
        ))
    };
    let rows = move || {
        state.run.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| {
                r.names
                    .iter()
                    .zip(&r.status)
                    .enumerate()
                    .map(|(i, (n, s))| (i, n.clone(), s.clone()))
                    .collect()
            })
        })
    };
    let row = move |(i, name, s): (usize, String, Status)| {
        let done = action.get_untracked().map_or("done", |a| a.1);
        let (text, class) = match &s {
            Status::Queued => ("Waiting".to_string(), ""),
            Status::Running => ("Sending…".to_string(), ""),
            Status::Done => (format!("Done: {done}"), ""),
            Status::Skipped(why) => (format!("Skipped: {why}"), "muted"),
            Status::Failed(why) => (format!("Failed: {why}"), "failed"),
            Status::Stopped => ("Not started (stopped)".to_string(), "muted"),
        };
        let again = (!no_retry && matches!(s, Status::Failed(_) | Status::Stopped)).then(|| {
            let label = format!("Retry {name}");
            view! {
                <button type="button" class="small" aria-label=label disabled=move || running.get()
                    on:click=move |_| retry(Some(i))>"Retry"</button>
            }
        });
        view! { <tr><td>{name}</td><td class=class>{text} " " {again}</td></tr> }
    };
    view! {
        <Show when=move || action.get().is_some()>
            <div class="bulk-run" id="bulk-run" aria-busy=move || running.get().to_string()>
                <progress max=move || counts.get().total value=move || counts.get().finished() aria-label="Clients finished"></progress>
                <p role="status" id="bulk-tally">{tally}</p>
                {move || (limited.get() > 0).then(|| view! {
                    <p class="muted" id="bulk-paced">{format!(
                        "The org asked to slow down {} times; each time, every request waited as long as it asked (30 s at most).",
                        grouped(u64::from(limited.get()))
                    )}</p>
                })}
                {move || {
                    let c = counts.get();
                    (!running.get() && c.failed > 0).then(|| view! { <NoticeBox notice=Notice::error(
                        format!("{} of {} clients failed", c.failed, c.total),
                        Some(if no_retry {
                            "The others were not held up. Each failure says why; start them again from the page.".into()
                        } else {
                            "The others were not held up. Each failure says why; retry them all or one by one.".into()
                        }),
                    ) /> })
                }}
                <div class="row">
                    {move || running.get().then(|| view! { <button type="button" on:click=move |_| state.stop.set(true)>"Stop"</button> })}
                    {move || {
                        let c = counts.get();
                        (!no_retry && !running.get() && c.failed + c.stopped > 0).then(|| {
                            let label = if c.stopped == 0 {
                                format!("Retry {} failed", c.failed)
                            } else {
                                format!("Retry {} (failed or not started)", c.failed + c.stopped)
                            };
                            view! { <button type="button" on:click=move |_| retry(None)>{label}</button> }
                        })
                    }}
                    {move || (!running.get()).then(|| view! {
                        <button type="button" class="link-button" on:click=move |_| state.run.set(None)>"Close results"</button>
                    })}
                </div>
                <div class="bulk-items" tabindex="0" role="region" aria-label="Result per client">
                    <table id="bulk-items">
                        <thead><tr><th scope="col">"Client"</th><th scope="col">"Result"</th></tr></thead>
                        <tbody>
                            <For each=rows key=|(i, _, s)| (*i, s.clone()) children=row />
                        </tbody>
                    </table>
                </div>
            </div>
        </Show>
    }
}
