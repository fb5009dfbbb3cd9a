//! The org's data: users, roles, divisions, OAuth clients, codes and tokens, with its seed.
//! These types are the sandbox's own; they share nothing with the app.

use rand::distributions::Alphanumeric;
use rand::Rng;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

pub const ORG_ID: &str = "9f3c2b1a-0d4e-4c8b-a1f2-5e6d7c8b9a01";
pub const ORG_NAME: &str = "Sandbox Org";

/// Which org this process plays: [`ORG_ID`] and [`ORG_NAME`] unless `main` said otherwise (a
/// second org beside the first, to try several environments in one console tab).
static IDENTITY: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();

/// Plays another org than the default; once, before serving.
pub fn set_identity(id: &str, name: &str) {
    let _ = IDENTITY.set((id.to_string(), name.to_string()));
}

pub fn org_id() -> &'static str {
    IDENTITY.get().map_or(ORG_ID, |(id, _)| id.as_str())
}

pub fn org_name() -> &'static str {
    IDENTITY.get().map_or(ORG_NAME, |(_, name)| name.as_str())
}

/// The console's own sign-in clients (the app knows these ids for the sandbox environment).
pub const CONSOLE_IMPLICIT_ID: &str = "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01";
pub const CONSOLE_PKCE_ID: &str = "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e02";
/// Where the console is served in development and tests: `make serve` / `make e2e` (8080), and
/// nginx at the root and under a sub-path (8088, the deploy test).
pub const CONSOLE_REDIRECTS: [&str; 4] = [
    "http://127.0.0.1:8080/",
    "http://localhost:8080/",
    "http://127.0.0.1:8088/",
    "http://127.0.0.1:8088/oauth-console/",
];

#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role_ids: Vec<String>,
    pub division_id: String,
}

#[derive(Clone, Debug)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub description: String,
    pub permissions: Vec<String>,
    pub default: bool,
    /// The default role this one is, whatever it is named now (`None` for a custom role).
    pub default_role_id: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Division {
    pub id: String,
    pub name: String,
    pub description: String,
    pub home: bool,
}

#[derive(Clone, Debug)]
pub struct Client {
    pub id: String,
    pub name: String,
    pub description: String,
    /// One of CODE, TOKEN, SAML2-BEARER, PASSWORD, CLIENT-CREDENTIALS.
    pub grant: String,
    pub secret: String,
    pub redirect_uris: Vec<String>,
    pub scope: Vec<String>,
    /// (roleId, divisionId); divisionId `*` is every division.
    pub role_divisions: Vec<(String, String)>,
    pub validity_s: u64,
    /// active, disabled or inactive.
    pub state: String,
    pub date_to_delete: Option<String>,
    pub created: SystemTime,
    pub modified: SystemTime,
    pub created_by: Option<String>,
    pub modified_by: Option<String>,
    /// Disabled by support: the org refuses any change of its state.
    pub held_by_support: bool,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub client_id: String,
    /// None for client-credentials tokens.
    pub user_id: Option<String>,
    pub expires_at: SystemTime,
    pub last_active: SystemTime,
}

#[derive(Clone, Debug)]
pub struct Code {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub user_id: String,
    pub expires_at: SystemTime,
}

/// Whether new implicit (TOKEN) clients are accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImplicitPolicy {
    /// The vendor's state since March 2026: no new implicit clients.
    Retired,
    Open,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub implicit_policy: ImplicitPolicy,
    /// The org's idle timeout; None = no idle timeout.
    pub idle_timeout_s: Option<u64>,
    /// Idle timeouts of single clients, over the org's.
    pub client_idle_timeout_s: std::collections::HashMap<String, u64>,
    /// How many reads of a usage query's results answer `Running` before it completes.
    pub usage_running_polls: u32,
    /// More redirect URIs of the console's own clients: the console's callback route for this
    /// org when it is reached as custom URLs (`…/callback/<12 hex digits>`).
    pub console_callbacks: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            implicit_policy: ImplicitPolicy::Retired,
            idle_timeout_s: None,
            client_idle_timeout_s: Default::default(),
            usage_running_polls: 1,
            console_callbacks: vec![],
        }
    }
}

