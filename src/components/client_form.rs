//! The widgets of the client form. Each edits one part of the [`Draft`] and shows the problems
//! the rules find in it, beside it.

use super::field::ErrorList;
use crate::platform::dates::words;
use crate::platform::draft::Draft;
use crate::platform::grants;
use crate::platform::model::{Division, OAuthScope, Role};
use crate::platform::rules::{
    self, parse_duration, Field, Problem, DURATION_DEFAULT, DURATION_EMBEDDABLE, DURATION_MAX,
    DURATION_MAX_SCIM, DURATION_MIN, MAX_REDIRECT_URIS, SCIM_ROLE,
};
use leptos::prelude::*;

/// Duration presets the form offers: (seconds, label).
const DURATION_PRESETS: [(u64, &str); 5] = [
    (3_600, "1 h"),
    (DURATION_EMBEDDABLE, "18 h — Embeddable Framework"),
    (DURATION_DEFAULT, "24 h — default"),
    (DURATION_MAX, "48 h — maximum"),
    (DURATION_MAX_SCIM, "450 days — SCIM only"),
];

/// The id of the element listing a field's problems (for `aria-describedby`).
pub fn errors_id(field: Field) -> String {
    super::field::errors_id(field.input_id())
}

/// The problems of one field, as the lines the user reads.
pub fn messages(problems: &[Problem], field: Field) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.field == field)
        .map(|p| match p.line {
            Some(n) => format!("Line {n}: {}", p.message),
            None => p.message.clone(),
        })
        .collect()
}

/// The problems of one field, beside it, announced as they change.
#[component]
pub fn FieldErrors(field: Field, #[prop(into)] problems: Signal<Vec<Problem>>) -> impl IntoView {
    view! { <ErrorList id=field.input_id() errors=Signal::derive(move || problems.with(|p| messages(p, field))) /> }
}

/// `aria-invalid` for a field.
pub fn invalid(problems: Signal<Vec<Problem>>, field: Field) -> impl Fn() -> String + Copy {
    move || problems.with(|p| p.iter().any(|p| p.field == field)).to_string()
}

