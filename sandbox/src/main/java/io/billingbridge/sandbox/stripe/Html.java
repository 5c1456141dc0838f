package io.billingbridge.sandbox.stripe;

/** HTML building with escaping of everything that comes from data. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:720px;margin:2em auto;padding:0 1em;color:#1a1f36}"
                + "table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border-bottom:1px solid #e3e8ee;"
                + "padding:.5em;text-align:left}.error{color:#c0123c;font-weight:bold}.banner{background:#fff4d6;"
                + "padding:.5em 1em;border-radius:4px}form.inline{display:inline}input,select,button{padding:.4em;"
                + "margin:.2em}button{background:#635bff;color:#fff;border:0;border-radius:4px;cursor:pointer}"
                + "</style></head><body><p class=\"banner\">Sandbox: Billing Bridge Stripe emulator, test mode."
                + " No real money moves.</p>" + body + "</body></html>";
    }
}