impl Settings {
    /// The idle timeout of a client's tokens: its own, else the org's.
    pub fn idle_timeout_of(&self, client_id: &str) -> Option<u64> {
        self.client_idle_timeout_s.get(client_id).copied().or(self.idle_timeout_s)
    }
}

#[derive(Clone, Debug)]
pub struct Org {
    pub settings: Settings,
    pub users: Vec<User>,
    pub roles: Vec<Role>,
    pub divisions: Vec<Division>,
    pub clients: Vec<Client>,
    pub tokens: HashMap<String, Token>,
    pub codes: HashMap<String, Code>,
    /// (id, description) of every OAuth scope.
    pub scopes: Vec<(String, String)>,
    /// Every API call, by client, day, endpoint and status.
    pub usage: crate::usage::Usage,
    /// The apps authorized in the org.
    pub authorizations: Vec<crate::authorizations::Authorization>,
    /// The usage queries asked for, by execution id.
    pub usage_queries: HashMap<String, crate::usage::UsageQuery>,
}

/// The org's OAuth scopes: (id, description).
pub const SCOPES: [(&str, &str); 40] = [
    ("analytics", "Perform analytics queries and create analytics reports"),
    ("analytics:readonly", "Perform analytics queries and view analytics reports"),
    ("authorization", "Manage roles, divisions and grants"),
    ("authorization:readonly", "View roles, divisions and grants"),
    ("conversations", "Create, view and manage conversations"),
    ("conversations:readonly", "View conversations"),
    ("external-contacts", "Manage external contacts and organizations"),
    ("external-contacts:readonly", "View external contacts and organizations"),
    ("integrations", "Manage integrations"),
    ("integrations:readonly", "View integrations"),
    ("notifications", "Create and manage notification channels and subscriptions"),
    ("oauth", "Manage OAuth clients"),
    ("oauth:readonly", "View OAuth clients"),
    ("organization", "Manage the organization's settings"),
    ("organization:readonly", "View the organization's settings"),
    ("outbound", "Manage outbound campaigns"),
    ("outbound:readonly", "View outbound campaigns"),
    ("presence", "Set and view presence"),
    ("presence:readonly", "View presence"),
    ("quality", "Manage quality evaluations and recordings"),
    ("quality:readonly", "View quality evaluations and recordings"),
    ("routing", "Manage queues, skills and routing"),
    ("routing:readonly", "View queues, skills and routing"),
    ("scim", "Provision users and groups over SCIM"),
    ("scripts", "Manage scripts"),
    ("scripts:readonly", "View scripts"),
    ("stations", "Manage stations"),
    ("stations:readonly", "View stations"),
    ("user-basic-info", "View the signed-in user's name and organization"),
    ("users", "Manage users"),
    ("users:readonly", "View users"),
    ("voicemail", "Manage voicemail"),
    ("voicemail:readonly", "View voicemail"),
    ("workforce-management", "Manage workforce management"),
    ("workforce-management:readonly", "View workforce management"),
    ("architect", "Manage Architect flows"),
    ("architect:readonly", "View Architect flows"),
    ("telephony", "Manage telephony"),
    ("telephony:readonly", "View telephony"),
    ("recordings", "Manage recordings"),
];

