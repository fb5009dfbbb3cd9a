//! Export of the chosen clients: a JSON file another org can import, or Terraform (HCL) for the
//! vendor's provider; or a copy straight into another environment this tab is signed in to (the
//! same JSON, kept for this tab, then that environment's import page). Role and division names
//! are read from the org first when a client has roles. Nothing secret is in either file.

use crate::app::{use_session, Notice};
use crate::components::{NoticeBox, Progress};
use crate::platform::model::OAuthClient;
use crate::platform::reads;
use crate::platform::templates::RefData;
use crate::platform::{terraform, transfer};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Json,
    Terraform,
    /// Into the environment of this shelved session's place.
    CopyTo(String),
}

/// A file name from the org's name: letters, digits and `-`.
fn file_stem(org: &str) -> String {
    let s: String = org.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let s = s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if s.is_empty() {
        "oauth-clients".into()
    } else {
        format!("oauth-clients-{s}")
    }
}

#[component]
pub fn ExportButtons(#[prop(into)] chosen: Signal<Vec<OAuthClient>>) -> impl IntoView {
    let ctx = use_session();
    let export = Action::new_local(move |kind: &Kind| {
        let (kind, clients) = (kind.clone(), chosen.get_untracked());
        async move {
            let with_roles = clients.iter().any(|c| !c.role_divisions.is_empty());
            let refs = ctx
                .call("Could not read the role and division names for the export", |api| async move {
                    if !with_roles {
                        return Ok(RefData::default());
                    }
                    reads::names(&api).await
                })
                .await
                .map_err(|f| f.notice())?;
            let session = ctx.session();
            let org = session.as_ref().and_then(|s| s.org.as_ref()).and_then(|o| o.name.clone());
            let stem = file_stem(org.as_deref().unwrap_or_default());
            let json = || {
                let source = transfer::Source {
                    environment: session.as_ref().map(|s| s.env.label()).unwrap_or_default(),
                    organization: org.clone(),
                };
                let file = transfer::export(&clients, &refs, source, &crate::browser::now_iso());
                serde_json::to_string_pretty(&file).unwrap_or_default()
            };
            let n = clients.len();
            match &kind {
                Kind::Json => crate::browser::download(&format!("{stem}.json"), "application/json", &json()),
                Kind::CopyTo(place) => {
                    // This page goes with the switch: nothing to say here, unless it failed.
                    if ctx.copy_to(place, json()) {
                        return Err(None);
                    }
                    return Err(Some(Notice::error(
                        "Not copied",
                        Some("That environment is no longer signed in here, or a batch is running: nothing was copied.".into()),
                    )));
                }
                Kind::Terraform => {
                    crate::browser::download(
                        &format!("{stem}.tf"),
                        "text/plain",
                        &terraform::hcl(&clients, &refs),
                    );
                }
            }
            Ok(Notice::info(format!(
                "Exported {n} client{} as {}. No secret is in the file.",
                if n == 1 { "" } else { "s" },
                if kind == Kind::Json { "JSON" } else { "Terraform" }
            )))
        }
    });
    let busy = export.pending();
    view! {
        <button type="button" disabled=move || busy.get() on:click=move |_| { export.dispatch(Kind::Json); }>"Export JSON"</button>
        <button type="button" disabled=move || busy.get() on:click=move |_| { export.dispatch(Kind::Terraform); }>"Export Terraform"</button>
        {move || ctx.shelf().into_iter().map(|s| {
            let (place, label) = (s.place(), s.place_label());
            view! {
                <button type="button" disabled=move || busy.get() || !ctx.can_switch()
                    aria-label=format!("Copy to {label}…")
                    title=format!("Export these clients, switch to {label} and import them there (you see every client before anything is sent)")
                    on:click=move |_| { export.dispatch(Kind::CopyTo(place.clone())); }>
                    {format!("Copy to {}…", s.org_label())}
                </button>
            }
        }).collect_view()}
        {move || busy.get().then(|| view! { <Progress label="Preparing the export…" /> })}
        {move || export.value().get().filter(|_| !busy.get()).and_then(|r: Result<Notice, Option<Notice>>| match r {
            Ok(n) => Some(n),
            Err(n) => n,
        }).map(|n| view! { <NoticeBox notice=n /> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_the_org() {
        assert_eq!(file_stem("Sandbox Org"), "oauth-clients-sandbox-org");
        assert_eq!(file_stem("Acme / EMEA (prod)"), "oauth-clients-acme-emea-prod");
        assert_eq!(file_stem(""), "oauth-clients");
    }
}
