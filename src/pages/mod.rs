//! One file per admin screen, view code only; pages never import pages.

pub mod authorizations;
pub mod client_editor;
pub mod client_view;
pub mod clients;
pub mod home;
pub mod import;
pub mod migrate;
pub mod not_found;
pub mod sign_in;
