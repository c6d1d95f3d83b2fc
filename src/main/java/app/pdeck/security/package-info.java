/** Sign-in: password hashing, JWT issuance and revocation, the caller's identity and role checks. */
package app.pdeck.security;
