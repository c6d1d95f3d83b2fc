package app.pdeck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    @Test
    void detailsNamedLikeSecretsAreRedactedAndTheRestKeptAsText() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("newPassword", "hunter2-hunter2");
        details.put("accessToken", "ghp_abc");
        details.put("clientSecret", "s3");
        details.put("ciphertext", "AAAA");
        details.put("keyId", "k2");
        details.put("rewritten", 12);
        Map<String, Object> clean = AuditTrail.sanitize(details);
        assertEquals(AuditTrail.REDACTED, clean.get("newPassword"));
        assertEquals(AuditTrail.REDACTED, clean.get("accessToken"));
        assertEquals(AuditTrail.REDACTED, clean.get("clientSecret"));
        assertEquals(AuditTrail.REDACTED, clean.get("ciphertext"));
        assertEquals("k2", clean.get("keyId"));
        assertEquals("12", clean.get("rewritten"));
    }
}
