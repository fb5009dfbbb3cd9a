//! The widgets of the client form. Each edits one part of the [`Draft`] and shows the problems
//! the rules find in it, beside it.

use super::field::ErrorList;
use crate::platform::model::{Division, OAuthScope, Role, RoleDivision, ALL_DIVISIONS};
use crate::platform::rules::{
    self, parse_duration, words, Draft, Field, Problem, DURATION_MAX, DURATION_MAX_SCIM, DURATION_MIN,
    DURATION_PRESETS, MAX_REDIRECT_URIS, SCIM_ROLE,
};
use leptos::prelude::*;

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

/// The roles of a Client Credentials client, each in a division. Roles the signed-in admin does
/// not hold are shown disabled, with the reason.
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
    let chosen = move |role_id: &str| {
        draft.with(|d| d.role_divisions.iter().find(|rd| rd.role_id == role_id).cloned())
    };
    view! {
        <fieldset class="field" id=Field::Roles.input_id() aria-describedby=errors_id(Field::Roles)>
            <legend>"Roles and divisions"</legend>
            <p class="hint">"The client acts with these roles. You can grant only roles you hold yourself."</p>
            <div class="checklist roles">
                {move || {
                    let all_divs = divisions.get();
                    roles
                        .get()
                        .into_iter()
                        .map(|r| {
                            let can = grantable.with(|g| g.contains(&r.id));
                            let (rid, rid2, rid3) = (r.id.clone(), r.id.clone(), r.id.clone());
                            let select_id = format!("division-{}", r.id);
                            let select_label = format!("Division for {}", r.name);
                            let divs = all_divs.clone();
                            let scim = rules::is_scim_role(&r, &roles.get_untracked());
                            view! {
                                <div class="role-row">
                                    <label class="choice">
                                        <input
                                            type="checkbox"
                                            disabled=!can
                                            prop:checked=move || chosen(&rid).is_some()
                                            on:change=move |_| {
                                                let id = rid2.clone();
                                                draft.update(|d| {
                                                    if let Some(i) = d.role_divisions.iter().position(|x| x.role_id == id) {
                                                        d.role_divisions.remove(i);
                                                    } else {
                                                        d.role_divisions.push(RoleDivision { role_id: id, division_id: home.get_untracked() });
                                                    }
                                                })
                                            }
                                        />
                                        <span>{r.name.clone()}</span>
                                        {scim.then(|| view! { <span class="badge badge-ok">"up to 450-day tokens"</span> })}
                                        {(!can).then(|| view! { <span class="muted">" — you do not hold this role"</span> })}
                                    </label>
                                    {move || {
                                        chosen(&rid3).map(|rd| {
                                            let role_id = rd.role_id.clone();
                                            view! {
                                                <label class="sr-only" for=select_id.clone()>{select_label.clone()}</label>
                                                <select
                                                    id=select_id.clone()
                                                    prop:value=rd.division_id.clone()
                                                    on:change=move |ev| {
                                                        let v = event_target_value(&ev);
                                                        let id = role_id.clone();
                                                        draft.update(|d| {
                                                            if let Some(x) = d.role_divisions.iter_mut().find(|x| x.role_id == id) {
                                                                x.division_id = v;
                                                            }
                                                        })
                                                    }
                                                >
                                                    {divs
                                                        .iter()
                                                        .map(|d| {
                                                            let label = if d.home_division == Some(true) {
                                                                format!("{} (home)", d.name)
                                                            } else {
                                                                d.name.clone()
                                                            };
                                                            view! { <option value=d.id.clone()>{label}</option> }
                                                        })
                                                        .collect_view()}
                                                    <option value=ALL_DIVISIONS>"All divisions"</option>
                                                </select>
                                            }
                                        })
                                    }}
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <FieldErrors field=Field::Roles problems=problems />
        </fieldset>
    }
}
