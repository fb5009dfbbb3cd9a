//! The client form's content ([`Draft`]) and its round trip: a client as the form shows it, and
//! the body a save sends, where what the admin did not change goes back exactly as the org holds
//! it. The rules that judge a draft are in [`super::rules`]; [`validate`] applies them all.

use super::dates::words;
use super::model::{ClientState, GrantType, OAuthClient, OAuthClientRequest, RoleDivision};
use super::rules::*;
use serde::{Deserialize, Serialize};

/// Every rule the draft breaks. Empty = it can be sent.
pub fn validate(d: &Draft, ctx: &RuleContext) -> Vec<Problem> {
    let mut p = Vec::new();
    if d.name.trim().is_empty() {
        p.push(Problem::new(Field::Name, "A name is required."));
    }
    let offered = GRANTS_OFFERED.contains(&d.grant) || ctx.editing_grant() == Some(&d.grant);
    if !offered {
        p.push(Problem::new(Field::Grant, format!("{} cannot be chosen for a client.", d.grant.label())));
    }
    match parse_duration(&d.duration) {
        None => {
            p.push(Problem::new(Field::Duration, "Enter the token duration in whole seconds, such as 86400."))
        }
        Some(secs) => {
            let max = max_duration(&d.grant, &d.role_divisions, &ctx.roles);
            if secs < DURATION_MIN {
                p.push(Problem::new(Field::Duration, format!("At least {DURATION_MIN} seconds (5 min).")));
            } else if secs > max && max == DURATION_MAX && secs <= DURATION_MAX_SCIM {
                p.push(Problem::new(
                    Field::Duration,
                    format!("At most {DURATION_MAX} seconds (48 h). Up to {DURATION_MAX_SCIM} (450 days) only for a Client Credentials client with the \"{SCIM_ROLE}\" role."),
                ));
            } else if secs > max {
                p.push(Problem::new(Field::Duration, format!("At most {max} seconds ({}).", words(max))));
            }
        }
    }
    if uses_redirect_uris(&d.grant) {
        p.extend(lint_redirect_lines(&d.redirect_uris));
        if needs_redirect_uris(&d.grant) && d.redirect_list().is_empty() {
            p.push(Problem::new(
                Field::RedirectUris,
                "Add at least one redirect URI: the browser returns there after sign-in.",
            ));
        }
    }
    if uses_scopes(&d.grant) && d.scopes.is_empty() {
        p.push(Problem::new(Field::Scopes, "Pick at least one scope."));
    }
    // What the org will not take from this admin, said before anything is typed (beside the
    // roles when the form shows them, else beside the state).
    if let Some(note) = locked(ctx) {
        let deleted = ctx.original.as_ref().is_some_and(|o| o.state == ClientState::Deleted);
        p.push(Problem::new(
            if uses_roles(&d.grant) && !deleted { Field::Roles } else { Field::State },
            note,
        ));
    }
    if uses_roles(&d.grant) {
        if d.role_divisions.is_empty() {
            p.push(Problem::new(
                Field::Roles,
                "Pick at least one role: a Client Credentials client acts only through its roles.",
            ));
        }
        for rd in &d.role_divisions {
            let kept = ctx.existing_role_divisions().iter().any(|e| e.role_id == rd.role_id);
            if !ctx.held_role_ids.contains(&rd.role_id) && !kept {
                let name = ctx
                    .roles
                    .iter()
                    .find(|r| r.id == rd.role_id)
                    .map_or(rd.role_id.as_str(), |r| r.name.as_str());
                p.push(Problem::new(
                    Field::Roles,
                    format!("You do not hold the role \"{name}\", so you cannot grant it."),
                ));
            }
            if rd.division_id.trim().is_empty() {
                p.push(Problem::new(Field::Roles, "Every role needs a division."));
            }
        }
    }
    // An inactive client's deletion date is the admin's to give or not: the org decides when
    // none is given.
    if d.state == ClientState::Inactive && !d.date_to_delete.trim().is_empty() {
        let date = d.date_to_delete.trim();
        if !is_iso_date(date) {
            p.push(Problem::new(Field::DateToDelete, "A deletion date is written YYYY-MM-DD."));
        } else if date < ctx.today.as_str() && !held_date(ctx).is_some_and(|h| h.starts_with(date)) {
            p.push(Problem::new(Field::DateToDelete, "The deletion date cannot be in the past."));
        }
    }
    if let ClientState::Unknown(s) = &d.state {
        p.push(Problem::new(Field::State, format!("\"{s}\" is not a state a client can be given.")));
    }
    p
}

/// The deletion date of the client as the org holds it (a past one it keeps is no fault of the
/// admin's).
fn held_date(ctx: &RuleContext) -> Option<&str> {
    ctx.original.as_ref()?.date_to_delete.as_deref()
}

pub(super) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.is_ascii()
        && b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

/// The form's content, as typed. Never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub description: String,
    pub grant: GrantType,
    /// Seconds, as typed ("86400", "86,400").
    pub duration: String,
    /// One redirect URI per line.
    pub redirect_uris: String,
    pub scopes: Vec<String>,
    pub role_divisions: Vec<RoleDivision>,
    pub state: ClientState,
    /// `YYYY-MM-DD`, for inactive clients.
    pub date_to_delete: String,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            name: String::new(),
            description: String::new(),
            grant: GrantType::Code,
            duration: DURATION_DEFAULT.to_string(),
            redirect_uris: String::new(),
            scopes: vec![],
            role_divisions: vec![],
            state: ClientState::Active,
            date_to_delete: String::new(),
        }
    }
}

