//! The client form's fields: name, description, grant type, duration, redirect URIs, scopes,
//! roles, state, and the submit row; and the panel shown once after a create.

use super::state::Editor;
use crate::browser;
use crate::browser::address::app_href;
use crate::components::client_form::{
    errors_id, DurationInput, FieldErrors, RedirectUriEditor, RoleDivisionsPicker, ScopePicker,
};
use crate::components::field::{Bind, TextField};
use crate::components::secret::SecretReveal;
use crate::components::{CopyButton, Progress};
use crate::platform::model::{ClientState, GrantType, OAuthClient};
use crate::platform::rules::{self, Field, GRANTS_OFFERED, IMPLICIT_NO_NEW_CLIENTS_SINCE};
use crate::platform::shown::Shown;
use crate::platform::templates::{framework_note, framework_snippet, secret_note};
use leptos::prelude::*;
use leptos_router::components::A;

/// Every field of the draft, and the submit row.
#[component]
pub(super) fn ClientFields(
    ed: Editor,
    editing: bool,
    read_only_grant: Option<GrantType>,
    submit: Callback<()>,
) -> impl IntoView {
    let draft = ed.draft;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ed.shown.update(Shown::try_save);
        match ed.problems.with_untracked(|p| p.first().map(|p| p.field)) {
            None => submit.run(()),
            Some(first) => {
                browser::focus_in(first.input_id());
            }
        }
    };
    // A field's problems show once it is left or changed (never while its first value is typed).
    let left = move |ev: leptos::ev::Event| {
        // Leaving a field for Create or Save: the try shows everything (shown now, the errors
        // would move the button from under the click).
        if browser::focus_goes_to(&ev, "button[type=submit]") {
            return;
        }
        let ids = Field::ALL.map(Field::input_id);
        if let Some(field) = browser::around_target(&ev, &ids).and_then(|id| Field::of_input_id(&id)) {
            ed.shown.update(|s| s.leave(field));
        }
    };
    let max = Signal::derive(move || {
        draft.with(|d| {
            rules::max_duration(&d.grant, &d.role_divisions, &ed.rule_ctx.with(|c| c.roles.clone()))
        })
    });
    let grant = ed.grant;
    view! {
        <form class="form" on:submit=on_submit on:focusout=move |ev| left(ev.into()) on:change=left novalidate>
            <TextField
                id=Field::Name.input_id()
                label="Name"
                value=Bind::new(move || draft.with(|d| d.name.clone()), move |v| draft.update(|d| d.name = v))
                errors=ed.errors(Field::Name)
            />
            <TextField
                id=Field::Description.input_id()
                label="Description (optional)"
                value=Bind::new(move || draft.with(|d| d.description.clone()), move |v| draft.update(|d| d.description = v))
                errors=ed.errors(Field::Description)
            />
            <GrantChoice ed=ed read_only=read_only_grant />
            <DurationInput draft=draft problems=ed.visible max=max />
            <Show when=move || rules::uses_redirect_uris(&grant.get())>
                <RedirectUriEditor draft=draft problems=ed.visible required=Signal::derive(move || rules::needs_redirect_uris(&grant.get())) />
            </Show>
            <Show when=move || rules::uses_scopes(&grant.get())>
                <ScopePicker draft=draft problems=ed.visible scopes=Signal::derive(move || ed.refs.with(|r| r.scopes.clone())) />
            </Show>
            <Show when=move || rules::uses_roles(&grant.get())>
                <RolesField ed=ed />
            </Show>
            <StateFields ed=ed />
            <SubmitRow ed=ed editing=editing />
        </form>
    }
}

/// The roles picker, with what the admin may grant: the roles they hold, and those already on
/// the client.
#[component]
fn RolesField(ed: Editor) -> impl IntoView {
    let grantable = Signal::derive(move || {
        ed.rule_ctx.with(|c| {
            c.held_role_ids
                .iter()
                .cloned()
                .chain(c.existing_role_divisions().iter().map(|rd| rd.role_id.clone()))
                .collect()
        })
    });
    view! {
        <RoleDivisionsPicker
            draft=ed.draft
            problems=ed.visible
            roles=Signal::derive(move || ed.refs.with(|r| r.roles.clone()))
            divisions=Signal::derive(move || ed.refs.with(|r| r.divisions.clone()))
            home=Signal::derive(move || ed.refs.with(|r| r.home.as_ref().map(|h| h.id.clone()).unwrap_or_default()))
            grantable=grantable
        />
    }
}

