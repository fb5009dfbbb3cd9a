//! An org's implicit estate, as a migration off the implicit grant meets it (`POST
//! /sandbox/seed {"scenario": "implicit"}`): implicit clients in use, idle for weeks, already
//! replaced (by a Code Authorization client whose description names it, as the console writes
//! it), and one with a plain-http partner URI; with their usage history.

use crate::org::{random_string, Client, Org};
use crate::usage::day_of;
use std::time::{Duration, SystemTime};

pub const IN_USE: &str = "c0ffee00-0000-4000-8000-0000000000d1";
pub const IDLE: &str = "c0ffee00-0000-4000-8000-0000000000d2";
pub const REPLACED: &str = "c0ffee00-0000-4000-8000-0000000000d3";
pub const REPLACEMENT: &str = "c0ffee00-0000-4000-8000-0000000000d4";
pub const HTTP_PARTNER: &str = "c0ffee00-0000-4000-8000-0000000000d5";

impl Org {
    pub fn seed_implicit_estate(&mut self) {
        let now = SystemTime::now();
        let day = Duration::from_secs(86_400);
        let ana = self.users.first().map(|u| u.id.clone());
        let make =
            |id: &str, name: &str, grant: &str, uri: &str, scope: &[&str], validity: u64, age: u32| Client {
                id: id.into(),
                name: name.into(),
                description: String::new(),
                grant: grant.into(),
                secret: random_string(43),
                redirect_uris: vec![uri.into()],
                scope: scope.iter().map(|s| s.to_string()).collect(),
                role_divisions: vec![],
                validity_s: validity,
                state: "active".into(),
                date_to_delete: None,
                created: now - day * age,
                modified: now - day * age.min(3),
                created_by: ana.clone(),
                modified_by: ana.clone(),
                held_by_support: false,
            };
        self.clients.extend([
            Client {
                description: "Agents' desktop, signs in with the implicit grant".into(),
                ..make(
                    IN_USE,
                    "Agent desktop",
                    "TOKEN",
                    "https://desktop.example.com/",
                    &["conversations", "presence", "users"],
                    28_800,
                    900,
                )
            },
            make(
                IDLE,
                "Wallboard",
                "TOKEN",
                "https://wallboard.example.com/index.html",
                &["routing:readonly", "presence"],
                86_400,
                700,
            ),
            make(
                REPLACED,
                "Intranet widget",
                "TOKEN",
                "https://intranet.example.com/widget",
                &["user-basic-info"],
                43_200,
                500,
            ),
            Client {
                description: format!(
                    "Intranet widget\nReplaces implicit client {REPLACED} (Intranet widget)."
                ),
                ..make(
                    REPLACEMENT,
                    "Intranet widget (PKCE)",
                    "CODE",
                    "https://intranet.example.com/widget",
                    &["user-basic-info"],
                    43_200,
                    10,
                )
            },
            make(
                HTTP_PARTNER,
                "Field partner app",
                "TOKEN",
                "http://partner.example.com/oauth/implicit",
                &["users:readonly"],
                86_400,
                1200,
            ),
        ]);
        let today = day_of(now);
        for ago in 0..45u64 {
            let d = today - ago;
            self.usage.add(IN_USE, d, "/api/v2/users/me", "GET", 200, 25 + d % 4);
            self.usage.add(IN_USE, d, "/api/v2/conversations", "GET", 200, 80 + d % 7);
            if ago >= 20 {
                self.usage.add(IDLE, d, "/api/v2/routing/queues", "GET", 200, 12);
            }
            if ago >= 8 {
                self.usage.add(REPLACED, d, "/api/v2/users/me", "GET", 200, 5);
            } else {
                self.usage.add(REPLACEMENT, d, "/api/v2/users/me", "GET", 200, 5);
            }
            if ago % 3 == 0 {
                self.usage.add(HTTP_PARTNER, d, "/api/v2/users/me", "GET", 200, 2);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Settings;

    #[test]
    fn the_estate_holds_every_stage() {
        let mut org = Org::seeded(Settings::default());
        let before = org.clients.len();
        org.seed_implicit_estate();
        assert_eq!(org.clients.len(), before + 5);
        let replacement = org.client(REPLACEMENT).unwrap();
        assert!(replacement.description.contains(&format!("Replaces implicit client {REPLACED}")));
        assert!(org.client(HTTP_PARTNER).unwrap().redirect_uris[0].starts_with("http://"));
        let today = day_of(SystemTime::now());
        let recent = |id: &str| org.usage.rows(id, "x", today, 14).len();
        assert!(recent(IN_USE) > 0 && recent(REPLACEMENT) > 0);
        assert_eq!(recent(IDLE), 0, "idle for weeks");
        assert!(!org.usage.rows(IDLE, "x", today, 30).is_empty());
    }
}
