/** PDeck accounts: registration data, profile and preferences, deletion of a user and everything they own. */
package app.pdeck.user;
