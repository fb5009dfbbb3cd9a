//! The run's trace on the result card: the sequence picture (an image, so a server's words stay
//! text), a button that saves it as SVG, and every step as a list with its parameters.

use super::run::RunRecord;
use super::trace::StepStatus;
use super::trace_svg::{outcome_line, svg};
use leptos::prelude::*;

/// What the picture shows, in words (its alternative text).
pub fn summary(record: &RunRecord) -> String {
    let n = record.trace.len();
    match record.trace.iter().position(|s| s.status == StepStatus::Failed) {
        Some(i) => {
            let s = &record.trace[i];
            format!(
                "Sequence of run {}: {n} steps; it broke at step {} ({}): {}",
                record.id,
                i + 1,
                s.title,
                s.error.as_deref().unwrap_or("failed")
            )
        }
        None => format!("Sequence of run {}: {n} steps, none broke.", record.id),
    }
}

#[component]
pub fn TraceView(record: RunRecord) -> impl IntoView {
    (!record.trace.is_empty()).then(|| drawn(record))
}

fn drawn(record: RunRecord) -> impl IntoView {
    let picture = svg(&format!("Run {}: {}", record.id, record.outcome.label()), &record.trace);
    let src = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        percent_encoding::utf8_percent_encode(&picture, percent_encoding::NON_ALPHANUMERIC)
    );
    let file = format!("oauth-console-run-{}.svg", record.id);
    let save = move |_| crate::browser::download(&file, "image/svg+xml", &picture);
    let alt = summary(&record);
    view! {
        <h3>"How it went"</h3>
        <figure class="trace" id="tester-trace">
            <img src=src alt=alt />
        </figure>
        <p class="row">
            <button type="button" id="tester-save-svg" on:click=save>"Save the picture (SVG)"</button>
            <span class="muted">"Codes, verifiers and tokens are masked in the picture and in the export."</span>
        </p>
        <ol class="trace-steps" id="tester-steps">
            {record.trace.iter().map(|s| {
                let class = match s.status {
                    StepStatus::Ok => "ok",
                    StepStatus::Failed => "failed",
                    StepStatus::NotReached => "not-reached",
                };
                let n = s.params.len();
                view! {
                    <li class=class>
                        <strong>{s.title.clone()}</strong> " "
                        <code>{s.request.clone()}</code> " "
                        <span class="step-outcome">{outcome_line(s)}</span>
                        {(n > 0).then(|| view! {
                            <details>
                                <summary>{format!("{n} parameter{}", if n == 1 { "" } else { "s" })}</summary>
                                <dl class="facts">
                                    {s.params.iter().map(|p| view! { <dt>{p.name.clone()}</dt><dd><code>{p.value.clone()}</code></dd> }).collect_view()}
                                </dl>
                            </details>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
