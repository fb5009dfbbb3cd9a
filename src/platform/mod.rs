//! The Genesys Cloud Platform API: typed models, one method per endpoint on [`api::Api`], typed
//! errors, the product rules, the list's logic, templates and the plans of client actions.

pub mod actions;
pub mod api;
pub mod authorizations;
pub mod body;
pub mod bulk;
pub mod dates;
pub mod draft;
pub mod error;
pub mod grants;
pub mod handoff;
pub mod import_plan;
pub mod lifecycle;
pub mod links;
pub mod listing;
pub mod migrate_flows;
pub mod migration;
pub mod model;
mod open_enum;
pub mod pace;
pub mod reads;
pub mod redirects;
pub mod replace;
pub mod retry;
pub mod rules;
pub mod save;
pub mod selection;
pub mod shown;
pub mod templates;
pub mod terraform;
pub mod transfer;
pub mod usage;
pub mod usage_list;
pub mod usage_model;

/// The wall clock in ms, handed in by the caller: nothing in `platform` reads it itself.
pub type Clock = fn() -> u64;