impl Draft {
    /// The form for an existing client.
    pub fn from_client(c: &OAuthClient) -> Draft {
        Draft {
            name: c.name.clone(),
            description: c.description.clone().unwrap_or_default(),
            grant: c.authorized_grant_type.clone(),
            duration: c.access_token_validity_seconds.unwrap_or(DURATION_DEFAULT).to_string(),
            redirect_uris: c.registered_redirect_uri.join("\n"),
            scopes: c.scope.clone(),
            role_divisions: c.role_divisions.clone(),
            state: c.state.clone().unwrap_or(ClientState::Active),
            date_to_delete: c
                .date_to_delete
                .as_deref()
                .map(|d| d.chars().take(10).collect())
                .unwrap_or_default(),
        }
    }

    /// The redirect URIs, one per non-empty line, trimmed.
    pub fn redirect_list(&self) -> Vec<String> {
        self.redirect_uris.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    /// The API body for this draft. `None` while a rule fails.
    ///
    /// Editing a client, what the admin did not change is sent back exactly as the org holds it
    /// (`ctx.original`): the fields the grant does not use (hidden by the form), a deletion
    /// time, an empty description, untrimmed text, the deprecated `roleIds`. What the admin
    /// changed is sent as the form reads it: trimmed, and only what the grant type uses.
    pub fn to_request(&self, ctx: &RuleContext) -> Option<OAuthClientRequest> {
        if !validate(self, ctx).is_empty() {
            return None;
        }
        let o = ctx.original.as_ref();
        let same_grant = o.is_some_and(|o| o.authorized_grant_type == self.grant);
        // A field the grant does not use keeps what the org holds, or is empty.
        let kept =
            |used: bool, now: Vec<String>, held: fn(&OAuthClientRequest) -> &Vec<String>| match (used, o) {
                (true, _) => now,
                (false, Some(o)) if same_grant => held(o).clone(),
                _ => vec![],
            };
        let name = match o {
            Some(o) if o.name == self.name => o.name.clone(),
            _ => self.name.trim().to_string(),
        };
        let description = match o {
            Some(o) if o.description.as_deref().unwrap_or_default() == self.description => {
                o.description.clone()
            }
            _ => Some(self.description.trim().to_string()).filter(|d| !d.is_empty()),
        };
        let redirects = match o {
            Some(o) if o.registered_redirect_uri.join("\n") == self.redirect_uris => {
                o.registered_redirect_uri.clone()
            }
            _ => self.redirect_list(),
        };
        let role_divisions = match o {
            Some(o) if !uses_roles(&self.grant) && same_grant => o.role_divisions.clone(),
            _ if uses_roles(&self.grant) => self.role_divisions.clone(),
            _ => vec![],
        };
        // The deprecated `roleIds` goes back only unchanged; once the roles change,
        // `roleDivisions` alone says them.
        let role_ids = match o {
            Some(o) if o.role_divisions == role_divisions => o.role_ids.clone(),
            _ => vec![],
        };
        let date = self.date_to_delete.trim();
        let date_to_delete = match o {
            _ if self.state == ClientState::Inactive && !date.is_empty() => Some(
                o.and_then(|o| o.date_to_delete.clone().filter(|d| d.starts_with(date)))
                    .unwrap_or_else(|| format!("{date}T00:00:00.000Z")),
            ),
            Some(o) if o.state == self.state && self.state != ClientState::Inactive => {
                o.date_to_delete.clone()
            }
            _ => None,
        };
        Some(OAuthClientRequest {
            name,
            access_token_validity_seconds: parse_duration(&self.duration)?,
            description,
            registered_redirect_uri: kept(uses_redirect_uris(&self.grant), redirects, |o| {
                &o.registered_redirect_uri
            }),
            role_ids,
            authorized_grant_type: self.grant.clone(),
            scope: kept(uses_scopes(&self.grant), self.scopes.clone(), |o| &o.scope),
            role_divisions,
            state: self.state.clone(),
            date_to_delete,
        })
    }
}

/// The client's current fields, as the body that would replace it with itself.
pub fn request_of(c: &OAuthClient) -> OAuthClientRequest {
    OAuthClientRequest {
        name: c.name.clone(),
        access_token_validity_seconds: c.access_token_validity_seconds.unwrap_or(DURATION_DEFAULT),
        description: c.description.clone(),
        registered_redirect_uri: c.registered_redirect_uri.clone(),
        role_ids: c.role_ids.clone(),
        authorized_grant_type: c.authorized_grant_type.clone(),
        scope: c.scope.clone(),
        role_divisions: c.role_divisions.clone(),
        state: c.state.clone().unwrap_or(ClientState::Active),
        date_to_delete: c.date_to_delete.clone(),
    }
}

/// Editing the client this console is signed in with: a state other than active would end the
/// session with the save. Its page disables it, asking first and saying how to sign in again.
pub fn own_client_problem(d: &Draft) -> Option<Problem> {
    (d.state != ClientState::Active).then(|| {
        Problem::new(
            Field::State,
            "This console is signed in with this client: saving it disabled or inactive would end your session. Disable it from its page, which asks first and says how to sign in again.",
        )
    })
}
