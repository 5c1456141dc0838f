package io.billingbridge.sandbox.clerk;

import java.util.List;

/** The dev instance's sign-in page: pick a user and, optionally, one of their organizations. */
final class SignInPage {
    private SignInPage() {
    }

    static String render(DevStore store, String redirectUrl) {
        StringBuilder rows = new StringBuilder();
        for (DevUser user : store.users(false)) {
            String name = escape((nullToEmpty(user.firstName()) + " " + nullToEmpty(user.lastName())).trim());
            rows.append("<li><strong>").append(name).append("</strong> <code>").append(escape(user.id()))
                    .append("</code> ").append(button(user.id(), "", "personal account"));
            List<DevMembership> memberships = store.membershipsOf(user.id());
            for (DevMembership m : memberships) {
                String orgName = store.organization(m.organizationId()).map(DevOrganization::name).orElse("?");
                rows.append(' ').append(button(user.id(), m.organizationId(),
                        orgName + " (" + m.role() + ")"));
            }
            rows.append("</li>\n");
        }
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Clerk dev instance - sign in</title>
                <style>body{font-family:sans-serif;max-width:52rem;margin:2rem auto}li{margin:.6rem 0}
                button{margin:0 .2rem}pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.5rem}</style>
                </head><body>
                <h1>Clerk dev instance</h1>
                <p>A local stand-in for Clerk. Choose who to be; the session token lasts 60 seconds and is
                refreshed while this page is open. It is set as the <code>__session</code> cookie for this host.</p>
                <ul>
                %s</ul>
                <p><button onclick="refresh()">Refresh token</button> <button onclick="signOut()">Sign out</button></p>
                <pre id="out"></pre>
                <script>
                const redirectUrl = %s;
                const out = document.getElementById('out');
                async function call(path, body) {
                  const r = await fetch(path, {method: 'POST', credentials: 'include',
                    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body || {})});
                  const json = await r.json();
                  out.textContent = JSON.stringify(json, null, 2);
                  return r.ok;
                }
                async function signIn(userId, orgId) {
                  const ok = await call('/_sandbox/sign-in', {user_id: userId, organization_id: orgId || null});
                  if (ok && redirectUrl) { window.location = redirectUrl; }
                }
                function refresh() { return call('/_sandbox/refresh'); }
                function signOut() { return call('/_sandbox/sign-out'); }
                setInterval(() => { if (document.cookie.includes('__session=')) { refresh(); } }, 50000);
                </script>
                </body></html>
                """.formatted(rows, redirectUrl == null ? "null" : "'" + escapeJs(redirectUrl) + "'");
    }

    private static String button(String userId, String orgId, String label) {
        return "<button onclick=\"signIn('" + escape(escapeJs(userId)) + "','" + escape(escapeJs(orgId)) + "')\">"
                + escape(label) + "</button>";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String escapeJs(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '/' || c == '.'
                    || c == '?' || c == '=' || c == '&') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
