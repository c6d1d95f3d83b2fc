package app.pdeck.security;

import jakarta.nosql.Column;
import jakarta.nosql.Embeddable;

/** A secret at rest: AES-GCM ciphertext (IV first, base64) and the id of the key that sealed it. */
@Embeddable(Embeddable.EmbeddableType.GROUPING)
public class EncryptedValue {

    @Column
    private String keyId;

    @Column
    private String ciphertext;

    public EncryptedValue() {
    }

    public EncryptedValue(String keyId, String ciphertext) {
        this.keyId = keyId;
        this.ciphertext = ciphertext;
    }

    public String getKeyId() {
        return keyId;
    }

    public String getCiphertext() {
        return ciphertext;
    }
}
