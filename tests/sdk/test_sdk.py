"""The sandbox org driven by a client no one here wrote: the vendor's official Python SDK
(PureCloudPlatformClientV2). Every response must deserialize into the SDK's models and give
back the fields the SDK sent.

usage: python tests/sdk/test_sdk.py [path/to/sandbox-org]
"""

import datetime
import re
import subprocess
import sys
import unittest
import urllib.parse
import urllib.request

import PureCloudPlatformClientV2 as gc
from PureCloudPlatformClientV2.rest import ApiException

SANDBOX = sys.argv.pop(1) if len(sys.argv) > 1 else "target/debug/sandbox-org"
CONSOLE_IMPLICIT = "5b0a1c7e-6f1d-4e3a-9c1b-1a2b3c4d5e01"
ANA = "a11ce000-0000-4000-8000-000000000001"
DEVELOPER_ROLE = "b6b1e1a0-0000-4000-8000-000000000002"
SCIM_ROLE = "b6b1e1a0-0000-4000-8000-000000000005"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def user_token(base):
    """A user token, by the sandbox org's sign-in form (what a browser would do)."""
    form = urllib.parse.urlencode({
        "client_id": CONSOLE_IMPLICIT, "redirect_uri": "http://127.0.0.1:8080/",
        "response_type": "token", "state": "sdk", "user_id": ANA,
    }).encode()
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(urllib.request.Request(base + "/oauth/authorize", data=form))
        raise AssertionError("expected a redirect")
    except urllib.error.HTTPError as e:
        location = e.headers["Location"]
    return dict(urllib.parse.parse_qsl(location.split("#", 1)[1]))["access_token"]


