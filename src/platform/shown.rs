//! Which of a draft's problems the client form shows: a field's once it is left (or changed),
//! all of them once a save is tried, and what the org will not take from this admin at once —
//! never errors before anything is typed.

use super::rules::{locked, Field, Problem, RuleContext};

/// What the admin has done with the form so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    left: Vec<Field>,
    tried: bool,
}

impl Shown {
    /// The admin left (or changed) this field.
    pub fn leave(&mut self, field: Field) {
        if !self.left.contains(&field) {
            self.left.push(field);
        }
    }

    /// The admin tried to save.
    pub fn try_save(&mut self) {
        self.tried = true;
    }

    /// Has a save been tried?
    pub fn tried(&self) -> bool {
        self.tried
    }

    /// The problems the form shows now, in their order.
    pub fn of(&self, problems: &[Problem], ctx: &RuleContext) -> Vec<Problem> {
        let lock = locked(ctx);
        problems
            .iter()
            .filter(|p| {
                self.tried || self.left.contains(&p.field) || lock.as_deref() == Some(p.message.as_str())
            })
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::model::{ClientState, GrantType, OAuthClientRequest};

    fn problem(field: Field, message: &str) -> Problem {
        Problem { field, line: None, message: message.into() }
    }

    #[test]
    fn a_field_once_left_and_all_once_tried() {
        let all = vec![problem(Field::Name, "A name is required."), problem(Field::Scopes, "Pick a scope.")];
        let ctx = RuleContext::default();
        let mut shown = Shown::default();
        assert_eq!(shown.of(&all, &ctx), vec![], "nothing before anything is typed");
        shown.leave(Field::Scopes);
        shown.leave(Field::Scopes);
        assert_eq!(shown.of(&all, &ctx), vec![all[1].clone()]);
        assert!(!shown.tried());
        shown.try_save();
        assert_eq!(shown.of(&all, &ctx), all, "every problem, in the rules' order");
    }

    #[test]
    fn what_the_org_will_not_take_is_said_at_once() {
        let ctx = RuleContext {
            original: Some(OAuthClientRequest {
                name: "Gone".into(),
                access_token_validity_seconds: 3600,
                description: None,
                registered_redirect_uri: vec![],
                role_ids: vec![],
                authorized_grant_type: GrantType::Code,
                scope: vec![],
                role_divisions: vec![],
                state: ClientState::Deleted,
                date_to_delete: None,
            }),
            ..RuleContext::default()
        };
        let note = locked(&ctx).expect("a deleted client is locked");
        let all = vec![problem(Field::Name, "A name is required."), problem(Field::State, &note)];
        assert_eq!(Shown::default().of(&all, &ctx), vec![all[1].clone()]);
    }
}