/// Token duration in seconds, with its reading in words, presets and the limits.
#[component]
pub fn DurationInput(
    draft: RwSignal<Draft>,
    #[prop(into)] problems: Signal<Vec<Problem>>,
    /// The longest duration the client's roles allow.
    #[prop(into)]
    max: Signal<u64>,
) -> impl IntoView {
    let id = Field::Duration.input_id();
    let reading = move || {
        draft.with(|d| parse_duration(&d.duration)).map(|s| format!("= {}", words(s))).unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for=id>"Token duration (seconds)"</label>
            <div class="row">
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    class="short"
                    prop:value=move || draft.with(|d| d.duration.clone())
                    on:input=move |ev| draft.update(|d| d.duration = event_target_value(&ev))
                    aria-invalid=invalid(problems, Field::Duration)
                    aria-describedby=format!("{} duration-help", errors_id(Field::Duration))
                />
                <span class="reading" id="duration-reading">{reading}</span>
            </div>
            <div class="row presets" role="group" aria-label="Duration presets">
                {DURATION_PRESETS
                    .iter()
                    .map(|(secs, label)| {
                        let secs = *secs;
                        let too_long = move || secs > max.get();
                        view! {
                            <button
                                type="button"
                                class="preset"
                                disabled=too_long
                                on:click=move |_| draft.update(|d| d.duration = secs.to_string())
                            >
                                {*label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="hint" id="duration-help">
                {format!(
                    "{DURATION_MIN}–{DURATION_MAX} seconds (5 min – 48 h); up to {DURATION_MAX_SCIM} (450 days) for a Client Credentials client with the \u{201c}{SCIM_ROLE}\u{201d} role. Default 86,400 (24 h); 64,800 (18 h) is recommended for the Embeddable Framework."
                )}
            </p>
            <FieldErrors field=Field::Duration problems=problems />
        </div>
    }
}

/// Authorized redirect URIs, one per line, each problem named on its line.
#[component]
pub fn RedirectUriEditor(
    draft: RwSignal<Draft>,
    #[prop(into)] problems: Signal<Vec<Problem>>,
    /// Code and implicit clients need at least one.
    #[prop(into)]
    required: Signal<bool>,
) -> impl IntoView {
    let id = Field::RedirectUris.input_id();
    let count = move || draft.with(|d| d.redirect_list().len());
    let warnings = Memo::new(move |_| {
        draft.with(|d| messages(&rules::redirect_warnings(&d.redirect_uris), Field::RedirectUris))
    });
    view! {
        <div class="field">
            <label for=id>
                "Authorized redirect URIs " {move || (!required.get()).then_some("(optional)")}
            </label>
            <textarea
                id=id
                rows="5"
                spellcheck="false"
                placeholder="https://app.example.com/callback"
                prop:value=move || draft.with(|d| d.redirect_uris.clone())
                on:input=move |ev| draft.update(|d| d.redirect_uris = event_target_value(&ev))
                aria-invalid=invalid(problems, Field::RedirectUris)
                aria-describedby=format!("{} redirects-help redirects-warnings", errors_id(Field::RedirectUris))
            ></textarea>
            <p class="hint" id="redirects-help">
                {move || format!(
                    "One per line, matched exactly (query string included). https, or http on localhost; plain http elsewhere and custom schemes (native apps) are accepted with a warning. {} of {MAX_REDIRECT_URIS}.",
                    count()
                )}
            </p>
            <FieldErrors field=Field::RedirectUris problems=problems />
            <ul class="field-warnings" id="redirects-warnings" aria-live="polite">
                {move || warnings.get().into_iter().map(|w| view! { <li class="hint warn">{w}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The scopes: search, a checklist with descriptions, and the chosen ones as removable chips.
#[component]
pub fn ScopePicker(
    draft: RwSignal<Draft>,
    #[prop(into)] problems: Signal<Vec<Problem>>,
    #[prop(into)] scopes: Signal<Vec<OAuthScope>>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let toggle = move |id: String| {
        draft.update(|d| {
            if let Some(i) = d.scopes.iter().position(|s| *s == id) {
                d.scopes.remove(i);
            } else {
                d.scopes.push(id);
            }
        })
    };
    let shown = move || {
        let q = search.get().trim().to_lowercase();
        scopes.with(|all| {
            all.iter()
                .filter(|s| {
                    q.is_empty()
                        || s.id.to_lowercase().contains(&q)
                        || s.description.as_deref().unwrap_or("").to_lowercase().contains(&q)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <fieldset class="field" id=Field::Scopes.input_id() aria-describedby=errors_id(Field::Scopes)>
            <legend>{move || format!("Scopes ({} chosen)", draft.with(|d| d.scopes.len()))}</legend>
            <ul class="chips" aria-label="Chosen scopes">
                {move || {
                    draft
                        .with(|d| d.scopes.clone())
                        .into_iter()
                        .map(|s| {
                            let label = format!("Remove scope {s}");
                            let id = s.clone();
                            view! {
                                <li class="chip">
                                    {s}
                                    <button type="button" class="chip-remove" aria-label=label on:click=move |_| toggle(id.clone())>
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <label for="scope-search" class="sr-only">"Search scopes"</label>
            <input id="scope-search" type="search" placeholder="Search scopes" bind:value=search />
            <div class="checklist" role="group" aria-label="Scopes">
                {move || {
                    shown()
                        .into_iter()
                        .map(|s| {
                            let id = s.id.clone();
                            let checked_id = s.id.clone();
                            view! {
                                <label class="choice">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || draft.with(|d| d.scopes.contains(&checked_id))
                                        on:change=move |_| toggle(id.clone())
                                    />
                                    <code>{s.id.clone()}</code>
                                    <span class="muted">{s.description.clone().unwrap_or_default()}</span>
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <p class="hint">"Pick the fewest scopes the client needs."</p>
            <FieldErrors field=Field::Scopes problems=problems />
        </fieldset>
    }
}

/// The roles of a Client Credentials client, each in one or more divisions (a chip per
/// division, "Add a division" for more). Roles the signed-in admin does not hold are shown
/// disabled, with the reason.
#[component]
pub fn RoleDivisionsPicker(
    draft: RwSignal<Draft>,
    #[prop(into)] problems: Signal<Vec<Problem>>,
    #[prop(into)] roles: Signal<Vec<Role>>,
    #[prop(into)] divisions: Signal<Vec<Division>>,
    /// The home division's id (the default division of a role).
    #[prop(into)]
    home: Signal<String>,
    /// Role ids the admin may grant (held, or already on the client).
    #[prop(into)]
    grantable: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="field" id=Field::Roles.input_id() aria-describedby=errors_id(Field::Roles)>
            <legend>"Roles and divisions"</legend>
            <p class="hint">
                "The client acts with these roles, each in the divisions listed (new roles start in the home division). You can grant only roles you hold yourself."
            </p>
            <div class="checklist roles">
                {move || {
                    // Every role of the org, and any role the client holds that the org's list
                    // lacks (shown by its id, so its pairs can be seen and removed).
                    let mut all = roles.get();
                    let held = draft.with(|d| grants::by_role(&d.role_divisions));
                    for (id, _) in held {
                        if !all.iter().any(|r| r.id == id) {
                            all.push(Role { name: id.clone(), id, ..Role::default() });
                        }
                    }
                    all.iter()
                        .map(|r| {
                            let can = grantable.with(|g| g.contains(&r.id));
                            let scim = rules::is_scim_role(r, &all);
                            view! { <RoleRow role=r.clone() can=can scim=scim draft=draft divisions=divisions home=home /> }
                        })
                        .collect_view()
                }}
            </div>
            <FieldErrors field=Field::Roles problems=problems />
        </fieldset>
    }
}

/// One role: chosen or not, and the divisions it is granted in.
#[component]
fn RoleRow(
    role: Role,
    can: bool,
    scim: bool,
    draft: RwSignal<Draft>,
    divisions: Signal<Vec<Division>>,
    home: Signal<String>,
) -> impl IntoView {
    let id = role.id.clone();
    let chosen = {
        let id = id.clone();
        Memo::new(move |_| draft.with(|d| grants::divisions_of(&d.role_divisions, &id)))
    };
    let toggle = {
        let id = id.clone();
        move |_| draft.update(|d| grants::toggle(&mut d.role_divisions, &id, &home.get_untracked()))
    };
    let checkbox = NodeRef::<leptos::html::Input>::new();
    let name = role.name.clone();
    view! {
        <div class="role-row">
            <label class="choice">
                <input type="checkbox" node_ref=checkbox disabled=!can prop:checked=move || !chosen.with(Vec::is_empty) on:change=toggle />
                <span>{role.name.clone()}</span>
                {scim.then(|| view! { <span class="badge badge-ok">"up to 450-day tokens"</span> })}
                {(!can).then(|| view! { <span class="muted">" — you do not hold this role"</span> })}
            </label>
            <Show when=move || !chosen.with(Vec::is_empty)>
                <ul class="chips" aria-label=format!("Divisions of {name}")>
                    {
                        let id = id.clone();
                        let name = name.clone();
                        move || {
                            let all = divisions.get();
                            chosen
                                .get()
                                .into_iter()
                                .map(|div| {
                                    let label = grants::division_label(&all, &div);
                                    let aria = format!("Remove {label} from {name}");
                                    let id = id.clone();
                                    let remove = move |_| {
                                        draft.update(|d| grants::remove(&mut d.role_divisions, &id, &div));
                                        // The chip is gone: focus goes back to its role.
                                        if let Some(el) = checkbox.get_untracked() {
                                            let _ = el.focus();
                                        }
                                    };
                                    view! {
                                        <li class="chip">
                                            {label}
                                            <button type="button" class="chip-remove" aria-label=aria disabled=!can on:click=remove>
                                                "×"
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }
                    }
                </ul>
                {can.then(|| view! { <AddDivision role_id=id.clone() role_name=name.clone() draft=draft divisions=divisions /> })}
            </Show>
        </div>
    }
}

/// Grant a role in one more division: choose it, then Add (choosing alone changes nothing, so
/// arrow keys on the list never grant a division by accident).
#[component]
fn AddDivision(
    role_id: String,
    role_name: String,
    draft: RwSignal<Draft>,
    divisions: Signal<Vec<Division>>,
) -> impl IntoView {
    let pick = RwSignal::new(String::new());
    let options = {
        let id = role_id.clone();
        Memo::new(move |_| draft.with(|d| divisions.with(|all| grants::addable(all, &d.role_divisions, &id))))
    };
    let select_id = format!("division-{role_id}");
    let add = move |_| {
        let v = pick.get_untracked();
        if !v.is_empty() {
            draft.update(|d| grants::add(&mut d.role_divisions, &role_id, &v));
            pick.set(String::new());
        }
    };
    view! {
        <Show when=move || !options.with(Vec::is_empty)>
            <span class="row add-division">
                <label class="sr-only" for=select_id.clone()>{format!("Add a division for {role_name}")}</label>
                <select id=select_id.clone() prop:value=move || pick.get() on:change=move |ev| pick.set(event_target_value(&ev))>
                    <option value="">"Choose a division…"</option>
                    {move || options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
                <button type="button" disabled=move || pick.with(String::is_empty) on:click=add.clone() aria-label=format!("Add the chosen division for {role_name}")>
                    "Add"
                </button>
            </span>
        </Show>
    }
}