/// The grant type: a choice for a new client, or kept as it is when it can no longer be chosen.
#[component]
fn GrantChoice(ed: Editor, read_only: Option<GrantType>) -> impl IntoView {
    let choices = move || {
        GRANTS_OFFERED
            .iter()
            .map(|g| {
                let (g1, g2) = (g.clone(), g.clone());
                let note = match g {
                    GrantType::Token => Some(format!(" — legacy: Genesys Cloud refuses new clients of this grant since {IMPLICIT_NO_NEW_CLIENTS_SINCE}")),
                    GrantType::Code => Some(" — for browser apps with PKCE".to_string()),
                    _ => None,
                };
                view! {
                    <label class="choice">
                        <input type="radio" name="grant" prop:checked=move || ed.grant.get() == g1 on:change=move |_| ed.draft.update(|d| d.grant = g2.clone()) />
                        {g.label()}
                        {note.map(|n| view! { <span class="muted">{n}</span> })}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="field" id=Field::Grant.input_id() aria-describedby=errors_id(Field::Grant)>
            <legend>"Grant type"</legend>
            {match read_only {
                Some(g) => view! {
                    <p><strong>{g.label()}</strong>" — kept as it is: this grant type cannot be chosen for clients any more."</p>
                }.into_any(),
                None => choices().into_any(),
            }}
            <FieldErrors field=Field::Grant problems=ed.visible />
        </fieldset>
    }
}

/// The client's state, and the deletion date of an inactive client.
#[component]
fn StateFields(ed: Editor) -> impl IntoView {
    let draft = ed.draft;
    view! {
        <div class="field">
            <label for=Field::State.input_id()>"State"</label>
            <select
                id=Field::State.input_id()
                prop:value=move || draft.with(|d| String::from(d.state.clone()))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|d| d.state = ClientState::from(v))
                }
            >
                <option value="active">"Active"</option>
                <option value="disabled">"Disabled — its tokens stop working, no new ones"</option>
                <option value="inactive">"Inactive — no new tokens; the org deletes it later"</option>
            </select>
            <FieldErrors field=Field::State problems=ed.visible />
        </div>
        <Show when=move || draft.with(|d| d.state == ClientState::Inactive)>
            <TextField
                id=Field::DateToDelete.input_id()
                label="Deletion date (optional)"
                kind="date"
                value=Bind::new(move || draft.with(|d| d.date_to_delete.clone()), move |v| draft.update(|d| d.date_to_delete = v))
                errors=ed.errors(Field::DateToDelete)
            />
        </Show>
    }
}

/// Create or save (never disabled but while sending: a try shows every problem and moves to the
/// first), the problems that stand in the way, each a link to its field, and progress.
#[component]
fn SubmitRow(ed: Editor, editing: bool) -> impl IntoView {
    // Listed once a save is tried, or at once when the org will not take any change from this
    // admin.
    let listed = move || {
        let locked = ed.rule_ctx.with(|c| rules::locked(c).is_some());
        if ed.shown.with(Shown::tried) || locked {
            ed.problems.get()
        } else {
            vec![]
        }
    };
    let count = move || listed().len();
    view! {
        <div class="row">
            <button type="submit" class="primary" disabled=move || ed.saving.get()>
                {move || match (ed.saving.get(), editing) {
                    (true, _) => "Saving…",
                    (false, true) => "Save changes",
                    (false, false) => "Create client",
                }}
            </button>
            {move || ed.saving.get().then(|| view! { <Progress label="Sending to the org…" /> })}
        </div>
        {move || (count() > 0).then(|| view! {
            <div class="problem-summary">
                <p id="problem-count">
                    {if count() == 1 { "Fix 1 problem to save:".to_string() } else { format!("Fix {} problems to save:", count()) }}
                </p>
                <ul id="problem-list">
                    {listed().into_iter().map(|p| {
                        let id = p.field.input_id();
                        let line = p.line.map(|n| format!(" (line {n})")).unwrap_or_default();
                        let go = move |_| {
                            browser::focus_in(id);
                        };
                        view! { <li><button type="button" class="link-button" on:click=go>{format!("{}{line}: {}", p.field.label(), p.message)}</button></li> }
                    }).collect_view()}
                </ul>
            </div>
        })}
    }
}

/// Shown once after a create: the id, the secret (masked until revealed), and for an
/// Embeddable Framework client the framework.js snippet.
#[component]
pub(super) fn CreatedPanel(client: OAuthClient) -> impl IntoView {
    let id = client.id.clone();
    let id_for_copy = id.clone();
    let snippet = framework_snippet(&client);
    let note = framework_note(&client);
    let kept = secret_note(&client.authorized_grant_type);
    view! {
        <div class="created" role="status" aria-live="polite">
            <h2>{format!("Created \u{201c}{}\u{201d}", client.name)}</h2>
            <dl class="facts">
                <dt>"Client id"</dt>
                <dd>
                    <code id="created-client-id">{id.clone()}</code>
                    <CopyButton text=Signal::derive(move || id_for_copy.clone()) label="client id" />
                </dd>
                <dt>"Grant type"</dt>
                <dd>{client.authorized_grant_type.label()}</dd>
            </dl>
            {client.secret.clone().map(|s| view! {
                <h3>"Client secret"</h3>
                <SecretReveal secret=s.expose().to_string() note=kept />
            })}
            {snippet.map(|s| {
                let copy = s.clone();
                view! {
                    <h3>"framework.js"</h3>
                    <p class="hint">"Put the client id into your Embeddable Framework configuration:"</p>
                    {note.clone().map(|n| view! { <p class="hint warn" id="framework-note">{n}</p> })}
                    <pre class="snippet" id="framework-snippet">{s}</pre>
                    <CopyButton text=Signal::derive(move || copy.clone()) label="framework.js snippet" />
                }
            })}
            <div class="row">
                <A href=app_href(&format!("/clients/{id}")) attr:class="button primary">"View the client"</A>
                <a href=app_href("/clients") class="button">"Back to the list"</a>
            </div>
        </div>
    }
}
