//! The client form's state: the draft (kept for this tab), the rules' context, the problems
//! (the rules' and the org's), and what the org offers.

use crate::app::use_session;
use crate::browser::{self, storage};
use crate::components::client_form::messages;
use crate::env::Environment;
use crate::platform::draft::{request_of, validate, Draft};
use crate::platform::model::{GrantType, OAuthClient};
use crate::platform::rules::{Field, Problem, RuleContext};
use crate::platform::shown::Shown;
use crate::platform::templates::RefData;
use leptos::prelude::*;

/// The storage name of an unsaved client form (never a secret): one per environment, org and
/// client (`new` for a new one), so a draft never shows in another org.
pub(super) fn draft_name(env: &Environment, org_id: &str, client_id: Option<&str>) -> String {
    format!("{}{}", crate::app::places::drafts_of(env, org_id), client_id.unwrap_or("new"))
}

/// Where the draft of this form is kept for this tab.
pub(super) fn draft_key(existing: Option<&OAuthClient>) -> storage::Key<Draft> {
    let id = existing.map(|c| c.id.as_str());
    // (The editor shows only in a session; without one, a key of no environment.)
    let name = use_session()
        .session()
        .map(|s| draft_name(&s.env, s.org_id(), id))
        .unwrap_or_else(|| format!("draft.none.{}", id.unwrap_or("new")));
    storage::Key::of_place(&storage::DRAFTS, name)
}

/// The form's state, shared by its parts.
#[derive(Clone, Copy)]
pub(super) struct Editor {
    pub(super) draft: RwSignal<Draft>,
    /// Every problem of the draft: a save waits until there is none.
    pub(super) problems: Signal<Vec<Problem>>,
    /// What the admin has done with the form: which problems it shows.
    pub(super) shown: RwSignal<Shown>,
    /// The problems the form shows now (a field's once it is left, all once a save is tried).
    pub(super) visible: Signal<Vec<Problem>>,
    pub(super) refs: Memo<RefData>,
    pub(super) rule_ctx: Memo<RuleContext>,
    pub(super) grant: Memo<GrantType>,
    pub(super) saving: Signal<bool>,
    /// The draft shown is one kept from before (until a template or a discard replaces it).
    pub(super) restored: RwSignal<bool>,
}

impl Editor {
    pub(super) fn new(
        existing: Option<&OAuthClient>,
        key: storage::Key<Draft>,
        refs: Memo<RefData>,
        saving: Signal<bool>,
        server: RwSignal<Option<(Draft, Vec<Problem>)>>,
    ) -> Editor {
        let ctx = use_session();
        let baseline = existing.map(Draft::from_client).unwrap_or_default();
        let saved = key.load();
        let restored = RwSignal::new(saved.as_ref().is_some_and(|d| *d != baseline));
        let draft = RwSignal::new(saved.unwrap_or_else(|| baseline.clone()));
        Effect::new(move |_| draft.with(|d| if *d == baseline { key.remove() } else { key.save(d) }));
        let held = ctx.session().and_then(|s| s.held_role_ids());
        let original = existing.map(request_of);
        let today = browser::today();
        let rule_ctx = Memo::new(move |_| RuleContext {
            roles: refs.with(|r| r.roles.clone()),
            held_role_ids: held.iter().flatten().cloned().collect(),
            held_known: held.is_some(),
            today: today.clone(),
            original: original.clone(),
        });
        // The client this console is signed in with keeps its state here.
        let own = existing.is_some_and(|c| ctx.session_untracked().is_some_and(|s| s.signed_in_with(&c.id)));
        let problems = Memo::new(move |_| {
            let mut p = draft.with(|d| validate(d, &rule_ctx.get()));
            if own {
                p.extend(draft.with(crate::platform::draft::own_client_problem));
            }
            server.with(|s| match s {
                Some((d, sp)) if draft.with(|cur| cur == d) => p.extend(sp.iter().cloned()),
                _ => {}
            });
            p
        });
        let grant = Memo::new(move |_| draft.with(|d| d.grant.clone()));
        let shown = RwSignal::new(Shown::default());
        let visible = Memo::new(move |_| problems.with(|p| shown.with(|s| rule_ctx.with(|c| s.of(p, c)))));
        let (problems, visible) = (problems.into(), visible.into());
        Editor { draft, problems, shown, visible, refs, rule_ctx, grant, saving, restored }
    }

    /// The problems of one field the form shows now.
    pub(super) fn errors(&self, field: Field) -> Signal<Vec<String>> {
        let problems = self.visible;
        Signal::derive(move || problems.with(|p| messages(p, field)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_belong_to_one_environment_org_and_client() {
        let eu = Environment::region("eu-west-1").unwrap();
        assert_eq!(draft_name(&eu, "org-1", None), "draft.region:eu-west-1.org-1.new");
        assert_eq!(draft_name(&eu, "org-1", Some("c1")), "draft.region:eu-west-1.org-1.c1");
        assert_ne!(draft_name(&eu, "org-1", None), draft_name(&eu, "org-2", None));
        assert_ne!(draft_name(&eu, "org-1", None), draft_name(&Environment::Sandbox, "org-1", None));
    }
}
