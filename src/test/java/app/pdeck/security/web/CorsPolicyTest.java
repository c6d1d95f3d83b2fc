package app.pdeck.security.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    @Test
    void nothingIsAllowedByDefault() {
        assertFalse(CorsPolicy.parse(null).allows("https://app.pdeck.test"));
        assertFalse(CorsPolicy.parse("").allows("https://app.pdeck.test"));
        assertFalse(CorsPolicy.parse("").allows("null"));
    }

    @Test
    void configuredOriginsMatchExactlyIgnoringCaseAndATrailingSlash() {
        CorsPolicy policy = CorsPolicy.parse(" https://app.pdeck.test/ ,https://admin.pdeck.test:8443");
        assertTrue(policy.allows("https://APP.pdeck.test"));
        assertTrue(policy.allows("https://admin.pdeck.test:8443"));
        assertFalse(policy.allows("http://app.pdeck.test"));
        assertFalse(policy.allows("https://app.pdeck.test.evil.example"));
        assertFalse(policy.allows("https://admin.pdeck.test"));
    }
}
