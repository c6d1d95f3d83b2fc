/** Secrets in the WildFly Elytron credential store, served as configuration, and their rotation on the backends. */
package app.pdeck.security.credential;
