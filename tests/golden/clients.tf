# OAuth clients for the Genesys Cloud Terraform provider (CX as Code), written by oauth-console.
# Roles and divisions are looked up by name; replace the data sources with your own references if you manage them here.
# Client secrets are never exported: the provider creates new ones.

data "genesyscloud_auth_role" "role_developer" {
  name = "Developer"
}

data "genesyscloud_auth_division" "division_home" {
  name = "Home"
}

data "genesyscloud_auth_division" "division_emea_west" {
  name = "EMEA \"West\""
}

data "genesyscloud_auth_role" "role_scim_integration" {
  name = "SCIM Integration"
}

resource "genesyscloud_oauth_client" "crm_embeddable_framework" {
  name                          = "CRM Embeddable Framework"
  description                   = "Agents' CRM\nsecond line"
  access_token_validity_seconds = 64800
  authorized_grant_type         = "TOKEN"
  registered_redirect_uris      = ["https://apps.mypurecloud.com/crm/index.html"]
  scopes                        = ["conversations", "users:readonly"]
  state                         = "active"
}

resource "genesyscloud_oauth_client" "nightly_export" {
  name                          = "Nightly export"
  access_token_validity_seconds = 86400
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  state                         = "inactive" # disabled in the org; the provider takes only active or inactive
  roles {
    role_id     = data.genesyscloud_auth_role.role_developer.id
    division_id = data.genesyscloud_auth_division.division_home.id
  }
  roles {
    role_id     = data.genesyscloud_auth_role.role_developer.id
    division_id = data.genesyscloud_auth_division.division_emea_west.id
  }
  roles {
    role_id     = data.genesyscloud_auth_role.role_scim_integration.id
    division_id = "*" # all divisions
  }
  roles {
    role_id     = "r-gone" # the org did not name this role
    division_id = "d-gone" # the org did not name this division
  }
}

resource "genesyscloud_oauth_client" "template_danger_x" {
  name                          = "Template $${danger} %%{x}"
  authorized_grant_type         = "CODE"
  registered_redirect_uris      = ["myapp://cb?x=\"1\""]
  state                         = "inactive"
}

resource "genesyscloud_oauth_client" "sso_bridge" {
  name                          = "SSO bridge"
  authorized_grant_type         = "SAML2BEARER"
  scopes                        = ["users:readonly"]
  state                         = "active"
}

resource "genesyscloud_oauth_client" "old_reporting_app" {
  name                          = "Old reporting app"
  authorized_grant_type         = "CODE"
  registered_redirect_uris      = ["https://reports.example.com/callback"]
  scopes                        = ["analytics:readonly"]
  state                         = "inactive" # deleted in the org; the provider takes only active or inactive
}
