//! A client's API usage: a 7- or 30-day window, the totals by status class, the last day of
//! use, the busiest endpoints and a bar per day (an SVG drawn here), with progress while the org
//! computes it and a way to ask again.

use crate::app::remote;
use crate::components::{NoticeBox, Progress};
use crate::platform::usage::{self, bars, grouped, Summary, WINDOWS};
use leptos::prelude::*;

const CHART_W: f64 = 600.0;
const CHART_H: f64 = 120.0;

#[component]
pub fn UsagePanel(client_id: String) -> impl IntoView {
    let days = RwSignal::new(WINDOWS[0]);
    let again = RwSignal::new(0u32);
    // Reads of the query's results so far (0 while the query is being asked for).
    let reads = RwSignal::new(None::<u32>);
    // Which query the progress belongs to: a query left behind (the window switched) says nothing.
    let current = StoredValue::new(0u32);
    let loaded = remote::read(
        "Could not load the client's usage",
        move || (days.get(), again.get()),
        move |api, (d, _)| {
            let id = client_id.clone();
            current.update_value(|g| *g += 1);
            let mine = current.get_value();
            let tell = move |n: Option<u32>| {
                if current.try_get_value() == Some(mine) {
                    reads.try_set(n);
                }
            };
            async move {
                tell(Some(0));
                let r = usage::query(&api, &id, d, crate::browser::now_ms, move |n| tell(Some(n))).await;
                tell(None);
                r
            }
        },
    );
    let window = move |d: u32| {
        view! {
            <button
                type="button"
                class="toggle"
                aria-pressed=move || (days.get() == d).to_string()
                on:click=move |_| days.set(d)
            >
                {format!("{d} days")}
            </button>
        }
    };
    let refresh = move || {
        view! { <button type="button" class="link-button" on:click=move |_| again.update(|n| *n += 1)>"Ask again"</button> }
    };
    view! {
        <section class="usage" id="usage" aria-labelledby="usage-title" aria-busy=move || reads.get().is_some().to_string()>
            <div class="row between">
                <h2 id="usage-title">"Usage"</h2>
                <div class="row" role="group" aria-label="Usage window">
                    {WINDOWS.into_iter().map(window).collect_view()}
                </div>
            </div>
            {move || reads.get().map(|n| {
                let label = match n {
                    0 => format!("Asking the org for the last {} days of usage…", days.get()),
                    n => format!("The org is computing the usage… (read {n})"),
                };
                view! { <Progress label=label /> }
            })}
            <Transition fallback=|| ()>
                {move || loaded.get().map(|r| match r {
                    Ok(Ok(s)) => view! { <UsageSummary summary=s /> }.into_any(),
                    Ok(Err(unfinished)) => view! {
                        <p class="hint warn" id="usage-unfinished">{unfinished.to_string()} " " {refresh()}</p>
                    }.into_any(),
                    Err(fault) => view! {
                        {fault.notice().map(|n| view! { <NoticeBox notice=n /> })}
                        <p>{refresh()}</p>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The totals, the chart and the busiest endpoints of one window.
#[component]
fn UsageSummary(summary: Summary) -> impl IntoView {
    let s = summary;
    let last = match &s.last_used {
        Some(d) => format!("last used {d}"),
        None => format!("not used in the last {} days", s.days),
    };
    let c = s.classes;
    let classes = [
        ("2xx", c.ok),
        ("3xx", c.redirect),
        ("4xx", c.client_error),
        ("of which 429", c.rate_limited),
        ("5xx", c.server_error),
    ];
    let label = format!(
        "Requests per day over the last {} days: {} in all, at most {} on one day",
        s.days,
        grouped(s.requests),
        grouped(s.per_day.iter().map(|d| d.requests).max().unwrap_or(0))
    );
    let (first, final_day) = (
        s.per_day.first().map(|d| d.date.clone()).unwrap_or_default(),
        s.per_day.last().map(|d| d.date.clone()).unwrap_or_default(),
    );
    view! {
        <p id="usage-total">
            <strong>{format!("{} requests", grouped(s.requests))}</strong>
            {format!(" in the last {} days · {last}", s.days)}
        </p>
        <p class="muted" id="usage-classes">
            {classes.iter().map(|(k, n)| format!("{k}: {}", grouped(*n))).collect::<Vec<_>>().join(" · ")}
        </p>
        <svg class="usage-chart" id="usage-chart" role="img" aria-label=label
            viewBox=format!("0 0 {CHART_W} {}", CHART_H + 16.0)>
            <line x1="0" x2=CHART_W y1=CHART_H y2=CHART_H class="axis" />
            {bars(&s.per_day, CHART_W, CHART_H).into_iter().map(|b| view! {
                <rect x=format!("{:.1}", b.x) y=format!("{:.1}", b.y) width=format!("{:.1}", b.width)
                    height=format!("{:.1}", b.height) data-date=b.date.clone()>
                    <title>{format!("{}: {} requests", b.date, grouped(b.requests))}</title>
                </rect>
            }).collect_view()}
            <text x="0" y=CHART_H + 14.0 class="axis-label">{first}</text>
            <text x=CHART_W y=CHART_H + 14.0 class="axis-label" text-anchor="end">{final_day}</text>
        </svg>
        {(!s.top.is_empty()).then(|| view! {
            <h3>"Busiest endpoints"</h3>
            <ul class="plain" id="usage-top">
                {s.top.into_iter().map(|(e, n)| view! { <li><code>{e}</code> " — " {grouped(n)}</li> }).collect_view()}
            </ul>
        })}
    }
}
