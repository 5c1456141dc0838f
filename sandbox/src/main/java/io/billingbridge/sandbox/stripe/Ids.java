package io.billingbridge.sandbox.stripe;

import java.security.SecureRandom;

/** Generates Stripe-looking random identifiers such as {@code cus_Q1w2E3r4T5y6U7}. */
final class Ids {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next(String prefix) {
        return prefix + "_" + random(24);
    }

    static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    static String requestId() {
        return "req_" + random(14);
    }

    static String checkoutSession() {
        return "cs_test_" + random(58);
    }

    static String webhookSecret() {
        return "whsec_" + random(32);
    }

    static String invoicePrefix() {
        StringBuilder out = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(36)));
        }
        return out.toString();
    }
}
