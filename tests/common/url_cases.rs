//! Tricky URLs and how the console reads them: the address the browser would write
//! (`new URL(input).href`), or a refusal where the browser would read the text differently from
//! how it looks. Checked natively against `oauth_console::url::HttpUrl` (src/url.rs) and, in the
//! browser test layer (tests/browser.rs), against the browser's own parser: a disagreement fails
//! the build.

/// What the console makes of an input.
#[derive(Clone, Copy, Debug)]
pub enum Expect {
    /// Accepted; this is the browser's `href` of it.
    Href(&'static str),
    /// Refused where it is typed.
    Refused,
}

#[derive(Clone, Copy, Debug)]
pub struct Case {
    pub input: &'static str,
    pub expect: Expect,
}

const fn ok(input: &'static str, href: &'static str) -> Case {
    Case { input, expect: Expect::Href(href) }
}

const fn no(input: &'static str) -> Case {
    Case { input, expect: Expect::Refused }
}

pub const CASES: &[Case] = &[
    // Plain addresses: scheme and host lower-cased, a path added, outer spaces ignored.
    ok("https://login.mypurecloud.com", "https://login.mypurecloud.com/"),
    ok("HTTPS://LOGIN.MyPureCloud.COM/oauth/authorize", "https://login.mypurecloud.com/oauth/authorize"),
    ok("  https://api.mypurecloud.de/ ", "https://api.mypurecloud.de/"),
    ok("https://A-B.Example/Path/Case", "https://a-b.example/Path/Case"),
    ok("https://a_b.example/", "https://a_b.example/"),
    ok("HTTP://LOCALHOST/", "http://localhost/"),
    ok("https://localhost:3000/callback", "https://localhost:3000/callback"),
    ok("https://a.example?x", "https://a.example/?x"),
    ok("https://a.example#f", "https://a.example/#f"),
    ok("https://a.example/?", "https://a.example/?"),
    ok("https://a.example/a?b=c&d=%20", "https://a.example/a?b=c&d=%20"),
    ok("https://0xg.example/", "https://0xg.example/"),
    // The host the browser calls is not the one the text seems to name: refused.
    no("http://127.0.0.1:18666\\@127.0.0.1:18787"),
    no("https://user:pw@login.example.com/"),
    no("https://login.mypurecloud.com@evil.example/"),
    no("https://a.example:443@b.example/"),
    no("https://evil.example\\login.mypurecloud.com"),
    no("https:\\\\evil.example/"),
    no("http://[::1]:8080\\@evil.example/"),
    no("https:/evil.example/"),
    no("https:evil.example"),
    no("https:///evil.example/"),
    no("https://login.mypurecloud.com\t.evil/"),
    no("https://a.example\n/x"),
    no("https://exa mple.com/"),
    no("https://a.example/\u{1}x"),
    // Host names: encoded, international, empty parts.
    ok("https://login.mypurecloud.com./x", "https://login.mypurecloud.com./x"),
    no("https://%6Cogin.mypurecloud.com/"),
    no("https://l\u{f6}gin.example/"),
    no("https://xn--lgin-5qa.example/"),
    no("https://a..example/"),
    no("https://.a.example/"),
    no("https://a.exa!mple/"),
    // Numbers as hosts: only four decimal parts.
    ok("http://127.0.0.1:8080/cb", "http://127.0.0.1:8080/cb"),
    ok("http://127.0.0.1./", "http://127.0.0.1/"),
    no("http://127.1/"),
    no("http://0x7f.0.0.1/"),
    no("http://2130706433/"),
    no("http://0177.0.0.1/"),
    no("http://1.2.3.4.5/"),
    no("http://example.123/"),
    no("https://0x/"),
    no("http://256.0.0.1/"),
    no("http://0X7F.0.0.1/"),
    no("http://a.1./"),
    no("http://1.2.3.4../"),
    // IPv6.
    ok("http://[::1]:8080/", "http://[::1]:8080/"),
    ok("http://[0:0:0:0:0:0:0:1]/", "http://[::1]/"),
    ok("http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/"),
    ok("http://[1:0:0:2:0:0:0:3]/", "http://[1:0:0:2::3]/"),
    ok("http://[FE80::A]/", "http://[fe80::a]/"),
    ok("http://[::1.2.3.4]/", "http://[::102:304]/"),
    ok("http://[1::]/", "http://[1::]/"),
    ok("http://[1:0:0:2:0:0:3:4]/", "http://[1::2:0:0:3:4]/"),
    no("http://[fe80::1%25eth0]/"),
    no("http://[::1/"),
    no("http://[::1]x/"),
    // Ports: the scheme's default dropped.
    ok("https://a.example:443/", "https://a.example/"),
    ok("http://a.example:80/", "http://a.example/"),
    ok("https://a.example:80/", "https://a.example:80/"),
    ok("http://a.example:0080/", "http://a.example/"),
    ok("https://a.example:/x", "https://a.example/x"),
    no("https://a.example:65536/"),
    no("https://a.example:8a/"),
    no("https://a.example:1:2/"),
    no("https://a.example:+80/"),
    // Paths: dot segments resolved, escapes kept, non-ASCII escaped.
    ok("https://a.example/a/./b/../c", "https://a.example/a/c"),
    no("https://a.example/a/%2e%2E/b"),
    ok("https://a.example/a/..", "https://a.example/"),
    no("https://a.example/%2e/b"),
    no("https://a.example/a/%2E"),
    // Escapes of characters that need none: Chromium decodes them in a path, the standard not.
    no("https://a.example/%41"),
    no("https://a.example/v1%2ejson"),
    no("https://a.example/.%2E/"),
    no("https://a.example/a%7Eb"),
    ok("https://a.example/a%20b%2Fc", "https://a.example/a%20b%2Fc"),
    ok("https://a.example/?q=%41", "https://a.example/?q=%41"),
    ok("https://a.example/caf\u{e9}?q=\u{e9}#\u{e9}", "https://a.example/caf%C3%A9?q=%C3%A9#%C3%A9"),
    ok("https://a.example/?q='x'", "https://a.example/?q=%27x%27"),
    ok("https://a.example/it's", "https://a.example/it's"),
    ok("https://a.example/a?b#c?d", "https://a.example/a?b#c?d"),
    no("https://a.example/%41%zz"),
    no("https://a.example/{x}"),
    no("https://a.example/a\"b"),
    no("https://a.example/?a<b"),
    // Not an http(s) URL at all.
    no("ftp://a.example/"),
    no("javascript:alert(1)"),
    no("//a.example/x"),
    no("a.example/x"),
    no("https://"),
    no(""),
];