/// A random secret-like string.
pub fn random_string(len: usize) -> String {
    rand::thread_rng().sample_iter(&Alphanumeric).take(len).map(char::from).collect()
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub fn iso(t: SystemTime) -> String {
    let dt = time::OffsetDateTime::from(t);
    dt.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

fn perms(p: &[&str]) -> Vec<String> {
    p.iter().map(|s| s.to_string()).collect()
}

fn strings(p: &[&str]) -> Vec<String> {
    perms(p)
}

impl Org {
    pub fn seeded(settings: Settings) -> Org {
        let now = SystemTime::now();
        let day = Duration::from_secs(86_400);
        let role = |id: &str, name: &str, description: &str, permissions: Vec<String>| Role {
            id: id.into(),
            name: name.into(),
            description: description.into(),
            permissions,
            default: true,
            default_role_id: Some(name.to_lowercase().replace(' ', "_")),
        };
        let roles = vec![
            role(
                "b6b1e1a0-0000-4000-8000-000000000001",
                "Master Admin",
                "Full administrative access to the org",
                perms(&["*:*:*"]),
            ),
            role(
                "b6b1e1a0-0000-4000-8000-000000000002",
                "Developer",
                "Manages OAuth clients and integrations",
                perms(&["oauth:client:*", "integrations:*:*", "authorization:role:view"]),
            ),
            role(
                "b6b1e1a0-0000-4000-8000-000000000003",
                "Supervisor",
                "Monitors queues and agents",
                perms(&["routing:queue:view", "analytics:conversationDetail:view"]),
            ),
            role(
                "b6b1e1a0-0000-4000-8000-000000000004",
                "Employee",
                "Basic access",
                perms(&["directory:user:view"]),
            ),
            role(
                "b6b1e1a0-0000-4000-8000-000000000005",
                "SCIM Integration",
                "Provisions users and groups over SCIM",
                perms(&[
                    "directory:user:add",
                    "directory:user:edit",
                    "directory:user:delete",
                    "directory:group:*",
                ]),
            ),
        ];
        let division = |id: &str, name: &str, home: bool| Division {
            id: id.into(),
            name: name.into(),
            description: format!("{name} division"),
            home,
        };
        let divisions = vec![
            division("d1a2b3c4-0000-4000-8000-000000000001", "Home", true),
            division("d1a2b3c4-0000-4000-8000-000000000002", "Sales", false),
            division("d1a2b3c4-0000-4000-8000-000000000003", "Support", false),
        ];
        let home = divisions[0].id.clone();
        let user = |id: &str, name: &str, email: &str, roles: &[usize]| User {
            id: id.into(),
            name: name.into(),
            email: email.into(),
            role_ids: roles.iter().map(|i| roles_ids(*i)).collect(),
            division_id: home.clone(),
        };
        fn roles_ids(i: usize) -> String {
            format!("b6b1e1a0-0000-4000-8000-00000000000{}", i + 1)
        }
        let users = vec![
            user(
                "a11ce000-0000-4000-8000-000000000001",
                "Ana Admin",
                "ana.admin@sandbox.example",
                &[0, 1, 4],
            ),
            user("a11ce000-0000-4000-8000-000000000002", "Dev Developer", "dev@sandbox.example", &[1, 3]),
            user("a11ce000-0000-4000-8000-000000000003", "Sam Supervisor", "sam@sandbox.example", &[2, 3]),
        ];
        let ana = Some(users[0].id.clone());
        let client =
            |id: &str, name: &str, grant: &str, redirects: &[&str], scope: &[&str], validity: u64| Client {
                id: id.into(),
                name: name.into(),
                description: format!("Seeded {grant} client"),
                grant: grant.into(),
                secret: random_string(43),
                redirect_uris: strings(redirects),
                scope: strings(scope),
                role_divisions: vec![],
                validity_s: validity,
                state: "active".into(),
                date_to_delete: None,
                // Older than 30 days: a delete keeps them seven days, restorable.
                created: now - day * 45,
                modified: now - day * 2,
                created_by: ana.clone(),
                modified_by: ana.clone(),
                held_by_support: false,
            };
        let console_scopes =
            ["oauth", "authorization", "authorization:readonly", "user-basic-info", "users:readonly"];
        let ef_scopes = [
            "conversations",
            "notifications",
            "organization:readonly",
            "outbound:readonly",
            "presence",
            "routing:readonly",
            "scripts:readonly",
            "stations:readonly",
            "user-basic-info",
            "users",
            "voicemail",
            "workforce-management",
            "external-contacts:readonly",
            "quality:readonly",
        ];
        let console_redirects: Vec<&str> = CONSOLE_REDIRECTS
            .iter()
            .copied()
            .chain(settings.console_callbacks.iter().map(String::as_str))
            .collect();
        let clients = vec![
            Client {
                description: "oauth-console sign-in (implicit)".into(),
                ..client(
                    CONSOLE_IMPLICIT_ID,
                    "oauth-console (implicit)",
                    "TOKEN",
                    &console_redirects,
                    &console_scopes,
                    86_400,
                )
            },
            Client {
                description: "oauth-console sign-in (PKCE)".into(),
                ..client(
                    CONSOLE_PKCE_ID,
                    "oauth-console (PKCE)",
                    "CODE",
                    &console_redirects,
                    &console_scopes,
                    86_400,
                )
            },
            client(
                "c0ffee00-0000-4000-8000-000000000003",
                "CRM Embeddable Framework",
                "TOKEN",
                &["https://apps.mypurecloud.com/crm/index.html"],
                &ef_scopes,
                64_800,
            ),
            Client {
                role_divisions: vec![(roles[4].id.clone(), home.clone())],
                ..client(
                    "c0ffee00-0000-4000-8000-000000000004",
                    "SCIM provisioning",
                    "CLIENT-CREDENTIALS",
                    &[],
                    &[],
                    38_880_000,
                )
            },
            Client {
                // A role in two divisions, and a role in all of them.
                role_divisions: vec![
                    (roles[1].id.clone(), home.clone()),
                    (roles[0].id.clone(), "*".into()),
                    (roles[1].id.clone(), divisions[1].id.clone()),
                ],
                ..client(
                    "c0ffee00-0000-4000-8000-000000000005",
                    "Nightly export",
                    "CLIENT-CREDENTIALS",
                    &[],
                    &[],
                    86_400,
                )
            },
            client(
                "c0ffee00-0000-4000-8000-000000000006",
                "SSO bridge",
                "SAML2-BEARER",
                &[],
                &["users:readonly"],
                86_400,
            ),
            client(
                "c0ffee00-0000-4000-8000-000000000007",
                "Legacy kiosk",
                "PASSWORD",
                &[],
                &["presence", "user-basic-info"],
                86_400,
            ),
            Client {
                state: "disabled".into(),
                held_by_support: true,
                description:
                    "Disabled by Genesys Cloud support after a token leak; ask support before enabling."
                        .into(),
                ..client(
                    "c0ffee00-0000-4000-8000-000000000008",
                    "Paused partner app",
                    "CODE",
                    &["https://partner.example.com/callback"],
                    &["users:readonly"],
                    86_400,
                )
            },
            Client {
                state: "inactive".into(),
                date_to_delete: Some(iso(now + day * 10)),
                ..client(
                    "c0ffee00-0000-4000-8000-000000000009",
                    "Retired dashboard",
                    "TOKEN",
                    &["https://dash.example.com/"],
                    &["analytics:readonly"],
                    86_400,
                )
            },
            Client {
                description: "Créé en 2019 pour le portail partenaire — パートナー連携 (旧) 🚀. ".repeat(8),
                created: now - day * 2400,
                ..client(
                    "c0ffee00-0000-4000-8000-00000000000a",
                    "Partner portal (légacy) 日本語 🚀",
                    "CODE",
                    &["http://partner.example.com/oauth/callback", "com.example.partner://cb"],
                    &["users:readonly", "presence"],
                    7200,
                )
            },
            Client {
                // Deleted, in its seven-day grace period: the org still lists it.
                state: "deleted".into(),
                date_to_delete: Some(iso(now + day * 5)),
                created: now - day * 400,
                ..client(
                    "c0ffee00-0000-4000-8000-00000000000b",
                    "Old reporting app",
                    "CODE",
                    &["https://reports.example.com/callback"],
                    &["analytics:readonly"],
                    86_400,
                )
            },
            Client {
                // A role Ana Admin does not hold: she cannot change this client.
                role_divisions: vec![(roles[2].id.clone(), home.clone())],
                ..client(
                    "c0ffee00-0000-4000-8000-00000000000c",
                    "Queue monitor sync",
                    "CLIENT-CREDENTIALS",
                    &[],
                    &[],
                    3600,
                )
            },
        ];
        let scopes = SCOPES.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        Org {
            settings,
            users,
            roles,
            divisions,
            clients,
            tokens: HashMap::new(),
            codes: HashMap::new(),
            scopes,
            usage: crate::usage::Usage::seeded(crate::usage::day_of(now)),
            usage_queries: HashMap::new(),
            authorizations: crate::authorizations::seeded(now),
        }
    }

    /// `n` more clients, as a large org holds them (for the list at scale): names numbered from
    /// 1 with five digits, every grant, some disabled, dates spread over a year.
    pub fn seed_bulk(&mut self, n: usize) {
        let grants = ["CODE", "TOKEN", "CLIENT-CREDENTIALS", "SAML2-BEARER", "CODE"];
        let teams = ["sales", "support", "billing", "field ops", "analytics"];
        let now = SystemTime::now();
        let day = Duration::from_secs(86_400);
        let ana = self.users.first().map(|u| u.id.clone());
        let start = self.clients.len();
        for k in 0..n {
            let i = start + k;
            let grant = grants[i % grants.len()];
            let cc = grant == "CLIENT-CREDENTIALS";
            let web = grant == "CODE" || grant == "TOKEN";
            self.clients.push(Client {
                id: format!("b0000000-0000-4000-8000-{:012x}", i),
                name: format!("Bulk client {:05} ({})", k + 1, teams[i % teams.len()]),
                description: format!("Integration {} of the {} team", k + 1, teams[i % teams.len()]),
                grant: grant.into(),
                secret: random_string(43),
                redirect_uris: if web {
                    vec![format!("https://app{}.example.com/callback", k + 1)]
                } else {
                    vec![]
                },
                scope: if cc { vec![] } else { strings(&["users:readonly", "presence"]) },
                role_divisions: match self.roles.get(1) {
                    Some(role) if cc => vec![(role.id.clone(), "*".into())],
                    _ => vec![],
                },
                validity_s: 86_400,
                state: if i.is_multiple_of(10) { "disabled".into() } else { "active".into() },
                date_to_delete: None,
                created: now - day * (1 + (i % 365) as u32),
                modified: now - day * (i % 30) as u32,
                created_by: ana.clone(),
                modified_by: ana.clone(),
                held_by_support: false,
            });
        }
    }

    /// The org's default roles, as a fresh seed has them.
    pub fn default_roles() -> Vec<Role> {
        Org::seeded(Settings::default()).roles
    }

    /// The permissions a token acts with: its user's roles, or its client's roles.
    pub fn permissions(&self, t: &Token) -> Vec<String> {
        let role_ids: Vec<String> = match &t.user_id {
            Some(uid) => self.user(uid).map(|u| u.role_ids.clone()).unwrap_or_default(),
            None => self
                .client(&t.client_id)
                .map(|c| c.role_divisions.iter().map(|(r, _)| r.clone()).collect())
                .unwrap_or_default(),
        };
        self.roles.iter().filter(|r| role_ids.contains(&r.id)).flat_map(|r| r.permissions.clone()).collect()
    }

    /// The scopes a token carries (client-credentials tokens are not limited by scope).
    pub fn token_scopes(&self, t: &Token) -> Option<Vec<String>> {
        let c = self.client(&t.client_id)?;
        (c.grant != "CLIENT-CREDENTIALS").then(|| c.scope.clone())
    }

    /// The vendor's JSON for a client; the secret only when asked (create, regenerate).
    pub fn client_json(&self, c: &Client, with_secret: bool) -> Value {
        let mut v = json!({
            "id": c.id,
            "name": c.name,
            "description": c.description,
            "accessTokenValiditySeconds": c.validity_s,
            "registeredRedirectUri": c.redirect_uris,
            "roleIds": c.role_divisions.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>(),
            "authorizedGrantType": c.grant,
            "scope": c.scope,
            "roleDivisions": c.role_divisions.iter().map(|(r, d)| json!({"roleId": r, "divisionId": d})).collect::<Vec<_>>(),
            "state": c.state,
            "dateCreated": iso(c.created),
            "dateModified": iso(c.modified),
            "createdBy": self.named(&c.created_by),
            "modifiedBy": self.named(&c.modified_by),
            "selfUri": format!("/api/v2/oauth/clients/{}", c.id),
        });
        if let Some(d) = &c.date_to_delete {
            v["dateToDelete"] = json!(d);
        }
        if with_secret {
            v["secret"] = json!(c.secret);
        }
        v
    }

    pub fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn home_division(&self) -> &Division {
        self.divisions.iter().find(|d| d.home).unwrap_or(&self.divisions[0])
    }

    /// Issues a token for the client (and user), valid for the client's validity.
    pub fn issue_token(&mut self, client_id: &str, user_id: Option<String>) -> (String, u64) {
        let validity = self.client(client_id).map(|c| c.validity_s).unwrap_or(86_400);
        let token = random_string(64);
        let now = SystemTime::now();
        self.tokens.insert(
            token.clone(),
            Token {
                client_id: client_id.into(),
                user_id,
                expires_at: now + Duration::from_secs(validity),
                last_active: now,
            },
        );
        (token, validity)
    }

    /// Is this token valid right now (not expired, not idle, client still active)?
    pub fn check_token(&self, token: &str) -> Result<&Token, &'static str> {
        let t = self.tokens.get(token).ok_or("Invalid login credentials.")?;
        let now = SystemTime::now();
        if now >= t.expires_at {
            return Err("The token has expired.");
        }
        if let Some(idle) = self.settings.idle_timeout_of(&t.client_id) {
            if now >= t.last_active + Duration::from_secs(idle) {
                return Err("The token has been idle too long.");
            }
        }
        match self.client(&t.client_id).map(|c| c.state.as_str()) {
            Some("active") => Ok(t),
            Some(_) => Err("The OAuth client of this token is not active."),
            None => Err("The OAuth client of this token no longer exists."),
        }
    }

    pub fn named(&self, id: &Option<String>) -> Value {
        match id.as_deref().and_then(|id| self.user(id)) {
            Some(u) => json!({"id": u.id, "name": u.name, "selfUri": format!("/api/v2/users/{}", u.id)}),
            None => Value::Null,
        }
    }

    pub fn org_json(&self) -> Value {
        let id = org_id();
        json!({"id": id, "name": org_name(), "selfUri": format!("/api/v2/organizations/{id}")})
    }

    pub fn user_json(&self, u: &User, with_authorization: bool) -> Value {
        let division = self.divisions.iter().find(|d| d.id == u.division_id);
        let mut v = json!({
            "id": u.id,
            "name": u.name,
            "email": u.email,
            "username": u.email,
            "state": "active",
            "division": division.map(|d| json!({"id": d.id, "name": d.name, "selfUri": format!("/api/v2/authorization/divisions/{}", d.id)})),
            "organization": self.org_json(),
            "selfUri": format!("/api/v2/users/{}", u.id),
        });
        if with_authorization {
            let roles: Vec<&Role> = self.roles.iter().filter(|r| u.role_ids.contains(&r.id)).collect();
            let permissions: Vec<&String> = roles.iter().flat_map(|r| r.permissions.iter()).collect();
            v["authorization"] = json!({
                "roles": roles.iter().map(|r| json!({"id": r.id, "name": r.name})).collect::<Vec<_>>(),
                "permissions": permissions,
            });
        }
        v
    }
}