class SdkAgainstSandbox(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc = subprocess.Popen([SANDBOX, "--port", "0"], stdout=subprocess.PIPE, text=True)
        line = cls.proc.stdout.readline()
        cls.base = re.search(r"(http://[0-9.:]+)", line).group(1)
        gc.configuration.host = cls.base
        cls.api = gc.api_client.ApiClient()
        cls.api.host = cls.base
        cls.api.access_token = user_token(cls.base)
        cls.oauth = gc.OAuthApi(cls.api)
        cls.authz = gc.AuthorizationApi(cls.api)

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait()

    def request(self, **fields):
        req = gc.OAuthClientRequest()
        for k, v in fields.items():
            setattr(req, k, v)
        return req

    def test_clients_lifecycle(self):
        sent = self.request(
            name="SDK app", description="made by the vendor SDK", authorized_grant_type="CODE",
            access_token_validity_seconds=3600, registered_redirect_uri=["https://app.example.com/cb"],
            scope=["users:readonly", "oauth"], state="active",
        )
        created = self.oauth.post_oauth_clients(sent)
        self.assertIsInstance(created, gc.OAuthClient)
        for f in ["name", "description", "authorized_grant_type", "access_token_validity_seconds",
                  "registered_redirect_uri", "scope", "state"]:
            self.assertEqual(getattr(created, f), getattr(sent, f), f)
        self.assertTrue(created.secret)
        self.assertIsInstance(created.date_created, datetime.datetime)
        self.assertEqual(created.created_by.name, "Ana Admin")

        listing = self.oauth.get_oauth_clients()
        self.assertIsInstance(listing, gc.OAuthClientEntityListing)
        ids = [c.id for c in listing.entities]
        self.assertIn(created.id, ids)
        grants = {c.authorized_grant_type for c in listing.entities}
        self.assertEqual(grants, {"CODE", "TOKEN", "SAML2-BEARER", "PASSWORD", "CLIENT-CREDENTIALS"})
        self.assertTrue(all(c.secret is None for c in listing.entities))

        got = self.oauth.get_oauth_client(created.id)
        self.assertEqual(got.name, "SDK app")
        self.assertIsNone(got.secret)

        sent.name = "SDK app v2"
        sent.registered_redirect_uri = ["https://app.example.com/a", "https://app.example.com/b"]
        updated = self.oauth.put_oauth_client(created.id, sent)
        self.assertEqual(updated.name, "SDK app v2")
        self.assertEqual(updated.registered_redirect_uri, sent.registered_redirect_uri)

        regenerated = self.oauth.post_oauth_client_secret(created.id)
        self.assertTrue(regenerated.secret)
        self.assertNotEqual(regenerated.secret, created.secret)

        sent.state = "inactive"
        sent.date_to_delete = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
        inactive = self.oauth.put_oauth_client(created.id, sent)
        self.assertEqual(inactive.state, "inactive")
        self.assertEqual(inactive.date_to_delete.year, 2030)
        self.oauth.delete_oauth_client(created.id)
        with self.assertRaises(ApiException) as err:
            self.oauth.get_oauth_client(created.id)
        self.assertEqual(err.exception.status, 404)

    def test_validation_error_is_an_error_body(self):
        with self.assertRaises(ApiException) as err:
            self.oauth.post_oauth_clients(self.request(
                name="too short", authorized_grant_type="CODE", access_token_validity_seconds=299,
                registered_redirect_uri=["https://a.example.com/"], scope=["oauth"]))
        self.assertEqual(err.exception.status, 400)
        response = type("Response", (), {"data": err.exception.body, "getheader": lambda self, name: "application/json"})()
        body = self.api.deserialize(response, "ErrorBody")
        self.assertEqual(body.status, 400)
        self.assertEqual(body.details[0].field_name, "accessTokenValiditySeconds")

    def test_client_credentials_with_roles(self):
        rd = gc.RoleDivision()
        rd.role_id = DEVELOPER_ROLE
        rd.division_id = "*"
        sent = self.request(name="SDK service", authorized_grant_type="CLIENT-CREDENTIALS",
                            access_token_validity_seconds=7200, role_divisions=[rd])
        created = self.oauth.post_oauth_clients(sent)
        self.assertEqual(created.role_divisions[0].role_id, DEVELOPER_ROLE)
        self.assertEqual(created.role_divisions[0].division_id, "*")
        # The SDK's own client-credentials login, against the sandbox org's token endpoint.
        service = gc.api_client.ApiClient()
        service.host = self.base
        service.get_client_credentials_token(created.id, created.secret)
        info = gc.TokensApi(service).get_tokens_me()
        self.assertIsInstance(info, gc.TokenInfo)
        self.assertEqual(info.o_auth_client.id, created.id)
        self.assertEqual(info.o_auth_client.authorized_grant_type, "CLIENT-CREDENTIALS")
        listing = gc.OAuthApi(service).get_oauth_clients()
        self.assertGreater(len(listing.entities), 0)

    def test_what_real_orgs_hold(self):
        """The seeded shapes a real org holds read into the SDK's models."""
        nightly = self.oauth.get_oauth_client("c0ffee00-0000-4000-8000-000000000005")
        pairs = [(rd.role_id, rd.division_id) for rd in nightly.role_divisions]
        self.assertEqual(len(pairs), 3)
        self.assertEqual([r for r, _ in pairs].count(DEVELOPER_ROLE), 2, "one role in two divisions")
        self.assertIn("*", [d for _, d in pairs])
        legacy = self.oauth.get_oauth_client("c0ffee00-0000-4000-8000-00000000000a")
        self.assertEqual(legacy.registered_redirect_uri,
                         ["http://partner.example.com/oauth/callback", "com.example.partner://cb"])
        self.assertIn("日本語 🚀", legacy.name)
        self.assertIn("パートナー連携", legacy.description)
        held = self.oauth.get_oauth_client("c0ffee00-0000-4000-8000-000000000008")
        self.assertEqual(held.state, "disabled")
        roles = self.authz.get_authorization_roles(page_size=100).entities
        scim = [r for r in roles if r.id == SCIM_ROLE][0]
        self.assertEqual(scim.default_role_id, "scim_integration")

    def test_what_real_orgs_accept_and_refuse(self):
        dev_home = gc.RoleDivision()
        dev_home.role_id, dev_home.division_id = DEVELOPER_ROLE, "d1a2b3c4-0000-4000-8000-000000000001"
        dev_sales = gc.RoleDivision()
        dev_sales.role_id, dev_sales.division_id = DEVELOPER_ROLE, "d1a2b3c4-0000-4000-8000-000000000002"
        scim_all = gc.RoleDivision()
        scim_all.role_id, scim_all.division_id = SCIM_ROLE, "*"
        made = self.oauth.post_oauth_clients(self.request(
            name="SDK multi-division", authorized_grant_type="CLIENT-CREDENTIALS",
            access_token_validity_seconds=3600, role_divisions=[dev_home, scim_all, dev_sales]))
        self.assertEqual([(r.role_id, r.division_id) for r in made.role_divisions],
                         [(DEVELOPER_ROLE, dev_home.division_id), (SCIM_ROLE, "*"), (DEVELOPER_ROLE, dev_sales.division_id)])
        native = self.oauth.post_oauth_clients(self.request(
            name="SDK native app", authorized_grant_type="CODE", access_token_validity_seconds=3600,
            registered_redirect_uri=["com.example.sdk:/oauth2redirect", "http://partner.example.com/cb"],
            scope=["users:readonly"]))
        self.assertEqual(native.registered_redirect_uri[0], "com.example.sdk:/oauth2redirect")
        # The implicit grant is retired: refused without details, as the vendor does.
        with self.assertRaises(ApiException) as err:
            self.oauth.post_oauth_clients(self.request(
                name="SDK implicit", authorized_grant_type="TOKEN", access_token_validity_seconds=3600,
                registered_redirect_uri=["https://a.example.com/"], scope=["oauth"]))
        body = self.error_body(err.exception)
        self.assertEqual((body.status, body.code, body.details), (400, "bad.request", []))
        # A client disabled by support keeps its state.
        held = self.oauth.get_oauth_client("c0ffee00-0000-4000-8000-000000000008")
        again = self.request(name=held.name, authorized_grant_type=held.authorized_grant_type,
                             access_token_validity_seconds=held.access_token_validity_seconds,
                             registered_redirect_uri=held.registered_redirect_uri, scope=held.scope, state="active")
        with self.assertRaises(ApiException) as err:
            self.oauth.put_oauth_client(held.id, again)
        self.assertIn("disabled by Genesys Cloud support", self.error_body(err.exception).message)
        # An unknown token: 401 bad.credentials.
        stranger = gc.api_client.ApiClient()
        stranger.host, stranger.access_token = self.base, "not-a-token"
        with self.assertRaises(ApiException) as err:
            gc.UsersApi(stranger).get_users_me()
        self.assertEqual((err.exception.status, self.error_body(err.exception).code), (401, "bad.credentials"))

    def error_body(self, exc):
        response = type("Response", (), {"data": exc.body, "getheader": lambda self, name: "application/json"})()
        return self.api.deserialize(response, "ErrorBody")

    def test_scopes_roles_divisions(self):
        scopes = self.oauth.get_oauth_scopes()
        self.assertIsInstance(scopes, gc.OAuthScopeListing)
        self.assertIn("oauth", [s.id for s in scopes.entities])
        self.assertTrue(all(s.description for s in scopes.entities))

        roles = self.authz.get_authorization_roles(page_size=2, page_number=1)
        self.assertIsInstance(roles, gc.OrganizationRoleEntityListing)
        self.assertEqual(len(roles.entities), 2)
        self.assertEqual(roles.page_count, 3)
        names = [r.name for r in self.authz.get_authorization_roles(page_size=100).entities]
        self.assertIn("SCIM Integration", names)
        restored = self.authz.post_authorization_roles_default()
        self.assertIn("SCIM Integration", [r.name for r in restored.entities])

        divisions = self.authz.get_authorization_divisions()
        self.assertIsInstance(divisions, gc.AuthzDivisionEntityListing)
        self.assertEqual(len(divisions.entities), 3)
        home = self.authz.get_authorization_divisions_home()
        self.assertTrue(home.home_division)

    def test_usage_query(self):
        # The calls this test makes are counted under the token's client.
        self.oauth.get_oauth_scopes()
        started = self.oauth.get_oauth_client_usage_summary(CONSOLE_IMPLICIT, days="7")
        self.assertIsInstance(started, gc.UsageExecutionResult)
        self.assertIn(started.execution_id, started.results_uri)
        first = self.oauth.get_oauth_client_usage_query_result(started.execution_id, CONSOLE_IMPLICIT)
        self.assertIsInstance(first, gc.ApiUsageQueryResult)
        self.assertEqual(first.query_status, "Running")
        done = self.oauth.get_oauth_client_usage_query_result(started.execution_id, CONSOLE_IMPLICIT)
        self.assertEqual(done.query_status, "Complete")
        scopes = [r for r in done.results if r.template_uri == "/api/v2/oauth/scopes"]
        self.assertTrue(scopes)
        self.assertIsInstance(scopes[0], gc.ApiUsageRow)
        self.assertIsInstance(scopes[0].date, datetime.datetime)
        self.assertGreaterEqual(scopes[0].status200, 1)
        self.assertEqual(scopes[0].client_id, CONSOLE_IMPLICIT)

    def test_authorized_apps(self):
        listing = self.oauth.get_oauth_authorizations()
        self.assertIsInstance(listing, gc.OAuthAuthorizationListing)
        acme = [a for a in listing.entities if a.client.name == "Acme Wallboards"][0]
        self.assertIsInstance(acme, gc.OAuthAuthorization)
        self.assertEqual(acme.state, "Authorized")
        self.assertIsInstance(acme.date_created, datetime.datetime)
        self.assertIn("analytics:readonly", acme.scope)
        self.assertEqual(listing.total, len(listing.entities))

    def test_tokens_and_users_me(self):
        info = gc.TokensApi(self.api).get_tokens_me(preserve_idle_ttl=True)
        self.assertEqual(info.organization.name, "Sandbox Org")
        self.assertEqual(info.o_auth_client.id, CONSOLE_IMPLICIT)
        self.assertIn("oauth", info.authorized_scope)
        me = gc.UsersApi(self.api).get_users_me(expand=["authorization"])
        self.assertIsInstance(me, gc.UserMe)
        self.assertEqual(me.name, "Ana Admin")
        self.assertIn("SCIM Integration", [r.name for r in me.authorization.roles])
        self.assertEqual(me.division.name, "Home")


if __name__ == "__main__":
    unittest.main(verbosity=2)
