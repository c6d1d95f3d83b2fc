/** Integrations: connections of a user's account to outside services; their access tokens are encrypted at rest. */
package app.pdeck.integration;
